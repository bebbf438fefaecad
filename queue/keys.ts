/**
 * Names in Redis of one run. BullMQ keeps its queue under `cookie-audit:bull:<run>:…`; the run's
 * own keys live under `cookie-audit:run:<run>:…`, so the two never collide.
 *
 * @example
 *   runKeys('eu-06').meta // 'cookie-audit:run:eu-06:meta'
 */
import { QueueError } from './queue-error.ts';

export const BULL_PREFIX = 'cookie-audit:bull';

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Checks a `--run` name: letters, digits, `.`, `_`, `-`, at most 64, no `:` (BullMQ queue names cannot hold one). */
export function parseRunId(raw: string | undefined): string {
  if (raw === undefined || raw.trim() === '') throw new QueueError('Expected `--run NAME` (the run\'s name, e.g. `eu-06`).');
  const run = raw.trim();
  if (!RUN_ID.test(run)) {
    throw new QueueError(`Expected \`run\` to be 1–64 letters, digits, \`.\`, \`_\` or \`-\` (starting with a letter or digit), got \`${raw}\``);
  }
  return run;
}

export interface RunKeys {
  /** BullMQ queue name (with BULL_PREFIX). */
  queue: string;
  /** JSON run metadata (string, SET NX). */
  meta: string;
  /** hash job id → raw target, every target added. */
  targets: string;
  /** list of job ids in the order they were added (report order). */
  order: string;
  /** hash job id → 'ok' or the error code of its last result. */
  outcome: string;
  /** hash 'ok' / error code → number of targets with that outcome. */
  counts: string;
  /** hash minute (epoch minutes) → targets first finished in that minute. */
  rate: string;
  /** stream of results waiting for the collector: fields `job`, `site`. */
  results: string;
  /** sorted set worker id → last heartbeat (ms). */
  workers: string;
  /** the collector's lock (string token with a TTL). */
  collector: string;
}

export function runKeys(run: string): RunKeys {
  const base = `cookie-audit:run:${run}`;
  return {
    queue: run,
    meta: `${base}:meta`,
    targets: `${base}:targets`,
    order: `${base}:order`,
    outcome: `${base}:outcome`,
    counts: `${base}:counts`,
    rate: `${base}:rate`,
    results: `${base}:results`,
    workers: `${base}:workers`,
    collector: `${base}:collector`,
  };
}
