/**
 * Page-load cost of the extension: loads every fixture site in headless Chromium without and with
 * the built extension and prints the median load time per site and the ratio with/without.
 * Target: ≤ 1.10, judged on a 95 % interval over rounds of paired loads (met / not met / cannot tell).
 * Prints figures; asserts nothing.
 *
 * Fair by construction: both variants run the same Chromium flags (extensions enabled; only
 * whether ours is loaded differs), a fresh profile each, the same settle time after launch; both
 * browsers stay open and the loads alternate site by site (order rotated) so a busy machine slows
 * both alike, with a pause after each load so one variant's after-load work never lands on the
 * other's load. Round 0 is a discarded warm-up. Load time is the page's own navigation timing (start → end of `load`).
 * No debugger session stays attached to the extension's worker (a person's browser has none).
 *
 * `--variant label=dir` adds another built extension (e.g. one with a part switched off) to
 * compare, for profiling (`label=none`: a second run without, the noise floor).
 *
 * @example npx tsx bench/extension.ts --rounds 7
 * @example npx tsx bench/extension.ts --latency 40   # each request 40 ms away, as on a desktop connection
 * @example npx tsx bench/extension.ts --gap 0   # no pause: after-load work lands on the next load, whichever variant it is
 * @example npx tsx bench/extension.ts --variant no-content=/tmp/variants/no-content
 * @example npx tsx bench/extension.ts --floor   # also Chromium's own cost: our permissions, and a no-op webRequest listener
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { launchArgs, makeProfile } from '../crawler/browser.ts';
import { buildExtension } from '../scripts/build-extension.ts';
import { startFixtureWeb, type FixtureWeb } from '../test/fixtures/web/server.ts';
import { optionValues, wholeNumberArg } from './args.ts';
import { treeCpuMs } from './proc-tree.ts';
import { ratioInterval, verdict } from './ratio-interval.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Time the browser gets after launch before the first measured load, in both variants. */
const SETTLE_MS = 1000;

/** Pause after each load before the next one (in any variant), in ms; `--gap 0` loads back to back. */
const GAP_MS = wholeNumberArg('gap', 500, 0);
/**
 * Round-trip time added to every request (DevTools network emulation, in both variants), in ms.
 * 0 (the default) is loopback; 40 is Lighthouse's desktop setting, closer to what a person's browser sees.
 */
const LATENCY_MS = wholeNumberArg('latency', 0, 0);
const ROUNDS = wholeNumberArg('rounds', 5, 1);
const extraVariants = optionValues('variant').map((v) => {
  const at = v.indexOf('=');
  if (at < 1) {
    console.error(`Expected \`--variant\` as label=directory (a built extension), got \`${v}\`.`);
    process.exit(2);
  }
  // `label=none`: another run without any extension, to see the noise floor.
  return { label: v.slice(0, at), dir: v.slice(at + 1) === 'none' ? null : v.slice(at + 1) };
});

/**
 * `--floor`: two reference builds with our manifest's permissions and none of our code, to show
 * what Chromium itself charges: a worker that does nothing, and one whose only code is a no-op
 * `webRequest` listener on every URL (the API the audit needs from the first request).
 */
const FLOOR = process.argv.includes('--floor');

