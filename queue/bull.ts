/**
 * The BullMQ queue of a run, with the job options every site job gets. Only infrastructure faults
 * (Redis unreachable, no browser, disk full on the worker) fail a job and consume an attempt: a
 * site that cannot be audited is a *result* (status `error`), and its job completes.
 *
 * @example
 *   const queue = openQueue(resolved, keys); await queue.addBulk(…); await queue.close();
 */
import { Queue, type JobsOptions } from 'bullmq';
import { BULL_PREFIX, type RunKeys } from './keys.ts';
import type { ResolvedRedis } from './redis-url.ts';

export const JOB_NAME = 'site';

export const JOB_OPTIONS: JobsOptions = {
  // Infrastructure faults only: three tries, 10 s then 20 s apart.
  attempts: 3,
  backoff: { type: 'exponential', delay: 10_000 },
  // The outcome lives in the run's own keys; finished jobs would only fill Redis.
  removeOnComplete: true,
  // Failed jobs stay for `queue status` and the worker-lost sweep.
  removeOnFail: false,
};

export function openQueue(redis: ResolvedRedis, keys: RunKeys): Queue {
  const queue = new Queue(keys.queue, { connection: { ...redis.options }, prefix: BULL_PREFIX });
  queue.on('error', () => {}); // connection errors surface on the calls that need the queue
  return queue;
}
