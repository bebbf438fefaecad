/**
 * `cookie-audit worker`: takes the run's site jobs from Redis (BullMQ) and visits them with the
 * crawler, `concurrency` at a time, until stopped or idle for `--idle-exit` ms.
 *
 * - A site that cannot be audited is a result (`status: 'error'` with its code) and its job
 *   completes; only infrastructure faults (no browser, the worker's own failures) fail the job
 *   and consume an attempt; on the last attempt the site becomes an `internal` error result.
 *   Three infrastructure faults in a row stop the worker (it would only burn the queue).
 * - A worker killed mid-site loses its job lock; another worker's stalled-job check puts the job
 *   back. A job that stalls more often than `maxStalledCount` is failed by BullMQ and recorded here
 *   as `worker-lost` (queue/lost.ts).
 * - Payloads are untrusted (queue/payload.ts); the crawl settings and configuration come from the
 *   run's checked metadata; the browser, its switches and the allowed schemes from this command line.
 * - A worker of another version than the run's refuses it (exit 2).
 *
 * @example
 *   const done = await runWorker({ redis: resolveRedis({}), run: 'eu-06', concurrency: 4, browserArgs: [], allowSchemes: [] });
 *   // → { processed: 120, reason: 'idle' }
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Worker, type Job } from 'bullmq';
import { errorSite } from '../src/engine.ts';
import type { SiteAudit } from '../src/model.ts';
import type { AllowableScheme } from '../crawler/targets.ts';
import { openQueue } from './bull.ts';
import { openRedis } from './connection.ts';
import { JOB_ID } from './job-id.ts';
import { BULL_PREFIX, runKeys } from './keys.ts';
import { settleFailedJob, settleFailedJobs, STALLED_REASON } from './lost.ts';
import { checkPayload, type JobPayload } from './payload.ts';
import type { ResolvedRedis } from './redis-url.ts';
import { recordResult } from './results.ts';
import { assertSameVersion, readRun } from './run.ts';
import type { SiteRunner, SiteRunnerOptions } from '../crawler/site-runner.ts';
import { createLatenessWindow } from '../crawler/page-lateness.ts';
import { startBackpressure, type Backpressure } from '../crawler/backpressure.ts';
import { artefactSink, artefactSlug } from './artefacts.ts';

export interface WorkerOptions {
  redis: ResolvedRedis;
  run: string;
  concurrency: number;
  executable?: string;
  browserArgs: string[];
  allowSchemes: readonly AllowableScheme[];
  /** Exit after this long without a job (ms); null: run until stopped. */
  idleExitMs?: number | null;
  /** `--artefacts DIR`: each site's screenshot and observations under DIR/<slug>-<hash> (queue/artefacts.ts); none by default. */
  artefacts?: string | null;
  /** Stops the worker: no new job is taken, running sites finish. */
  signal?: AbortSignal;
  /** How sites are visited (default: crawler/site-runner.ts's createSiteRunner, loaded only then: it pulls in the browser driver). */
  createRunner?: (options: SiteRunnerOptions) => SiteRunner;
  /** BullMQ lock of a running job (ms, default 30 s; renewed at half): how soon a killed worker's sites are noticed. */
  lockDurationMs?: number;
  /** How often stalled jobs are looked for (ms, default 30 s). */
  stalledIntervalMs?: number;
  /** Stalls a job survives before it ends `worker-lost` (default 1: the second worker lost on it ends it). */
  maxStalledCount?: number;
  /** Infrastructure faults in a row that stop the worker (default 3). */
  maxInfrastructureFaults?: number;
  log?: (line: string) => void;
}

export interface WorkerResult {
  processed: number;
  reason: 'idle' | 'stopped' | 'infrastructure';
}

const HEARTBEAT_MS = 5000;

