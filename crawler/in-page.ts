/**
 * The scripts the crawler evaluates in pages, each bundled by esbuild from the TypeScript both
 * collectors share (the extension bundles the same files into itself): self-contained IIFEs that
 * define one `var` where they are evaluated, built once per process when running from source and
 * ahead of time into the compiled CLI (scripts/build-cli.ts).
 *
 * @example `(() => { ${inPageSource('cookieHook')}; ${IN_PAGE.cookieHook.globalName}.start(…); })()`
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const IN_PAGE = {
  /** The banner heuristic (banner/heuristic.ts), run in each frame's isolated world. */
  heuristic: { entry: '../banner/heuristic.ts', globalName: '__cookieAuditBannerHeuristic' },
  /** The document.cookie hook (hook/crawler-page.ts), run in each new document before its scripts. */
  cookieHook: { entry: '../hook/crawler-page.ts', globalName: '__cookieAuditHook' },
} as const;
export type InPageScript = keyof typeof IN_PAGE;

/** Bundles one in-page script (esbuild: from source, or by scripts/build-cli.ts ahead of time). */
export function buildInPage(name: InPageScript, esbuild: Pick<typeof import('esbuild'), 'buildSync'>): string {
  const { entry, globalName } = IN_PAGE[name];
  return esbuild.buildSync({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
    bundle: true, write: false, format: 'iife', globalName, target: 'es2020', platform: 'browser', minify: true,
  }).outputFiles[0]!.text;
}

// The compiled CLI (scripts/build-cli.ts) defines this constant with the ready-made bundles.
declare const __COOKIE_AUDIT_IN_PAGE__: Record<InPageScript, string> | undefined;
const cached: Partial<Record<InPageScript, string>> = typeof __COOKIE_AUDIT_IN_PAGE__ === 'object' ? { ...__COOKIE_AUDIT_IN_PAGE__ } : {};

/** The IIFE source; it defines `var <globalName>` where it is evaluated. */
export function inPageSource(name: InPageScript): string {
  // esbuild is loaded only when running from source (tests, tsx); the compiled CLI never needs it.
  return (cached[name] ??= buildInPage(name, createRequire(import.meta.url)('esbuild') as typeof import('esbuild')));
}
