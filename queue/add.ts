/**
 * `queue add`: creates the run on its first call (metadata written once, SET NX) and queues one
 * job per distinct normalised target. Idempotent: re-adding a list adds nothing, and an add cut
 * short can be run again (jobs are added before they are registered, BullMQ ignores an existing id).
 *
 * @example
 *   await addTargets({ redis, connection, run: 'eu-06', targets, config, crawl: { pages: 0, settle: 3000, timeout: 30000, siteTimeout: null, includeValues: false } })
 *   // → { created: true, added: 35, already: 0, total: 35 }
 */
import type { Redis } from 'ioredis';
import type { ResolvedConfig } from '../src/config.ts';
import { JOB_NAME, JOB_OPTIONS, openQueue } from './bull.ts';
import { jobIdFor } from './job-id.ts';
import { runKeys } from './keys.ts';
import type { ResolvedRedis } from './redis-url.ts';
import { createOrCheckRun, runMetaFrom, type RunCrawlSettings } from './run.ts';

const REGISTER = `
local added = 0
for i = 1, #ARGV, 2 do
  if redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1]) == 1 then
    redis.call('RPUSH', KEYS[2], ARGV[i])
    added = added + 1
  end
end
return added
`;

export interface AddOptions {
  redis: Redis;
  connection: ResolvedRedis;
  run: string;
  targets: readonly string[];
  config: ResolvedConfig;
  crawl: RunCrawlSettings;
  batchSize?: number;
}

export interface AddResult {
  /** This add created the run. */
  created: boolean;
  /** Targets queued by this add. */
  added: number;
  /** Targets of the list already in the run (or repeated in the list). */
  already: number;
  /** Targets in the run now. */
  total: number;
}

export async function addTargets(o: AddOptions): Promise<AddResult> {
  const keys = runKeys(o.run);
  const created = await createOrCheckRun(o.redis, keys, runMetaFrom(o.run, o.config, o.crawl));
  // One job per normalised target: `a.fr` and `https://a.fr/` are one.
  const byId = new Map<string, string>();
  for (const raw of o.targets) {
    const target = raw.trim();
    if (target === '') continue;
    const id = jobIdFor(target);
    if (!byId.has(id)) byId.set(id, target);
  }
  const entries = [...byId];
  const size = o.batchSize ?? 1000;
  const queue = openQueue(o.connection, keys);
  let added = 0;
  try {
    for (let i = 0; i < entries.length; i += size) {
      const batch = entries.slice(i, i + size);
      const known = await o.redis.hmget(keys.targets, ...batch.map(([id]) => id));
      const fresh = batch.filter((_e, j) => known[j] === null);
      if (fresh.length === 0) continue;
      await queue.addBulk(fresh.map(([id, target]) => ({ name: JOB_NAME, data: { target }, opts: { ...JOB_OPTIONS, jobId: id } })));
      added += await o.redis.eval(REGISTER, 2, keys.targets, keys.order, ...fresh.flat()) as number;
    }
  } finally {
    await queue.close();
  }
  const total = await o.redis.hlen(keys.targets);
  return { created, added, already: o.targets.filter((t) => t.trim() !== '').length - added, total };
}