export async function runWorker(o: WorkerOptions): Promise<WorkerResult> {
  const log = o.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const keys = runKeys(o.run);
  const redis = await openRedis(o.redis);
  let runner: SiteRunner | null = null;
  let worker: Worker | null = null;
  let backpressure: Backpressure | null = null;
  const queue = openQueue(o.redis, keys);
  const timers: NodeJS.Timeout[] = [];
  const workerId = `${hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`;
  try {
    const { meta, config } = await readRun(redis, keys, o.run, o.redis.display);
    assertSameVersion(meta, 'worker');
    // Loaded only when used: a worker given its runner does not load the browser driver.
    const create = o.createRunner ?? (await import('../crawler/site-runner.ts')).createSiteRunner;
    // As in `crawl`: the worker's pages' and browser's pace tells a timeout the machine caused (re-checked,
    // not the site's) and lowers the sites in flight while they run late (crawler/backpressure.ts).
    const pace = createLatenessWindow();
    runner = create({
      config, pages: meta.crawl.pages, settle: meta.crawl.settle, timeout: meta.crawl.timeout,
      siteTimeout: meta.crawl.siteTimeout ?? undefined, includeValues: meta.crawl.includeValues, policy: meta.crawl.policy,
      executable: o.executable, browserArgs: o.browserArgs, allowSchemes: o.allowSchemes,
      onLateness: pace.add, pace: pace.read,
    });
    const siteRunner = runner;
    // A browser that cannot start stops the worker now (exit 3), before it takes a job.
    await siteRunner.ready();
    const sink = await artefactSink(o.artefacts);

    let processed = 0;
    let active = 0;
    let lastBusy = Date.now();
    let faultsInARow = 0;
    let reason: WorkerResult['reason'] = 'stopped';
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => { finish = resolve; });
    const stop = (why: WorkerResult['reason']) => {
      if (reason === 'stopped' && why !== 'stopped') reason = why;
      finish();
    };

    const record = async (id: string, site: SiteAudit) => {
      await recordResult(redis, keys, id, site);
      processed++;
    };

    const processor = async (job: Job<JobPayload>): Promise<void> => {
      active++;
      lastBusy = Date.now();
      try {
        const id = job.id ?? '';
        // A job not made by `queue add` (its id is no site hash): nothing to key a result by.
        if (!JOB_ID.test(id)) {
          log(`cookie-audit: worker: job \`${id.slice(0, 80)}\` has no site id; dropped.`);
          return;
        }
        const checked = checkPayload(job.data, o.allowSchemes);
        if (!checked.ok) {
          // Decided before any browser or file is touched.
          await record(id, errorSite(checked.key ?? `(job ${id})`, checked.code, checked.message));
          return;
        }
        let site: SiteAudit;
        try {
          site = await siteRunner.run(checked.target, { slug: (url) => artefactSlug(url, id), artefacts: sink });
          faultsInARow = 0;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          if (++faultsInARow >= (o.maxInfrastructureFaults ?? 3)) {
            log(`cookie-audit: worker: ${faultsInARow} infrastructure faults in a row (last: ${message}); stopping this worker.`);
            stop('infrastructure');
          }
          const attempts = job.opts.attempts ?? 1;
          if (job.attemptsMade + 1 < attempts) throw error; // BullMQ tries again later, maybe on another worker
          site = errorSite(checked.key, 'internal', `The workers could not visit the site (${attempts} attempt${attempts === 1 ? '' : 's'}): ${message}`);
        }
        await record(id, site);
      } finally {
        active--;
        lastBusy = Date.now();
      }
    };

    worker = new Worker<JobPayload>(keys.queue, processor, {
      connection: { ...o.redis.options },
      prefix: BULL_PREFIX,
      concurrency: o.concurrency,
      lockDuration: o.lockDurationMs ?? 30_000,
      stalledInterval: o.stalledIntervalMs ?? 30_000,
      maxStalledCount: o.maxStalledCount ?? 1,
      autorun: false,
    });
    backpressure = startBackpressure(worker, { max: o.concurrency, read: pace.read });
    worker.on('error', (error) => log(`cookie-audit: worker: ${error.message}`));
    worker.on('failed', (job, error) => {
      if (!job) return;
      const final = error.message.includes(STALLED_REASON) || job.attemptsMade >= (job.opts.attempts ?? 1);
      if (final) void settleFailedJob(redis, keys, job, error.message).catch((e: unknown) => log(`cookie-audit: worker: ${(e as Error).message}`));
    });

    // Heartbeat (queue status counts live workers), the failed-job sweep, and the idle check.
    const beat = () => redis.zadd(keys.workers, Date.now(), workerId).catch(() => {});
    await beat();
    timers.push(setInterval(beat, HEARTBEAT_MS));
    timers.push(setInterval(() => { void settleFailedJobs(redis, keys, queue).catch(() => {}); }, 30_000));
    void settleFailedJobs(redis, keys, queue).catch(() => {});
    if (o.idleExitMs !== undefined && o.idleExitMs !== null) {
      const idle = o.idleExitMs;
      timers.push(setInterval(() => {
        if (active === 0 && Date.now() - lastBusy >= idle) stop('idle');
      }, Math.max(50, Math.min(1000, Math.floor(idle / 4)))));
    }
    const onAbort = () => stop('stopped');
    if (o.signal?.aborted) stop('stopped');
    o.signal?.addEventListener('abort', onAbort, { once: true });

    const running = worker.run();
    running.catch((error: unknown) => {
      log(`cookie-audit: worker: ${(error as Error).message}`);
      stop('infrastructure');
    });
    await finished;
    o.signal?.removeEventListener('abort', onAbort);
    // Running sites finish and are recorded; no new job is taken.
    await worker.close();
    return { processed, reason };
  } finally {
    for (const t of timers) clearInterval(t);
    backpressure?.stop();
    await worker?.close().catch(() => {});
    await runner?.close().catch(() => {});
    await redis.zrem(keys.workers, workerId).catch(() => {});
    await queue.close().catch(() => {});
    redis.disconnect();
  }
}

/** The exit status of a finished worker: 0 idle or stopped, 3 when it stopped on infrastructure faults. */
export function workerExitCode(result: WorkerResult): number {
  return result.reason === 'infrastructure' ? 3 : 0;
}
