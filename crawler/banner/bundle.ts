/**
 * The heuristic detector (banner/heuristic.ts) as a self-contained script that can be evaluated in
 * any frame (crawler/in-page.ts bundles it).
 *
 * @example
 *   await frame.evaluate(heuristicCall('detectBanner', wording));
 */
import type { BannerWording, ControlKind } from '../../banner/wording.ts';
import { IN_PAGE, inPageSource } from '../in-page.ts';

const GLOBAL = IN_PAGE.heuristic.globalName;

/** The IIFE source; it defines `var __cookieAuditBannerHeuristic` where it is evaluated. */
export const heuristicSource = (): string => inPageSource('heuristic');

type Call =
  | ['detectBanner', BannerWording]
  | ['clickBannerButton', BannerWording, ControlKind]
  | ['refuseWithToggles', BannerWording]
  | ['bannerGone', BannerWording, string | null];

/**
 * An expression that runs one heuristic export on the frame's document and returns its result,
 * without leaving globals behind (the bundle's `var` stays local to a function).
 */
export function heuristicCall(...call: Call): string {
  const [fn, ...args] = call;
  const argList = args.map((a) => JSON.stringify(a)).join(', ');
  return `(() => { ${heuristicSource()}; return ${GLOBAL}.${fn}(document, ${argList}); })()`;
}
