/**
 * `queue report`: the run's single collector. It holds a lock in Redis (a second one is refused),
 * takes the results workers left in the run's stream, appends each to `<out>/results.jsonl`
 * (synced to disk before the entries are deleted from Redis), and writes `report.json` exactly as
 * `crawl` does. Keyed by site: a result delivered twice is written once; a newer result for a site
 * (a retry, a worker thought lost that finished after all) replaces the older one — the last
 * result wins and every target appears exactly once. It resumes from `results.jsonl`, so a
 * collector stopped and started again loses and duplicates nothing. With `follow` it waits for
 * results until every target of the run has one.
 *
 * @example
 *   const r = await collect({ redis: resolveRedis({}), run: 'eu-06', out: './eu-06', follow: true });
 *   // r.report is the report (its sites read from results.jsonl on each pass); r.complete says whether every target had a result
 */
import { createHash } from 'node:crypto';
import { mkdir, open } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Redis } from 'ioredis';
import { ENGINE } from '../defaults/engine.ts';
import type { ReportSource } from '../src/model.ts';
import type { Span } from '../crawler/file-lines.ts';
import { indexFinished, readSitesAt, sitesAt } from '../crawler/resume.ts';
import { OutputDir } from '../crawler/results-dir.ts';
import { openQueue } from './bull.ts';
import { openRedis } from './connection.ts';
import { QueueError } from './queue-error.ts';
import { jobIdForKey } from './job-id.ts';
import { runKeys, type RunKeys } from './keys.ts';
import { acquireLock } from './lock.ts';
import { settleFailedJobs } from './lost.ts';
import type { ResolvedRedis } from './redis-url.ts';
import { readResults } from './results.ts';
import { assertSameVersion, readRun } from './run.ts';

export interface CollectOptions {
  redis: ResolvedRedis;
  run: string;
  out: string;
  /** Wait for results until every target has one (else: take what is there and write the report). */
  follow?: boolean;
  /** Stops collecting; the report of what was collected is still written. */
  signal?: AbortSignal;
  /** Results taken per read (default 200). */
  batch?: number;
  /** Lock time to live (ms, default 30 s; renewed every third). */
  lockTtlMs?: number;
  /** With `follow`, the longest wait for new results before checking for completion (ms, default 2000). */
  blockMs?: number;
  /** Called after each batch written (progress). */
  onProgress?: (p: { collected: number; total: number }) => void;
  log?: (line: string) => void;
}

export interface CollectResult {
  /** The report: its sites are read from results.jsonl (where each one's line is) on each pass, never all held. */
  report: ReportSource;
  /** Sites in the report. */
  sites: number;
  /** Lines appended by this collector. */
  written: number;
  /** Results already written with the same content (re-deliveries), skipped. */
  duplicates: number;
  /** Results that replaced an older one for the same site. */
  replaced: number;
  /** Stream entries that were no result of this run (unknown job, not a site audit), dropped. */
  ignored: number;
  /** Targets of the run. */
  total: number;
  /** Every target has a result in the report. */
  complete: boolean;
}

const fingerprint = (line: string): string => createHash('sha256').update(line).digest('hex').slice(0, 16);

/** The run's job ids in the order they were added. */
async function runOrder(redis: Redis, keys: RunKeys): Promise<string[]> {
  const out: string[] = [];
  for (let start = 0; ; start += 10_000) {
    const part = await redis.lrange(keys.order, start, start + 9_999);
    out.push(...part);
    if (part.length < 10_000) return out;
  }
}

