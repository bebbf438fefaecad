/**
 * What `queue add|status|report|retry` and `worker` do (their options are declared in
 * ./queue-commands.ts). Every command: the Redis address from `--redis` or $COOKIE_AUDIT_REDIS
 * (a warning when the password came on the command line), the run name checked, and only the
 * redacted address (`redis://:***@host:port/db`) ever printed. Loaded only when a command runs.
 *
 * @example
 *   process.exitCode = await runQueueAdd(['a.fr'], { run: 'eu-06', redis: undefined }, io);
 */
import { resolve } from 'node:path';
import { DEFAULTS } from '../crawler/defaults.ts';
import { addTargets } from '../queue/add.ts';
import { openQueue } from '../queue/bull.ts';
import { collect } from '../queue/collector.ts';
import { openRedis } from '../queue/connection.ts';
import { parseRunId, runKeys } from '../queue/keys.ts';
import { settleFailedJobs } from '../queue/lost.ts';
import { resolveRedis, type ResolvedRedis } from '../queue/redis-url.ts';
import { parseCodes, retryByCode } from '../queue/retry.ts';
import { assertSameVersion, readRun } from '../queue/run.ts';
import { formatStatus, readStatus, watchStatus } from '../queue/status.ts';
import { runWorker, workerExitCode } from '../queue/worker.ts';
import { collectTargets, parseBrowserSettings, parseCrawlSettings, parseWholeNumber, readConfig, UsageError, type RawBrowserOptions, type RawCrawlSettings } from './crawl-options.ts';
import { finishCrawl, prepareCrawlOutputs, type RawOutputOptions } from './crawl-outputs.ts';
import { terminalSafe } from './safe-text.ts';
import type { CliIo } from './io.ts';
import { summaryText } from './summary-table.ts';

/** Where the queue commands write (cli/io.ts). */
export type QueueIo = CliIo;

interface RawQueueCommon {
  run?: string;
  redis?: string;
}
export interface RawQueueAdd extends RawQueueCommon, RawCrawlSettings {
  input?: string;
  config?: string;
  includeValues?: boolean;
}
export interface RawQueueStatus extends RawQueueCommon {
  watch?: boolean;
  interval?: string;
}
export interface RawQueueReport extends RawQueueCommon, RawOutputOptions {
  out?: string;
  follow?: boolean;
}
export interface RawQueueRetry extends RawQueueCommon {
  code?: string[];
}
export interface RawWorker extends RawQueueCommon, RawBrowserOptions {
  concurrency?: string;
  idleExit?: string;
  artefacts?: string;
  lockDuration?: string;
  stalledInterval?: string;
}

/** The address (warning printed when the password came on the command line) and the run name. */
function common(raw: RawQueueCommon, io: QueueIo): { redis: ResolvedRedis; run: string } {
  const redis = resolveRedis(raw);
  if (redis.warning) io.stderr(`${redis.warning}\n`);
  return { redis, run: parseRunId(raw.run) };
}

