/**
 * Long-crawl benchmark: crawls 500+ distinct fixture hosts (`site-<n>.bench.test`, each served as
 * one of a few template sites) in one run and prints, per window of 100 sites, the sites per minute
 * and the peak memory of this Node process plus every browser process (RSS and PSS, from /proc), to
 * show neither degrades along the run; with `--expose-gc` (as `npm run bench:long` runs it), also
 * the JS heap of this process after a full collection at each window's end, which tells a leak
 * (it grows) from a heap that is merely large. Prints figures; asserts nothing.
 *
 * @example
 *   npm run bench:long                                   # 500 sites, concurrency 4, settle 1000 ms
 *   npx tsx bench/long-crawl.ts --sites 1000 --concurrency 2 --settle 3000
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crawl } from '../crawler/crawl.ts';
import { startFixtureWeb } from '../test/fixtures/web/server.ts';
import { startHostAlias } from './host-alias.ts';
import { wholeNumberArg } from './args.ts';
import { treeMemory } from './proc-tree.ts';

const total = wholeNumberArg('sites', 500, 1);
const concurrency = wholeNumberArg('concurrency', 4, 1);
const settle = wholeNumberArg('settle', 1000, 0);
const WINDOW = 100;
/** A mix of what the fixture web offers: a CMP, a hand-written banner, analytics, a late cookie, a plain site. */
const TEMPLATES = ['lyon.demo-ecole.fr', 'bandeau-maison.test', 'stats-ua.test', 'cookie-differe.test', 'sans-traceur.test', 'trop-tot.test'];

const web = await startFixtureWeb();
const alias = await startHostAlias(web, TEMPLATES);
const out = mkdtempSync(join(tmpdir(), 'cookie-audit-long-'));
const mib = (b: number) => `${(b / 1024 / 1024).toFixed(0)}`;

interface Window { start: number; end: number; peakRss: number; peakPss: number; peakNodeRss: number; errors: number }
const windows: Window[] = [];
let current: Window = { start: Date.now(), end: 0, peakRss: 0, peakPss: 0, peakNodeRss: 0, errors: 0 };
const sample = () => {
  // The tree of this process holds the fixture servers, the crawler and every browser process.
  const m = treeMemory(process.pid);
  current.peakRss = Math.max(current.peakRss, m.rssBytes);
  current.peakPss = Math.max(current.peakPss, m.pssBytes);
  current.peakNodeRss = Math.max(current.peakNodeRss, process.memoryUsage().rss);
};
const sampler = setInterval(sample, 500);

console.log(`Long crawl: ${total} hosts (${TEMPLATES.length} templates), concurrency ${concurrency}, settle ${settle} ms, all three phases`);
const gc = (globalThis as { gc?: () => void }).gc;
/** This process's live JS heap (crawler and fixture servers) after a full collection; null without --expose-gc. */
const liveHeap = (): number | null => {
  if (!gc) return null;
  gc();
  return process.memoryUsage().heapUsed;
};
console.log('window      sites/min  peak RSS MiB (all)  peak PSS MiB (all)  peak Node RSS MiB  heap after GC MiB  errors');
const started = Date.now();
await crawl(Array.from({ length: total }, (_, n) => alias.target(n)), {
  out, concurrency, settle, browserArgs: alias.browserArgs,
  onSite: (site, done) => {
    if (site.status === 'error') current.errors++;
    if (done % WINDOW !== 0 && done !== total) return;
    sample();
    current.end = Date.now();
    windows.push(current);
    const from = windows.length === 1 ? 1 : (windows.length - 1) * WINDOW + 1;
    const perMin = ((done - from + 1) / ((current.end - current.start) / 60_000)).toFixed(1);
    const heap = liveHeap();
    console.log(`${`${from}-${done}`.padEnd(11)} ${perMin.padStart(9)}  ${mib(current.peakRss).padStart(18)}  ${mib(current.peakPss).padStart(18)}  ${mib(current.peakNodeRss).padStart(17)}  ${(heap === null ? '-' : mib(heap)).padStart(17)}  ${String(current.errors).padStart(6)}`);
    current = { start: current.end, end: 0, peakRss: 0, peakPss: 0, peakNodeRss: 0, errors: 0 };
  },
});
clearInterval(sampler);
const minutes = (Date.now() - started) / 60_000;
console.log(`Overall: ${total} sites in ${minutes.toFixed(1)} min, ${(total / minutes).toFixed(1)} sites/min; ` +
  `peak RSS ${mib(Math.max(...windows.map((w) => w.peakRss)))} MiB, peak PSS ${mib(Math.max(...windows.map((w) => w.peakPss)))} MiB.`);
await alias.close();
await web.close();
rmSync(out, { recursive: true, force: true });