async function floorVariants(built: string, dir: string): Promise<Array<{ label: string; dir: string }>> {
  const { content_scripts: _scripts, action: _action, icons: _icons, ...bare } = JSON.parse(await readFile(join(built, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const references = [
    // onStartup fires only at the browser's start, never during a load: it only tells launch() the worker ran.
    { label: 'permissions', code: 'chrome.runtime.onStartup.addListener(() => {});' },
    { label: 'noop-webrequest', code: "chrome.webRequest.onBeforeRequest.addListener(() => {}, { urls: ['<all_urls>'] });" },
  ];
  return Promise.all(references.map(async ({ label, code }) => {
    const at = join(dir, label);
    await mkdir(at, { recursive: true });
    await writeFile(join(at, 'manifest.json'), JSON.stringify(bare));
    await writeFile(join(at, 'background.js'), `${code}\n`);
    return { label, dir: at };
  }));
}

async function launch(web: FixtureWeb, extension: string | null): Promise<{ browser: Browser; close(): Promise<void> }> {
  const userDataDir = await makeProfile();
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM, headless: true, pipe: true, userDataDir,
    // Extensions enabled in both variants: the only difference is whether ours is loaded.
    enableExtensions: extension ? [extension] : true,
    args: launchArgs(web.browserArgs), ignoreDefaultArgs: ['--enable-automation'],
  });
  const manifest = extension ? JSON.parse(await readFile(join(extension, 'manifest.json'), 'utf8')) as { background?: unknown } : {};
  if (extension && manifest.background) {
    const target = await browser.waitForTarget((t) => t.type() === 'service_worker', { timeout: 15_000 });
    const worker = (await target.worker())!;
    // Wait until the background has registered its listeners, as a person's browser would have.
    type Chrome = { webRequest?: { onBeforeRequest: { hasListeners(): boolean } }; runtime?: { onStartup: { hasListeners(): boolean } } };
    for (let i = 0; i < 200; i++) {
      const ready = await worker.evaluate(() => {
        const chrome = (globalThis as { chrome?: Chrome }).chrome;
        return Boolean(chrome?.webRequest?.onBeforeRequest.hasListeners() || chrome?.runtime?.onStartup.hasListeners());
      }).catch(() => false);
      if (ready) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    // A debugger attached to the worker slows it down (and keeps it alive): let it go.
    await worker.client.detach().catch(() => undefined);
  }
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  return {
    browser,
    async close() {
      await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Where a load's time went, from the page's navigation timing (ms). */
interface LoadPhases {
  /** Navigation start to the document's last byte (redirects, connection, request, response). */
  document: number;
  /** Then to the end of DOMContentLoaded (parsing, blocking scripts). */
  parse: number;
  /** Then to the end of `load` (subresources, frames, async scripts). */
  subresources: number;
}
const PHASES = ['document', 'parse', 'subresources'] as const;
const totalOf = (p: LoadPhases): number => p.document + p.parse + p.subresources;

/** Load time of one page: navigation start to the end of the load event, as the page measured it, by phase. */
async function loadTime(browser: Browser, url: string): Promise<LoadPhases> {
  const page = await browser.newPage();
  try {
    if (LATENCY_MS > 0) await page.emulateNetworkConditions({ latency: LATENCY_MS, download: -1, upload: -1 });
    await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    return await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return {
        document: nav.responseEnd - nav.startTime,
        parse: nav.domContentLoadedEventEnd - nav.responseEnd,
        subresources: nav.loadEventEnd - nav.domContentLoadedEventEnd,
      };
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
  const floor = FLOOR ? await floorVariants(chrome!, join(outDir, 'floor')) : [];
  const variants = [{ label: 'without', dir: null as string | null }, { label: 'with', dir: chrome as string | null }, ...floor, ...extraVariants];
  const urls = web.sites.map((s) => web.origin(s.host, s.scheme) + s.path);
  const times = new Map<string, Map<string, number[]>>(variants.map((v) => [v.label, new Map()]));
  // Per variant and phase, each load's share (to tell a cost of the document request from one of its subresources).
  const phaseTimes = new Map<string, Record<(typeof PHASES)[number], number[]>>(variants.map((v) => [v.label, { document: [], parse: [], subresources: [] }]));
  const roundTotals = new Map<string, number[]>(variants.map((v) => [v.label, []]));
  // CPU time of each variant's whole browser (every process, the extension's worker included)
  // over a measured round: the cost a busy machine turns into load time.
  const roundCpu = new Map<string, number[]>(variants.map((v) => [v.label, []]));
  for (let round = 0; round <= ROUNDS; round++) {
    // Every variant's browser is open at once and the loads interleave site by site, so a busy
    // machine (other processes) slows all variants alike.
    const browsers: Array<{ browser: Browser; close(): Promise<void> }> = [];
    try {
      for (const v of variants) browsers.push(await launch(web, v.dir));
      const totals = variants.map(() => 0);
      const cpuBefore = browsers.map((b) => treeCpuMs(b.browser.process()!.pid!));
      for (const [u, url] of urls.entries()) {
        // Rotate the order so no variant always loads first (or right after another).
        for (let k = 0; k < variants.length; k++) {
          const i = (k + u + round) % variants.length;
          const phases = await loadTime(browsers[i]!.browser, url);
          const ms = totalOf(phases);
          totals[i]! += ms;
          if (round > 0) {
            times.get(variants[i]!.label)!.set(url, [...(times.get(variants[i]!.label)!.get(url) ?? []), ms]);
            for (const p of PHASES) phaseTimes.get(variants[i]!.label)![p].push(phases[p]);
          }
          // A person reads a page before the next: what a variant does after `load` must not land
          // on the next variant's load.
          await new Promise((r) => setTimeout(r, GAP_MS));
        }
      }
      if (round > 0) {
        variants.forEach((v, i) => {
          roundTotals.get(v.label)!.push(totals[i]!);
          roundCpu.get(v.label)!.push(treeCpuMs(browsers[i]!.browser.process()!.pid!) - cpuBefore[i]!);
        });
      }
    } finally {
      await Promise.all(browsers.map((b) => b.close()));
    }
    process.stderr.write(round === 0 ? 'warm-up round done\n' : `round ${round}/${ROUNDS} done\n`);
  }
  const labels = variants.map((v) => v.label);
  console.log(`Page-load time (load event), median of ${ROUNDS} rounds, ${urls.length} fixture sites, ${GAP_MS} ms between loads, ${LATENCY_MS ? `${LATENCY_MS} ms added round trip` : 'loopback network'}; ratio = variant / without`);
  console.log(`${'site'.padEnd(28)}${labels.map((l) => l.padStart(14)).join('')}`);
  const sums = new Map<string, number>(labels.map((l) => [l, 0]));
  for (const url of urls) {
    const base = median(times.get('without')!.get(url)!);
    const cells = labels.map((l) => {
      const m = median(times.get(l)!.get(url)!);
      sums.set(l, sums.get(l)! + m);
      return (l === 'without' ? `${m.toFixed(0)}ms` : `${m.toFixed(0)}ms ×${(m / base).toFixed(2)}`).padStart(14);
    });
    console.log(`${new URL(url).host.slice(0, 27).padEnd(28)}${cells.join('')}`);
  }
  const baseSum = sums.get('without')!;
  console.log(`${'all sites'.padEnd(28)}${labels.map((l) => (l === 'without' ? `${baseSum.toFixed(0)}ms` : `${sums.get(l)!.toFixed(0)}ms ×${(sums.get(l)! / baseSum).toFixed(2)}`).padStart(14)).join('')}`);
  // Each load against the baseline's load of the same site in the same round (they ran next to
  // each other): the ratio of total time, with a 95 % bootstrap interval over rounds and their pairs.
  const roundsOf = (l: string): Array<Array<[number, number]>> => Array.from({ length: ROUNDS }, (_, r) =>
    urls.map((url) => [times.get(l)!.get(url)![r]!, times.get('without')!.get(url)![r]!] as [number, number]));
  const intervals = new Map(labels.filter((l) => l !== 'without').map((l) => [l, ratioInterval(roundsOf(l))!]));
  const baseRounds = roundTotals.get('without')!;
  for (const [l, i] of intervals) {
    const perRound = roundTotals.get(l)!.map((t, r) => t / baseRounds[r]!);
    console.log(`${l}: total time ×${i.ratio.toFixed(3)}, 95 % interval ×${i.low.toFixed(3)}–${i.high.toFixed(3)} over ${ROUNDS} rounds of ${urls.length} paired loads (per round ${Math.min(...perRound).toFixed(2)}–${Math.max(...perRound).toFixed(2)})`);
  }
  const baseCpu = median(roundCpu.get('without')!);
  console.log(`CPU time of the whole browser per page (median round / ${urls.length} sites): ${labels.map((l) => {
    const cpu = median(roundCpu.get(l)!);
    return `${l} ${(cpu / urls.length).toFixed(0)} ms${l === 'without' ? '' : ` ×${(cpu / baseCpu).toFixed(2)}`}`;
  }).join(', ')}`);
  // The fastest of the rounds per site: what the page costs when nothing else gets in the way,
  // steadier than the median on a busy machine.
  const best = (l: string): number => urls.reduce((sum, url) => sum + Math.min(...times.get(l)!.get(url)!), 0);
  console.log(`Best of ${ROUNDS} rounds per site, all sites: ${labels.map((l) => `${l} ${best(l).toFixed(0)} ms${l === 'without' ? '' : ` ×${(best(l) / best('without')).toFixed(2)}`}`).join(', ')}`);
  // Mean per load of each phase: where the difference lands.
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(`Mean per load by phase (document request / parsing to DOMContentLoaded / subresources to load): ${labels.map((l) =>
    `${l} ${PHASES.map((p) => mean(phaseTimes.get(l)![p]).toFixed(1)).join(' / ')} ms`).join(', ')}`);
  const withInterval = intervals.get('with')!;
  const v = verdict(withInterval, 1.1);
  console.log(`Target (the extension adds at most 10 %): ${v === 'cannot tell' ? 'cannot tell at this noise (the interval straddles ×1.10): run more rounds' : v}`);
} finally {
  await web.close();
  await rm(outDir, { recursive: true, force: true });
}