/** Runs `body` until SIGINT or SIGTERM, which abort its signal. */
async function untilSignal<T>(body: (signal: AbortSignal, stoppedBy: () => string | null) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let stoppedBy: string | null = null;
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((name) => {
    const handler = () => {
      stoppedBy ??= name;
      controller.abort();
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  try {
    return await body(controller.signal, () => stoppedBy);
  } finally {
    for (const [name, handler] of handlers) process.off(name, handler);
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export async function runQueueAdd(args: string[], raw: RawQueueAdd, io: QueueIo): Promise<number> {
  const { redis: where, run } = common(raw, io);
  const config = readConfig(raw.config);
  const crawl = { ...parseCrawlSettings(raw), includeValues: raw.includeValues === true };
  const targets = collectTargets(args, raw.input, config);
  const redis = await openRedis(where);
  try {
    const r = await addTargets({ redis, connection: where, run, targets, config, crawl });
    io.stdout(`run ${run} on ${where.display}${r.created ? ' (created)' : ''}: added ${r.added}, already there ${r.already}, total ${r.total}\n`);
    return 0;
  } finally {
    redis.disconnect();
  }
}

export async function runQueueStatus(raw: RawQueueStatus, io: QueueIo): Promise<number> {
  const { redis: where, run } = common(raw, io);
  const intervalMs = parseWholeNumber('interval', raw.interval, 100, 5000);
  const keys = runKeys(run);
  const redis = await openRedis(where);
  const queue = openQueue(where, keys);
  try {
    await readRun(redis, keys, run, where.display);
    const read = async () => {
      await settleFailedJobs(redis, keys, queue).catch(() => 0);
      return readStatus(redis, keys, queue, run);
    };
    if (!raw.watch) {
      io.stdout(formatStatus(await read(), where.display));
      return 0;
    }
    await untilSignal((signal) => watchStatus(read, (s) => io.stdout(`${new Date().toISOString()} ${formatStatus(s, where.display)}`), { intervalMs, signal }));
    return 0;
  } finally {
    await queue.close().catch(() => {});
    redis.disconnect();
  }
}

export async function runQueueReport(raw: RawQueueReport, io: QueueIo): Promise<number> {
  const { redis: where, run } = common(raw, io);
  const outputs = prepareCrawlOutputs(raw);
  const out = raw.out ?? DEFAULTS.out;
  if (out.trim() === '') throw new UsageError('Expected `out` to be a directory path, got an empty string');
  // The run's own configuration and settings: every site of it is judged and gated one way.
  const redis = await openRedis(where);
  let meta;
  try {
    meta = await readRun(redis, runKeys(run), run, where.display);
  } finally {
    redis.disconnect();
  }
  assertSameVersion(meta.meta, 'collector');
  let lastProgress = 0;
  const { result, stoppedBy } = await untilSignal(async (signal, stoppedBy) => {
    const result = await collect({
      redis: where, run, out, follow: raw.follow === true, signal,
      log: (line) => io.stderr(`${terminalSafe(line, 2000)}\n`),
      onProgress: ({ collected, total }) => {
        if (Date.now() - lastProgress < 5000 && collected < total) return;
        lastProgress = Date.now();
        io.stderr(`cookie-audit: collected ${collected}/${total}\n`);
      },
    });
    return { result, stoppedBy: stoppedBy() };
  });
  const { report } = result;
  io.stdout(summaryText(report, result.sites));
  let exitCode = await finishCrawl(report, outputs, { out, config: meta.config, includeValues: meta.meta.crawl.includeValues }, io);
  if (result.replaced > 0) io.stderr(`cookie-audit: ${plural(result.replaced, 'site')} had a newer result that replaced the older one (the last result wins).\n`);
  if (stoppedBy) {
    io.stderr(`cookie-audit: stopped by ${stoppedBy}; the report holds the results collected so far. Run \`queue report\` again to go on.\n`);
    return 130;
  }
  if (!result.complete) {
    io.stderr(`cookie-audit: run ${run} is not complete: ${result.sites} of ${plural(result.total, 'target')} have a result ` +
      `(see \`cookie-audit queue status --run ${run}\`; \`queue report --follow\` waits for the rest). Exit status 124.\n`);
    exitCode = 124;
  }
  return exitCode;
}

export async function runQueueRetry(raw: RawQueueRetry, io: QueueIo): Promise<number> {
  const { redis: where, run } = common(raw, io);
  const codes = parseCodes(raw.code);
  const keys = runKeys(run);
  const redis = await openRedis(where);
  const queue = openQueue(where, keys);
  try {
    await readRun(redis, keys, run, where.display);
    const r = await retryByCode(redis, keys, queue, codes);
    io.stdout(`run ${run} on ${where.display}: ${plural(r.retried, 'site')} queued again (${codes.join(', ')})` +
      `${r.running > 0 ? `, ${r.running} already queued or running` : ''}\n`);
    return 0;
  } finally {
    await queue.close().catch(() => {});
    redis.disconnect();
  }
}

export async function runWorkerCommand(raw: RawWorker, io: QueueIo): Promise<number> {
  const { redis, run } = common(raw, io);
  // The worker's own browser settings, from its command line only (never from Redis).
  const browser = parseBrowserSettings(raw);
  const concurrency = parseWholeNumber('concurrency', raw.concurrency, 1, DEFAULTS.concurrency);
  const idleExitMs = raw.idleExit === undefined ? null : parseWholeNumber('idle-exit', raw.idleExit, 1);
  if (raw.artefacts !== undefined && raw.artefacts.trim() === '') throw new UsageError('Expected `artefacts` to be a directory path, got an empty string');
  const artefacts = raw.artefacts === undefined ? null : resolve(raw.artefacts);
  io.stderr(`cookie-audit: worker on run ${run} at ${redis.display}, ${plural(concurrency, 'site')} at a time${idleExitMs === null ? '' : `, exits after ${idleExitMs} ms idle`}\n`);
  const result = await untilSignal((signal) => runWorker({
    redis, run, concurrency, ...browser, idleExitMs, artefacts, signal,
    lockDurationMs: parseWholeNumber('lock-duration', raw.lockDuration, 1000, 30_000),
    stalledIntervalMs: parseWholeNumber('stalled-interval', raw.stalledInterval, 100, 30_000),
    log: (line) => io.stderr(`${terminalSafe(line, 2000)}\n`),
  }));
  io.stderr(`cookie-audit: worker stopped (${result.reason}) after ${plural(result.processed, 'site')}\n`);
  return workerExitCode(result);
}
