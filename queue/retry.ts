/**
 * `queue retry --code timeout,connection`: queues again the sites whose last result has one of
 * these error codes. Their outcome is forgotten until the new result comes; the collector then
 * replaces the old line (the last result wins).
 *
 * @example
 *   await retryByCode(redis, keys, queue, ['timeout', 'connection']) // → { retried: 12, running: 0 }
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { ERROR_CODES } from '../crawler/errors.ts';
import { JOB_NAME, JOB_OPTIONS } from './bull.ts';
import { QueueError } from './queue-error.ts';
import type { RunKeys } from './keys.ts';
import { forgetOutcome } from './results.ts';

export const RETRYABLE_CODES: readonly string[] = Object.keys(ERROR_CODES);

/** `timeout,connection` → ['timeout', 'connection'], each a known error code. */
export function parseCodes(raw: string | string[] | undefined): string[] {
  const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).flatMap((r) => r.split(',')).map((c) => c.trim()).filter((c) => c !== '');
  if (list.length === 0) throw new QueueError(`Expected \`--code\` with one or more error codes, comma-separated (${RETRYABLE_CODES.join(', ')}).`);
  for (const code of list) {
    if (!RETRYABLE_CODES.includes(code)) throw new QueueError(`Expected \`code\` to be one of ${RETRYABLE_CODES.join(', ')}, got \`${code}\``);
  }
  return [...new Set(list)];
}

export async function retryByCode(redis: Redis, keys: RunKeys, queue: Queue, codes: readonly string[]): Promise<{ retried: number; running: number }> {
  const wanted = new Set(codes);
  let retried = 0;
  let running = 0;
  let cursor = '0';
  do {
    const [next, flat] = await redis.hscan(keys.outcome, cursor, 'COUNT', 500);
    cursor = next;
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const id = flat[i]!;
      if (!wanted.has(flat[i + 1]!)) continue;
      const target = await redis.hget(keys.targets, id);
      if (target === null) continue;
      const existing = await queue.getJob(id);
      if (existing) {
        const state = await existing.getState();
        if (state === 'active' || state === 'waiting' || state === 'delayed' || state === 'prioritized') {
          running++;
          continue;
        }
        await existing.remove();
      }
      await forgetOutcome(redis, keys, id);
      await queue.add(JOB_NAME, { target }, { ...JOB_OPTIONS, jobId: id });
      retried++;
    }
  } while (cursor !== '0');
  return { retried, running };
}
