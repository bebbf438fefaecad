/**
 * How a site's result travels: the worker records it in one atomic step — the site's outcome
 * (`ok` or its error code, last one wins), the outcome counts, the per-minute rate, and the whole
 * `SiteAudit` appended to the run's results stream — then completes its job. The collector reads
 * the stream, writes `results.jsonl` and deletes what it wrote. Delivery is at-least-once (a worker
 * thought dead may still finish), so consumers key everything by job id.
 *
 * @example
 *   await recordResult(redis, keys, jobId, site);          // worker
 *   const batch = await readResults(redis, keys, '0', 100); // collector: [{ id, job, site }]
 */
import type { Redis } from 'ioredis';
import type { SiteAudit } from '../src/model.ts';
import { parseResultLine } from '../crawler/resume.ts';
import { JOB_ID } from './job-id.ts';
import type { RunKeys } from './keys.ts';

const RECORD = `
local old = redis.call('HGET', KEYS[1], ARGV[1])
if old then redis.call('HINCRBY', KEYS[2], old, -1) end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
if not old then redis.call('HINCRBY', KEYS[3], ARGV[4], 1) end
return redis.call('XADD', KEYS[4], '*', 'job', ARGV[1], 'site', ARGV[3])
`;

const FORGET = `
local old = redis.call('HGET', KEYS[1], ARGV[1])
if not old then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HINCRBY', KEYS[2], old, -1)
return 1
`;

/** The outcome a result counts under: `ok`, or its error code. */
export function outcomeOf(site: SiteAudit): string {
  return site.status === 'ok' ? 'ok' : site.error?.code ?? 'internal';
}

/** Records one site's result (atomically: outcome, counts, rate, stream entry). Returns the stream id. */
export async function recordResult(redis: Redis, keys: RunKeys, jobId: string, site: SiteAudit, now = Date.now()): Promise<string> {
  const minute = String(Math.floor(now / 60_000));
  return await redis.eval(RECORD, 4, keys.outcome, keys.counts, keys.rate, keys.results,
    jobId, outcomeOf(site), JSON.stringify(site), minute) as string;
}

/** Forgets a site's outcome before it is queued again (`queue retry`); its new result will replace the old line. */
export async function forgetOutcome(redis: Redis, keys: RunKeys, jobId: string): Promise<boolean> {
  return (await redis.eval(FORGET, 2, keys.outcome, keys.counts, jobId)) === 1;
}

export interface StreamResult {
  /** Stream entry id. */
  id: string;
  job: string;
  /** null when the entry is not a site audit (written by something else): skipped, and deleted. */
  site: SiteAudit | null;
}

/** Up to `count` results after stream id `after` ('0' from the start); blocks up to `blockMs` when given. */
export async function readResults(redis: Redis, keys: RunKeys, after: string, count: number, blockMs?: number): Promise<StreamResult[]> {
  const reply = blockMs === undefined
    ? await redis.xread('COUNT', count, 'STREAMS', keys.results, after)
    : await redis.xread('COUNT', count, 'BLOCK', blockMs, 'STREAMS', keys.results, after);
  if (!reply) return [];
  const out: StreamResult[] = [];
  for (const [, entries] of reply) {
    for (const [id, fields] of entries) {
      const f: Record<string, string> = {};
      for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
      const job = f.job ?? '';
      const site = JOB_ID.test(job) && typeof f.site === 'string' ? parseResultLine(f.site) : null;
      out.push({ id, job, site });
    }
  }
  return out;
}
