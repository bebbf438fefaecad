/**
 * Builds the WebExtension for Chrome/Chromium and Firefox from one source with esbuild:
 * `dist/extension/chrome` and `dist/extension/firefox`. Run with `npm run build`.
 *
 * @example
 *   npx tsx scripts/build-extension.ts            # both browsers
 *   await buildExtension({ targets: ['chrome'] }); // from a test
 */
import { build, type Plugin } from 'esbuild';
import { copyFileSync, cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifestFor, TARGETS, type Target } from '../extension/manifest.ts';
import { VERSION } from '../src/version.ts';
import { iconPng } from './extension-icon.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'extension');

/**
 * The TC-string library's network module (XMLHttpRequest, for vendor lists) swapped for a stub
 * (extension/no-tcf-network.ts): the extension decodes TC strings but must not ship code that sends data.
 */
const noTcfNetwork: Plugin = {
  name: 'no-tcf-network',
  setup(b) {
    b.onResolve({ filter: /^\.\/Json\.js$/ }, (args) =>
      /[\\/]@iabtechlabtcf[\\/]core[\\/]/.test(args.importer) ? { path: join(SRC, 'no-tcf-network.ts') } : undefined);
  },
};

/** The bundles: one per extension part, each a classic script (service workers and content scripts need that). */
const ENTRIES: Record<string, string> = {
  background: 'background/main.ts',
  content: 'content/content.ts',
  'page-hook': 'content/page-hook.ts',
  'popup/popup': 'popup/popup.ts',
};

export interface BuildOptions {
  targets?: readonly Target[];
  /** Where `chrome/` and `firefox/` go; default `dist/extension`. */
  outDir?: string;
  minify?: boolean;
}

/** Builds each target; returns the directory of each. */
export async function buildExtension(options: BuildOptions = {}): Promise<Record<Target, string>> {
  const targets = options.targets ?? TARGETS;
  const outRoot = resolve(options.outDir ?? join(ROOT, 'dist', 'extension'));
  const out = {} as Record<Target, string>;
  for (const target of targets) {
    const dir = join(outRoot, target);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, 'popup'), { recursive: true });
    mkdirSync(join(dir, 'icons'), { recursive: true });
    await build({
      entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, join(SRC, file)])),
      outdir: dir,
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: target === 'chrome' ? 'chrome111' : 'firefox140',
      minify: options.minify ?? true,
      legalComments: 'linked',
      // Some dependencies test `process.env.NODE_ENV`; the browser has no `process`.
      define: { 'process.env.NODE_ENV': '"production"' },
      plugins: [noTcfNetwork],
      logLevel: 'warning',
    });
    copyFileSync(join(SRC, 'popup', 'popup.html'), join(dir, 'popup', 'popup.html'));
    copyFileSync(join(SRC, 'popup', 'popup.css'), join(dir, 'popup', 'popup.css'));
    // The popup's words and the manifest's name in each language (browser.i18n, `default_locale`).
    cpSync(join(SRC, '_locales'), join(dir, '_locales'), { recursive: true });
    for (const size of [16, 32, 48, 128]) writeFileSync(join(dir, 'icons', `icon-${size}.png`), iconPng(size));
    writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifestFor(target, VERSION), null, 2)}\n`);
    out[target] = dir;
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dirs = await buildExtension();
  for (const [target, dir] of Object.entries(dirs)) console.log(`${target}: ${dir}`);
}
