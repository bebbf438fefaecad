/**
 * Page-load cost of the extension: loads every fixture site in headless Chromium without and with
 * the built extension (alternating rounds, warm-up discarded) and prints the median load time per
 * site and the ratio with/without. Target: ≤ 1.10. Prints figures; asserts nothing.
 *
 * @example npx tsx bench/extension.ts --rounds 5
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { BASE_ARGS, makeProfile } from '../crawler/browser.ts';
import { buildExtension } from '../scripts/build-extension.ts';
import { startFixtureWeb, type FixtureWeb } from '../test/fixtures/web/server.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const roundsArg = process.argv.indexOf('--rounds');
const ROUNDS = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 5;
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) {
  console.error(`Expected \`--rounds\` to be a whole number from 1 up, got \`${process.argv[roundsArg + 1]}\`.`);
  process.exit(2);
}

async function launch(web: FixtureWeb, extension: string | null): Promise<{ browser: Browser; close(): Promise<void> }> {
  const userDataDir = await makeProfile();
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM, headless: true, pipe: true, userDataDir,
    ...(extension ? { enableExtensions: [extension] } : {}),
    args: [...BASE_ARGS, ...web.browserArgs], ignoreDefaultArgs: ['--enable-automation'],
  });
  if (extension) {
    const target = await browser.waitForTarget((t) => t.type() === 'service_worker', { timeout: 15_000 });
    const worker = (await target.worker())!;
    // Wait until the background has registered its listeners, as a person's browser would have.
    for (let i = 0; i < 200; i++) {
      const ready = await worker.evaluate(() => Boolean((globalThis as { chrome?: { webRequest?: { onBeforeRequest: { hasListeners(): boolean } } } }).chrome?.webRequest?.onBeforeRequest.hasListeners()))
        .catch(() => false);
      if (ready) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    browser,
    async close() {
      await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Load time of one page in ms: navigation start to the end of the load event, as the page measured it. */
async function loadTime(browser: Browser, url: string): Promise<number> {
  const page = await browser.newPage();
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    return await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return nav.loadEventEnd - nav.startTime;
    });
  } finally {
    await page.close();
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const outDir = await mkdtemp(join(tmpdir(), 'cookie-audit-bench-'));
const web = await startFixtureWeb();
try {
  const { chrome } = await buildExtension({ targets: ['chrome'], outDir });
  const urls = web.sites.map((s) => web.origin(s.host, s.scheme) + s.path);
  const times: Record<'without' | 'with', Map<string, number[]>> = { without: new Map(), with: new Map() };
  // Round 0 warms the fixture server and the disk cache; modes alternate so drift hits both alike.
  for (let round = 0; round <= ROUNDS; round++) {
    for (const mode of (round % 2 ? ['with', 'without'] : ['without', 'with']) as Array<'with' | 'without'>) {
      const b = await launch(web, mode === 'with' ? chrome : null);
      try {
        for (const url of urls) {
          const ms = await loadTime(b.browser, url);
          if (round > 0) times[mode].set(url, [...(times[mode].get(url) ?? []), ms]);
        }
      } finally {
        await b.close();
      }
    }
    if (round > 0) process.stderr.write(`round ${round}/${ROUNDS} done\n`);
  }
  console.log(`Page-load time (load event), median of ${ROUNDS} rounds, ${urls.length} fixture sites`);
  console.log(`${'site'.padEnd(36)} ${'without'.padStart(9)} ${'with'.padStart(9)} ${'ratio'.padStart(7)}`);
  let sumWithout = 0;
  let sumWith = 0;
  for (const url of urls) {
    const a = median(times.without.get(url)!);
    const b = median(times.with.get(url)!);
    sumWithout += a;
    sumWith += b;
    console.log(`${new URL(url).host.padEnd(36)} ${a.toFixed(0).padStart(7)}ms ${b.toFixed(0).padStart(7)}ms ${(b / a).toFixed(2).padStart(7)}`);
  }
  const ratio = sumWith / sumWithout;
  console.log(`${'all sites'.padEnd(36)} ${sumWithout.toFixed(0).padStart(7)}ms ${sumWith.toFixed(0).padStart(7)}ms ${ratio.toFixed(2).padStart(7)}`);
  console.log(`Ratio with/without: ${ratio.toFixed(3)} (target ≤ 1.10: ${ratio <= 1.1 ? 'met' : 'NOT met'})`);
} finally {
  await web.close();
  await rm(outDir, { recursive: true, force: true });
}
