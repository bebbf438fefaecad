/**
 * Crawl benchmark: crawls the fixture web at concurrency 1, 2, 4 and 8 with default settings (all
 * three phases) and prints sites per minute, accuracy against each fixture site's declared outcomes,
 * how many sites were re-checked or degraded (crawler/backpressure.ts, site-runner.ts), and peak memory — this Node process (crawler and
 * fixture server) plus every browser process. Prints figures; asserts nothing.
 *
 * @example
 *   npm run bench                 # every level, the fixture list twice per level
 *   npx tsx bench/crawl.ts 2 4 --rounds 3
 *   npx tsx bench/crawl.ts 2 --rounds 1 --policy off --policy auto --only politique-conforme.test --only sans-politique.test
 *
 * `--policy` (repeatable; default off, then auto) runs each level once per policy mode, so the cost of the
 * policy step (issue #16: links scored, policy pages rendered in their own context) shows in the same table;
 * `--only HOST` (repeatable) crawls only those fixture sites.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crawl } from '../crawler/crawl.ts';
import { startFixtureWeb } from '../test/fixtures/web/server.ts';
import { optionValues, wholeNumberArg } from './args.ts';
import { treeMemory } from './proc-tree.ts';

const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = wholeNumberArg('rounds', 2, 1);
const levels = args.filter((a, i) => /^\d+$/.test(a) && (roundsAt === -1 || i !== roundsAt + 1)).map(Number);
const policies = optionValues('policy').length ? optionValues('policy') : ['off', 'auto'];
const only = optionValues('only');

const web = await startFixtureWeb();
// Each round visits every fixture site under a distinct URL, so nothing is deduplicated.
const chosen = only.length ? web.sites.filter((s) => only.includes(s.host)) : web.sites;
const targets = Array.from({ length: rounds }, (_, r) => chosen.map((s) => `${web.origin(s.host, s.scheme)}${s.path}${s.path.includes('?') ? '&' : '?'}bench=${r}`)).flat();
const mib = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;

console.log(`Fixture web: ${chosen.length} sites × ${rounds} rounds = ${targets.length} visits per level, 3 phases each, default settings.`);
console.log('policy  concurrency  sites/min  wall s  errors  peak RSS (node + browser tree)  peak PSS  browser processes  accuracy  re-checked  degraded');
for (const concurrency of levels.length ? levels : [1, 2, 4, 8]) for (const policy of policies) {
  const out = mkdtempSync(join(tmpdir(), 'cookie-audit-bench-'));
  let browserPid: number | null = null;
  let peakRss = 0;
  let peakPss = 0;
  let peakProcs = 0;
  const sample = () => {
    const node = process.memoryUsage().rss;
    const tree = browserPid ? treeMemory(browserPid) : { rssBytes: 0, pssBytes: 0, processes: 0 };
    peakRss = Math.max(peakRss, node + tree.rssBytes);
    peakPss = Math.max(peakPss, node + tree.pssBytes);
    peakProcs = Math.max(peakProcs, tree.processes);
  };
  const timer = setInterval(sample, 250);
  const started = Date.now();
  const report = await crawl(targets, { out, concurrency, policy, browserArgs: web.browserArgs, onBrowser: (pid) => { browserPid = pid; } });
  const seconds = (Date.now() - started) / 1000;
  clearInterval(timer);
  const errors = report.sites.filter((s) => s.status === 'error').length;
  // Accuracy: the share of the fixture sites' declared rule outcomes the crawl reproduced.
  let expected = 0;
  let met = 0;
  for (const site of report.sites) {
    const declared = web.sites.find((f) => site.url.startsWith(`${web.origin(f.host, f.scheme)}${f.path}`));
    for (const [rule, outcome] of Object.entries(declared?.expected ?? {})) {
      expected++;
      if (site.rules.find((r) => r.id === rule)?.outcome === outcome) met++;
    }
  }
  const rechecked = report.sites.filter((s) => (s.measurement?.rechecked.length ?? 0) > 0).length;
  const degraded = report.sites.filter((s) => s.measurement?.degraded).length;
  console.log([
    policy.padStart(6),
    String(concurrency).padStart(11),
    (report.sites.length / (seconds / 60)).toFixed(1).padStart(9),
    seconds.toFixed(1).padStart(6),
    String(errors).padStart(6),
    mib(peakRss).padStart(31),
    mib(peakPss).padStart(9),
    String(peakProcs).padStart(18),
    `${(100 * met / Math.max(1, expected)).toFixed(1)} %`.padStart(8),
    String(rechecked).padStart(10),
    String(degraded).padStart(8),
  ].join('  '));
  rmSync(out, { recursive: true, force: true });
}
await web.close();