export async function collect(o: CollectOptions): Promise<CollectResult> {
  const log = o.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const keys = runKeys(o.run);
  const redis = await openRedis(o.redis);
  const queue = openQueue(o.redis, keys);
  const stop = new AbortController();
  let lostLock: string | null = null;
  const onAbort = () => stop.abort();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  let lock: Awaited<ReturnType<typeof acquireLock>> = null;
  let file: Awaited<ReturnType<typeof open>> | null = null;
  try {
    const { meta, config } = await readRun(redis, keys, o.run, o.redis.display);
    assertSameVersion(meta, 'collector');
    lock = await acquireLock(redis, keys.collector, o.lockTtlMs ?? 30_000, (why) => { lostLock = why; stop.abort(); });
    if (!lock) {
      throw new QueueError(`Another \`queue report\` is collecting run \`${o.run}\` (it holds the run's collector lock; ` +
        'the lock frees itself within 30 s of that collector stopping).', 3);
    }
    const dir = resolve(o.out);
    await mkdir(dir, { recursive: true });
    const resultsPath = join(dir, 'results.jsonl');
    // What is already on disk (a collector started again): site → fingerprint of its line.
    const written = new Map<string, string>();
    for (const site of readSitesAt(resultsPath, (await indexFinished(resultsPath)).spans.values())) written.set(jobIdForKey(site.url), fingerprint(JSON.stringify(site)));
    file = await open(resultsPath, 'a');

    let appended = 0;
    let duplicates = 0;
    let replaced = 0;
    let ignored = 0;
    let after = '0';
    const total = () => redis.hlen(keys.targets);
    let lastSweep = 0;
    while (!stop.signal.aborted) {
      const entries = await readResults(redis, keys, after, o.batch ?? 200, o.follow ? (o.blockMs ?? 2000) : undefined);
      if (entries.length === 0) {
        if (!o.follow) break;
        // Every target has an outcome and every outcome's result is taken: the run is done.
        const [outcomes, targets, pending] = await Promise.all([redis.hlen(keys.outcome), total(), redis.xlen(keys.results)]);
        if (targets > 0 && outcomes >= targets && pending === 0) break;
        if (Date.now() - lastSweep > 30_000) {
          lastSweep = Date.now();
          await settleFailedJobs(redis, keys, queue).catch(() => 0);
        }
        continue;
      }
      after = entries[entries.length - 1]!.id;
      const known = await redis.hmget(keys.targets, ...entries.map((e) => e.job));
      let text = '';
      entries.forEach((e, i) => {
        if (!e.site || known[i] === null) {
          ignored++;
          return;
        }
        const line = JSON.stringify(e.site);
        const fp = fingerprint(line);
        const before = written.get(e.job);
        if (before === fp) {
          duplicates++;
          return;
        }
        if (before !== undefined) replaced++;
        written.set(e.job, fp);
        text += `${line}\n`;
        appended++;
      });
      if (text !== '') {
        await file.appendFile(text);
        await file.datasync();
      }
      // Only once on disk are they deleted from Redis: a crash in between re-delivers them (skipped above).
      await redis.xdel(keys.results, ...entries.map((e) => e.id));
      o.onProgress?.({ collected: written.size, total: await total() });
    }
    await file.close();
    file = null;
    if (lostLock) throw new QueueError(`The collector of run \`${o.run}\` stopped: ${lostLock}. Start \`queue report\` again to go on.`, 3);

    const order = await runOrder(redis, keys);
    const complete = order.length > 0 && order.every((id) => written.has(id));
    written.clear(); // one index at a time: a run of any size stays a few hundred bytes a site
    // results.jsonl holds every site once (indexFinished keeps the last line of a site and rewrites the file).
    const { spans } = await indexFinished(resultsPath);
    const byId = new Map<string, Span>();
    for (const [url, span] of spans) byId.set(jobIdForKey(url), span);
    spans.clear();
    const ordered: Span[] = [];
    for (const id of order) {
      const span = byId.get(id);
      if (span) ordered.push(span);
      byId.delete(id);
    }
    ordered.push(...byId.values()); // lines whose id no longer matches (a normalisation change): kept, last
    const report: ReportSource = { ...ENGINE.buildReport([], config), sites: sitesAt(resultsPath, ordered) };
    const out = await OutputDir.open(dir, { resume: true });
    await out.writeReport(report);
    const targets = await total();
    if (ignored > 0) log(`cookie-audit: ${ignored} result${ignored === 1 ? '' : 's'} in Redis did not belong to run \`${o.run}\`'s targets and were dropped.`);
    return { report, sites: ordered.length, written: appended, duplicates, replaced, ignored, total: targets, complete };
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    await file?.close().catch(() => {});
    await lock?.release();
    await queue.close().catch(() => {});
    redis.disconnect();
  }
}
