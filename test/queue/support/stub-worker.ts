/**
 * A worker process for the stall tests: a real BullMQ worker on the run, with a stub site runner
 * (no browser) that hangs on targets matching $HANG. Prints `visiting <target>` as each visit
 * starts, so the test knows when to SIGKILL it mid-site.
 *
 *   COOKIE_AUDIT_REDIS=… RUN=r HANG=killer node --import tsx test/queue/support/stub-worker.ts
 */
import { resolveRedis } from '../../../queue/redis-url.ts';
import { runWorker } from '../../../queue/worker.ts';
import { stubRunner } from './stub-runner.ts';

const stub = stubRunner({
  hang: process.env.HANG ? new RegExp(process.env.HANG) : undefined,
  onRun: (target) => process.stdout.write(`visiting ${target}\n`),
});
await runWorker({
  redis: resolveRedis({}),
  run: process.env.RUN!,
  concurrency: Number(process.env.CONCURRENCY ?? 1),
  browserArgs: [],
  allowSchemes: [],
  createRunner: stub.create,
  lockDurationMs: 1000,
  stalledIntervalMs: 300,
  maxStalledCount: Number(process.env.MAX_STALLED ?? 1),
  log: (line) => process.stderr.write(`${line}\n`),
});
