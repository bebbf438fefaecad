/**
 * Workers killed mid-site (SIGKILL, as when a machine is lost), with real BullMQ stalled-job
 * recovery on a real redis-server. The killed workers are separate processes
 * (support/stub-worker.ts, whose runner hangs on one site); sites are answered without a browser.
 */
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { loadConfig } from '../../src/config.ts';
import { ENGINE } from '../../defaults/engine.ts';
import { addTargets } from '../../queue/add.ts';
import { collect } from '../../queue/collector.ts';
import { openRedis } from '../../queue/connection.ts';
import { jobIdFor } from '../../queue/job-id.ts';
import { runKeys } from '../../queue/keys.ts';
import { resolveRedis, type ResolvedRedis } from '../../queue/redis-url.ts';
import { runWorker } from '../../queue/worker.ts';
import { startRedis, type TestRedis } from '../helpers/redis.ts';
import { stubRunner } from './support/stub-runner.ts';

const STUB_WORKER = new URL('./support/stub-worker.ts', import.meta.url).pathname;

/** Starts a stub worker process and resolves once it has started visiting a target matching `hang`. */
function startHangingWorker(url: string, run: string, hang: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', STUB_WORKER], {
    env: { ...process.env, COOKIE_AUDIT_REDIS: url, RUN: run, HANG: hang, CONCURRENCY: '3' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, killed as a whole
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`the stub worker never reached ${hang}: ${err}`)), 30_000);
    child.stderr!.on('data', (c: Buffer) => { err += c.toString(); });
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (new RegExp(`visiting [^\\n]*${hang}`).test(out)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the stub worker exited (${code}) before ${hang}: ${err}`)); });
  });
}

async function kill(child: ChildProcess): Promise<void> {
  child.removeAllListeners('exit');
  const gone = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid!, 'SIGKILL');
  await gone;
}

describe('queue: workers lost mid-site (real redis-server, SIGKILL)', function () {
  this.timeout(120_000);
  let server: TestRedis;
  let target: ResolvedRedis;
  let redis: Redis;
  let dir: string;
  const children: ChildProcess[] = [];

  before(async () => {
    server = await startRedis();
    target = resolveRedis({}, { COOKIE_AUDIT_REDIS: server.url });
    redis = await openRedis(target);
    dir = await mkdtemp(join(tmpdir(), 'cookie-audit-stall-'));
  });
  after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) await kill(c).catch(() => {});
    redis?.disconnect();
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const add = (run: string, targets: string[]) => addTargets({
    redis, connection: target, run, targets, config: loadConfig({}, ENGINE.ruleIds),
    crawl: { pages: 0, settle: 0, timeout: 1000, siteTimeout: null, includeValues: false },
  });

  it('gives the site a killed worker held to another worker: every site once, the killed one ok', async () => {
    const targets = ['n1.example', 'held.example', 'n2.example', 'n3.example'];
    await add('killed-once', targets);
    const child = await startHangingWorker(server.url, 'killed-once', 'held');
    children.push(child);
    await kill(child);
    const survivor = stubRunner();
    const worker = runWorker({ redis: target, run: 'killed-once', concurrency: 2, browserArgs: [], allowSchemes: [], createRunner: survivor.create,
      lockDurationMs: 1000, stalledIntervalMs: 300, maxStalledCount: 1, idleExitMs: 4000, log: () => {} });
    const r = await collect({ redis: target, run: 'killed-once', out: join(dir, 'killed-once'), follow: true, blockMs: 200, log: () => {} });
    await worker;
    expect(r).to.deep.include({ complete: true, total: 4 });
    expect([...r.report.sites].map((s) => s.url)).to.deep.equal(targets.map((t) => `https://${t}/`));
    expect([...r.report.sites].every((s) => s.status === 'ok')).to.equal(true);
    expect(survivor.calls).to.include('held.example');
  });

  it('ends a site that kills every worker it lands on as `worker-lost`; its neighbours end ok', async () => {
    const targets = ['m1.example', 'killer.example', 'm2.example'];
    await add('killer', targets);
    // maxStalledCount 1: the first stall puts the site back, the second ends it.
    for (let i = 0; i < 2; i++) {
      const child = await startHangingWorker(server.url, 'killer', 'killer');
      children.push(child);
      await kill(child);
    }
    const last = stubRunner({ hang: /killer/ });
    const worker = runWorker({ redis: target, run: 'killer', concurrency: 2, browserArgs: [], allowSchemes: [], createRunner: last.create,
      lockDurationMs: 1000, stalledIntervalMs: 300, maxStalledCount: 1, idleExitMs: 4000, log: () => {} });
    const r = await collect({ redis: target, run: 'killer', out: join(dir, 'killer'), follow: true, blockMs: 200, log: () => {} });
    await worker;
    expect(last.calls).to.not.include('killer.example');
    expect(r).to.deep.include({ complete: true, total: 3 });
    const byUrl = new Map([...r.report.sites].map((s) => [s.url, s]));
    expect(byUrl.size).to.equal(3);
    expect(byUrl.get('https://killer.example/')?.error?.code).to.equal('worker-lost');
    expect(byUrl.get('https://m1.example/')?.status).to.equal('ok');
    expect(byUrl.get('https://m2.example/')?.status).to.equal('ok');
    expect(await redis.hget(runKeys('killer').outcome, jobIdFor('killer.example'))).to.equal('worker-lost');
  });
});
