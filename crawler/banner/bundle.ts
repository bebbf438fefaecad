/**
 * The heuristic detector (heuristic.ts) bundled by esbuild into a self-contained script that can
 * be evaluated in any frame, built once per process.
 *
 * @example
 *   await frame.evaluate(heuristicCall('detectBanner', wording));
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { BannerWording, ControlKind } from '../../banner/wording.ts';

const GLOBAL = '__cookieAuditBannerHeuristic';

/** How the heuristic is bundled, here at first use and by scripts/build-cli.ts ahead of time. */
export const HEURISTIC_BUILD = {
  bundle: true, write: false, format: 'iife', globalName: GLOBAL, target: 'es2020', platform: 'browser', minify: true,
} as const;
export const HEURISTIC_ENTRY = fileURLToPath(new URL('../../banner/heuristic.ts', import.meta.url));

// The compiled CLI (scripts/build-cli.ts) defines this constant with the ready-made bundle.
declare const __COOKIE_AUDIT_HEURISTIC_IIFE__: string | undefined;
let cached: string | null = typeof __COOKIE_AUDIT_HEURISTIC_IIFE__ === 'string' ? __COOKIE_AUDIT_HEURISTIC_IIFE__ : null;

/** The IIFE source; it defines `var __cookieAuditBannerHeuristic` where it is evaluated. */
export function heuristicSource(): string {
  if (cached) return cached;
  // esbuild is loaded only when running from source (tests, tsx); the compiled CLI never needs it.
  const { buildSync } = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  cached = buildSync({ ...HEURISTIC_BUILD, entryPoints: [HEURISTIC_ENTRY] }).outputFiles[0]!.text;
  return cached;
}

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
