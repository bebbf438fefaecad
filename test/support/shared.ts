/**
 * What test files share within one mocha run, made once on first use and released by the root
 * hook (test/support/hooks.ts) after the last test: the fixture web (one server for every file)
 * and the extension builds (one per browser, into one temporary directory).
 *
 * @example
 *   before(async () => { web = await sharedFixtureWeb(); });   // no after(): the root hook closes it
 *   const chromeDir = await builtExtension('chrome');           // read-only: do not write into it
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExtension } from '../../scripts/build-extension.ts';
import type { Target } from '../../extension/manifest.ts';
import { startFixtureWeb, type FixtureWeb } from '../fixtures/web/server.ts';

let web: Promise<FixtureWeb> | null = null;
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

/** Closes the fixture web and removes the builds (the root hook's afterAll). */
export async function releaseShared(): Promise<void> {
  const started = web;
  const root = buildRoot;
  web = null;
  buildRoot = null;
  builds.clear();
  await Promise.allSettled([
    started?.then((w) => w.close()),
    root?.then((dir) => rm(dir, { recursive: true, force: true })),
  ]);
}
