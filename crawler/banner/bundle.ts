/**
 * The heuristic detector (heuristic.ts) bundled by esbuild into a self-contained script that can
 * be evaluated in any frame, built once per process.
 *
 * @example
 *   await frame.evaluate(heuristicCall('detectBanner', wording));
 */
import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { BannerWording, ControlKind } from '../../banner/wording.ts';

const GLOBAL = '__cookieAuditBannerHeuristic';
let cached: string | null = null;

/** The IIFE source; it defines `var __cookieAuditBannerHeuristic` where it is evaluated. */
export function heuristicSource(): string {
  if (cached) return cached;
  const result = buildSync({
    entryPoints: [fileURLToPath(new URL('../../banner/heuristic.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: GLOBAL,
    target: 'es2020',
    platform: 'browser',
    minify: true,
  });
  cached = result.outputFiles[0]!.text;
  return cached;
}

type Call =
  | ['detectBanner', BannerWording]
  | ['clickBannerButton', BannerWording, ControlKind]
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
