/**
 * Jobs BullMQ failed for good without a result — above all those that stalled more times than the
 * run allows because every worker holding them died (`job stalled more than allowable limit`) —
 * become error results, so every target still appears exactly once in the report: `worker-lost`
 * for stalls, `internal` for anything else. A job that already has an outcome keeps it (a worker
 * thought lost may have finished after all: its result stands).
 *
 * @example
 *   await settleFailedJob(redis, keys, job, job.failedReason); // from a worker's 'failed' event
 *   await settleFailedJobs(redis, keys, queue);               // sweep (workers, collector, status)
 */
import type { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { ERROR_CODES } from '../crawler/errors.ts';
import { errorSite } from '../src/engine.ts';
import { JOB_ID } from './job-id.ts';
import type { RunKeys } from './keys.ts';
import { validatePayload } from './payload.ts';
import { recordResult } from './results.ts';
import { targetKey } from '../crawler/resume.ts';

export const STALLED_REASON = 'job stalled more than allowable limit';

/** Records the result of a job that failed for good, unless it has an outcome. Returns whether it recorded one. */
export async function settleFailedJob(redis: Redis, keys: RunKeys, job: Pick<Job, 'id' | 'data' | 'attemptsMade' | 'opts'>, reason: string | undefined): Promise<boolean> {
  const id = job.id ?? '';
  if (!JOB_ID.test(id)) return false;
  if (await redis.hexists(keys.outcome, id)) return false;
  const target = validatePayload(job.data) ? job.data.target : null;
  const url = target === null ? `(job ${id})` : targetKey(target);
  const stalled = reason !== undefined && reason.includes(STALLED_REASON);
  const site = stalled
    ? errorSite(url, 'worker-lost', `${ERROR_CODES['worker-lost']} (${reason})`)
    : errorSite(url, 'internal', `The site's job failed on the workers ${job.attemptsMade} time(s): ${reason ?? 'no reason given'}`);
  await recordResult(redis, keys, id, site);
  return true;
}

/**
 * Sweeps up to `limit` of the queue's failed jobs: settles those without an outcome, then removes
 * them (their outcome lives in the run's keys now, and the sweep stays short).
 */
export async function settleFailedJobs(redis: Redis, keys: RunKeys, queue: Queue, limit = 1000): Promise<number> {
  let settled = 0;
  const jobs = (await queue.getFailed(0, limit - 1)).filter((j): j is Job => Boolean(j));
  for (const job of jobs) {
    if (await settleFailedJob(redis, keys, job, job.failedReason)) settled++;
    await job.remove().catch(() => {}); // taken back by `queue retry` meanwhile: nothing to do
  }
  return settled;
}
