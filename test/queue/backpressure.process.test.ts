/**
 * A queue worker, like `crawl`, takes fewer sites at once while its pages run late (crawler/backpressure.ts
 * on BullMQ's worker concurrency), on a real redis-server. The visits are the stub's (no browser): what
 * each reports of its pages' pace is given, so the test does not depend on how busy its machine is.
 */
import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { loadConfig } from '../../src/config.ts';
import { ENGINE } from '../../defaults/engine.ts';
import { addTargets } from '../../queue/add.ts';
import { collect } from '../../queue/collector.ts';
import { openRedis } from '../../queue/connection.ts';
import { resolveRedis, type ResolvedRedis } from '../../queue/redis-url.ts';
import { runWorker } from '../../queue/worker.ts';
import type { SiteRunner, SiteRunnerOptions } from '../../crawler/site-runner.ts';
import { startRedis, type TestRedis } from '../helpers/redis.ts';
import { stubRunner } from './support/stub-runner.ts';

const SITES = 24;
const VISIT_MS = 1000;
const CONCURRENCY = 4;

describe('queue worker: fewer sites at once while its pages run late (real redis-server)', function () {
  this.timeout(90_000);
  let server: TestRedis;
  let target: ResolvedRedis;
  let redis: Redis;
  let dir: string;

  before(async () => {
    server = await startRedis();
    target = resolveRedis({}, { COOKIE_AUDIT_REDIS: server.url });
    redis = await openRedis(target);
    dir = await mkdtemp(join(tmpdir(), 'cookie-audit-backpressure-'));
  });
  after(async () => {
    redis?.disconnect();
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Sites in flight when each visit started, in order; every visit tells the worker its pages ran `late`. */
  const inFlight = async (run: string, late: boolean): Promise<number[]> => {
    await addTargets({
      redis, connection: target, run, targets: Array.from({ length: SITES }, (_, i) => `${run}-${i}.example`), config: loadConfig({}, ENGINE.ruleIds),
      crawl: { pages: 0, settle: 0, timeout: 1000, siteTimeout: null, includeValues: false },
    });
    const stub = stubRunner({ delayMs: VISIT_MS });
    const starts: number[] = [];
    let active = 0;
    const create = (o: SiteRunnerOptions): SiteRunner => {
      const inner = stub.create(o);
      return {
        ...inner,
        async run(...args) {
          starts.push(++active);
          // What a phase tells of its page's pace (crawler/phase.ts): every round trip late, or none.
          o.onLateness?.({ samples: 20, late: late ? 20 : 0, lostMs: late ? 10_000 : 0 });
          try { return await inner.run(...args); } finally { active--; }
        },
      };
    };
    const worker = runWorker({ redis: target, run, concurrency: CONCURRENCY, browserArgs: [], allowSchemes: [], createRunner: create, idleExitMs: 1500, log: () => {} });
    const r = await collect({ redis: target, run, out: join(dir, run), follow: true, blockMs: 200, log: () => {} });
    await worker;
    expect(r).to.deep.include({ complete: true, total: SITES });
    return starts;
  };

  it('steps down to one site at a time while starved, and keeps its concurrency while calm', async () => {
    const starved = await inFlight('starved', true);
    expect(Math.max(...starved.slice(0, CONCURRENCY)), 'at first').to.equal(CONCURRENCY);
    expect(starved.slice(-4), 'the last sites, starved').to.deep.equal([1, 1, 1, 1]);
    const calm = await inFlight('calm', false);
    expect(Math.max(...calm.slice(-CONCURRENCY)), 'the last sites, calm').to.equal(CONCURRENCY);
  });
});
