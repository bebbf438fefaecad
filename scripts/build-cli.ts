/**
 * Compiles the command line to JavaScript with esbuild: `dist/cli/main.js` plus the chunks its
 * commands load on demand, so `cookie-audit` starts without a TypeScript loader (and never reads
 * the working directory's tsconfig.json). npm dependencies stay external (installed with the
 * package); our own code, JSON knowledge and the in-page bundles (crawler/in-page.ts) are inlined.
 * Run by `npm run build:cli`, by `prepare` (npm ci, npm pack) and before the tests.
 *
 * @example npx tsx scripts/build-cli.ts
 */
import { build, buildSync } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildInPage, IN_PAGE, type InPageScript } from '../crawler/in-page.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildCli(outDir = join(ROOT, 'dist', 'cli')): Promise<string> {
  const inPage = Object.fromEntries(Object.keys(IN_PAGE).map((name) => [name, buildInPage(name as InPageScript, { buildSync })]));
  rmSync(outDir, { recursive: true, force: true });
  await build({
    entryPoints: { main: join(ROOT, 'cli', 'main.ts') },
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    legalComments: 'linked',
    define: { __COOKIE_AUDIT_IN_PAGE__: JSON.stringify(inPage) },
    logLevel: 'warning',
  });
  return join(outDir, 'main.js');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  process.stdout.write(`cli: ${await buildCli()}\n`);
}
