/**
 * What test files share within one mocha run, made once on first use and released by the root
 * hook (test/support/hooks.ts) after the last test: the fixture web (one server for every file),
 * the extension builds (one per browser, into one temporary directory) and one `cookie-audit crawl`
 * of the whole fixture web (what the CLI crawl test checks and the extension's conformance test
 * compares with: crawling the ~40 sites twice cost minutes).
 *
 * @example
 *   before(async () => { web = await sharedFixtureWeb(); });   // no after(): the root hook closes it
 *   const chromeDir = await builtExtension('chrome');           // read-only: do not write into it
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExtension } from '../../scripts/build-extension.ts';
import type { Target } from '../../extension/manifest.ts';
import { startFixtureWeb, type FixtureWeb } from '../fixtures/web/server.ts';
import type { Report } from '../../src/model.ts';
import { runMain, type CliResult } from '../cli/run.ts';

let web: Promise<FixtureWeb> | null = null;
let fixtureCrawl: Promise<FixtureCrawlRun> | null = null;
let buildRoot: Promise<string> | null = null;
const builds = new Map<Target, Promise<string>>();

/**
 * The run's fixture web, started on first call. Its `close()` does nothing (other files still use
 * it); the root hook closes it at the end of the run.
 */
export function sharedFixtureWeb(): Promise<FixtureWeb> {
  web ??= startFixtureWeb().catch((error: unknown) => { web = null; throw error; });
  return web.then((w) => ({ ...w, close: async () => {} }));
}

/** The extension built for `target` (minified, as `npm run build` makes it) once per run: its directory. */
export function builtExtension(target: Target): Promise<string> {
  let dir = builds.get(target);
  if (!dir) {
    buildRoot ??= mkdtemp(join(tmpdir(), 'cookie-audit-extension-'));
    dir = buildRoot.then(async (outDir) => (await buildExtension({ targets: [target], outDir }))[target]);
    dir.catch(() => builds.delete(target));
    builds.set(target, dir);
  }
  return dir;
}

export interface FixtureCrawlRun {
  /** The crawl's `--out` directory (read-only for its users). */
  out: string;
  /** What `main()` returned and printed. */
  result: CliResult;
  /** report.json, when it was written. */
  report: Report | undefined;
}

/**
 * `cookie-audit crawl` (the CLI's `main`, in this process) over every fixture site, run once per
 * mocha run on first call: half the sites from a list file with comments, half from arguments, plus
 * an unknown `.invalid` host; default settings apart from `--concurrency 3`, `--fail-on never
 * --allow-errors` (gating is tested in test/cli/). Callers must not write into `out`.
 */
export function sharedFixtureCrawl(): Promise<FixtureCrawlRun> {
  fixtureCrawl ??= (async () => {
    const w = await sharedFixtureWeb();
    const out = await mkdtemp(join(tmpdir(), 'cookie-audit-crawl-'));
    const urls = w.sites.map((s) => `${w.origin(s.host, s.scheme)}${s.path}`);
    const list = join(out, 'targets.txt');
    writeFileSync(list, `# fixture sites\n${urls.slice(0, urls.length / 2).join('\n')}\n\n`);
    const result = await runMain([
      'crawl', ...urls.slice(urls.length / 2), 'https://unknown-host.invalid/', '--input', list,
      '--out', out, '--concurrency', '3',
      // The fixture maps every host to itself; .invalid stays unresolvable, as on the real web.
      `--browser-arg=--host-resolver-rules=MAP * 127.0.0.1:${w.port}, EXCLUDE *.invalid`,
      '--browser-arg=--ignore-certificate-errors',
      '--fail-on', 'never', '--allow-errors',
    ]);
    const file = join(out, 'report.json');
    return { out, result, report: existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) as Report : undefined };
  })();
  return fixtureCrawl;
}

/**
 * The shared crawl if a file of this run has started it (else null): files that check a few fixture
 * sites read them from it instead of crawling them again. scripts/run-tests.mjs runs the CLI crawl
 * test first in its lane, so in `npm test` they do; a file run alone crawls its own sites.
 */
export function startedFixtureCrawl(): Promise<FixtureCrawlRun> | null {
  return fixtureCrawl;
}

/** Closes the fixture web and removes the builds (the root hook's afterAll). */
export async function releaseShared(): Promise<void> {
  const started = web;
  const root = buildRoot;
  const crawled = fixtureCrawl;
  web = null;
  fixtureCrawl = null;
  buildRoot = null;
  builds.clear();
  await Promise.allSettled([
    started?.then((w) => w.close()),
    root?.then((dir) => rm(dir, { recursive: true, force: true })),
    crawled?.then((c) => rm(c.out, { recursive: true, force: true })),
  ]);
}
