/**
 * What the queue costs and what a second worker brings, on the fixture web (real redis-server,
 * BullMQ, worker processes, headless Chromium). Each round times, on the same list of fixture
 * sites: plain `crawl`; one `worker`; two `worker`s; then one worker pinned to one core (taskset)
 * and two workers pinned to a core each. Prints each comparison as a ratio of wall times with the
 * bootstrap 95 % interval of bench/ratio-interval.ts. Prints, never asserts.
 *
 *   npm run bench:distributed                          # Chromium and redis-server installed when missing; 2 rounds, 6 sites, concurrency 2, settle 1000
 *   npm run bench:distributed -- --rounds 5 --sites 12 # on a quiet machine
 *   npx tsx bench/distributed.ts --rounds 1 --sites 2  # a smoke run
 *
 * Issue 15's targets: one worker within 10 % of `crawl` (ratio ≤ 1.10); two pinned workers near 2×
 * one pinned worker (ratio near 0.5). On a busy shared machine the intervals are wide: say so.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addTargets } from '../queue/add.ts';
import { openRedis } from '../queue/connection.ts';
import { runKeys } from '../queue/keys.ts';
import { resolveRedis } from '../queue/redis-url.ts';
import { loadConfig } from '../src/config.ts';
import { ENGINE } from '../defaults/engine.ts';
import { startFixtureWeb } from '../test/fixtures/web/server.ts';
import { startRedis } from '../test/helpers/redis.ts';
import { wholeNumberArg } from './args.ts';
import { ratioInterval, type RatioInterval } from './ratio-interval.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(REPO, 'cli/main.ts');
const ROUNDS = wholeNumberArg('rounds', 2, 1);
const SITES = wholeNumberArg('sites', 6, 1);
const CONCURRENCY = wholeNumberArg('concurrency', 2, 1);
const SETTLE = wholeNumberArg('settle', 1000, 0);
const hasTaskset = spawnSync('taskset', ['--version']).status === 0;

const server = await startRedis();
const web = await startFixtureWeb();
const dir = await mkdtemp(join(tmpdir(), 'cookie-audit-bench-distributed-'));
const env = { ...process.env, COOKIE_AUDIT_REDIS: server.url };
const where = resolveRedis({}, { COOKIE_AUDIT_REDIS: server.url });
const redis = await openRedis(where);
const urls = web.sites.filter((s) => s.scheme === 'https').slice(0, SITES).map((s) => `${web.origin(s.host, s.scheme)}${s.path}`);
const browserArgs = web.browserArgs.map((a) => `--browser-arg=${a}`);
let runs = 0;

/** A cookie-audit process (pinned to the CPUs `pin` with taskset); the tail of its stderr kept to say why it failed. */
function node(args: string[], pin: string | null) {
  const argv = [process.execPath, '--import', 'tsx', CLI, ...args];
  const child = pin !== null && hasTaskset
    ? spawn('taskset', ['-c', pin, ...argv], { env, stdio: ['ignore', 'ignore', 'pipe'] })
    : spawn(argv[0]!, argv.slice(1), { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-2000); });
  const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, exit, stderr: () => stderr.trim().split('\n').slice(-3).join(' | ') };
}

async function timeCrawl(): Promise<number> {
  const started = performance.now();
  const crawl = node(['crawl', ...urls, '--out', join(dir, `crawl-${runs++}`), '--concurrency', String(CONCURRENCY), '--settle', String(SETTLE), '--format', 'json', ...browserArgs], null);
  const code = await crawl.exit;
  // 0, or 1 and 3 from the gate (the fixture web has failing and unreachable sites): anything else is no crawl to compare with.
  if (code === null || code > 3 || code === 2) throw new Error(`crawl exited ${code}: ${crawl.stderr()}`);
  return performance.now() - started;
}

/** Wall time from the workers' start until every site of a fresh run has a result. */
async function timeWorkers(pins: Array<string | null>): Promise<number> {
  const run = `bench-${runs++}`;
  await addTargets({ redis, connection: where, run, targets: urls, config: loadConfig({}, ENGINE.ruleIds), crawl: { pages: 0, settle: SETTLE, timeout: 30_000, siteTimeout: null, includeValues: false } });
  const keys = runKeys(run);
  const started = performance.now();
  const workers = pins.map((pin) => node(['worker', '--run', run, '--concurrency', String(CONCURRENCY), ...browserArgs], pin));
  let gone = 0;
  for (const w of workers) void w.exit.then(() => { gone++; });
  try {
    while ((await redis.hlen(keys.outcome)) < urls.length) {
      // Workers that all stopped (no browser, a bad flag) would leave this loop waiting forever.
      if (gone === workers.length) throw new Error(`the workers stopped before the run was done: ${workers.map((w) => w.stderr()).join(' / ')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return performance.now() - started;
  } finally {
    for (const w of workers) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.exit));
  }
}

const pairs = { queue: [] as Array<Array<[number, number]>>, two: [] as Array<Array<[number, number]>>, twoCrawl: [] as Array<Array<[number, number]>>, pinned: [] as Array<Array<[number, number]>> };
try {
  console.log(`${urls.length} fixture sites, concurrency ${CONCURRENCY} per process, settle ${SETTLE} ms, ${ROUNDS} round(s)${hasTaskset ? '' : ' (no taskset: pinned runs are not pinned)'}`);
  for (let r = 0; r < ROUNDS; r++) {
    const crawl = await timeCrawl();
    const one = await timeWorkers([null]);
    const two = await timeWorkers([null, null]);
    const onePinned = await timeWorkers(['0']);
    const twoPinned = await timeWorkers(['0', '1']);
    console.log(`round ${r + 1}: crawl ${(crawl / 1000).toFixed(1)} s · 1 worker ${(one / 1000).toFixed(1)} s · 2 workers ${(two / 1000).toFixed(1)} s · ` +
      `1 pinned ${(onePinned / 1000).toFixed(1)} s · 2 pinned ${(twoPinned / 1000).toFixed(1)} s`);
    pairs.queue.push([[one, crawl]]);
    pairs.two.push([[two, one]]);
    pairs.twoCrawl.push([[two, crawl]]);
    pairs.pinned.push([[twoPinned, onePinned]]);
  }
  const show = (label: string, i: RatioInterval | null, note: string) =>
    console.log(`${label.padEnd(36)} ${i ? `×${i.ratio.toFixed(2)} (95 % ${i.low.toFixed(2)}–${i.high.toFixed(2)})` : 'n/a'}  ${note}`);
  show('1 worker / crawl', ratioInterval(pairs.queue), 'target ≤ 1.10');
  show('2 workers / 1 worker', ratioInterval(pairs.two), '0.50 would be twice as fast');
  show('2 workers / crawl', ratioInterval(pairs.twoCrawl), 'the same machine: what a second process adds');
  show('2 pinned / 1 pinned (one core each)', ratioInterval(pairs.pinned), 'target near 0.50');
  if (ROUNDS < 3) console.log('(fewer than 3 rounds: the intervals only resample within what was run; run --rounds 5 on a quiet machine)');
} finally {
  redis.disconnect();
  await web.close();
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}
