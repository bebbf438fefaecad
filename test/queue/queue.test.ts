/**
 * The run queue against a real redis-server (test/helpers/redis.ts) and real BullMQ: adding,
 * run metadata, untrusted payloads, the collector's exactly-once file, status, and that the Redis
 * password is never printed. Sites are answered by a stub runner (no browser).
 */
import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { loadConfig } from '../../src/config.ts';
import { ENGINE } from '../../defaults/engine.ts';
import { addTargets } from '../../queue/add.ts';
import { openQueue } from '../../queue/bull.ts';
import { collect } from '../../queue/collector.ts';
import { openRedis } from '../../queue/connection.ts';
import { QueueError } from '../../queue/queue-error.ts';
import { jobIdFor } from '../../queue/job-id.ts';
import { runKeys } from '../../queue/keys.ts';
import { checkPayload } from '../../queue/payload.ts';
import { resolveRedis, type ResolvedRedis } from '../../queue/redis-url.ts';
import { recordResult } from '../../queue/results.ts';
import { retryByCode } from '../../queue/retry.ts';
import type { RunCrawlSettings } from '../../queue/run.ts';
import { formatStatus, readStatus } from '../../queue/status.ts';
import { runWorker } from '../../queue/worker.ts';
import { startRedis, type TestRedis } from '../helpers/redis.ts';
import { okSite, stubRunner } from './support/stub-runner.ts';

const CRAWL: RunCrawlSettings = { pages: 0, settle: 500, timeout: 5000, siteTimeout: null, includeValues: false };
const config = (json: unknown = {}) => loadConfig(json, ENGINE.ruleIds);

describe('queue (real redis-server)', function () {
  this.timeout(60_000);
  let server: TestRedis;
  let target: ResolvedRedis;
  let redis: Redis;
  let dir: string;
  /** Everything the queue code printed, to check no password leaks. */
  const printed: string[] = [];
  const log = (line: string) => { printed.push(line); };

  before(async () => {
    server = await startRedis();
    target = resolveRedis({}, { COOKIE_AUDIT_REDIS: server.url });
    redis = await openRedis(target);
    dir = await mkdtemp(join(tmpdir(), 'cookie-audit-queue-'));
  });
  after(async () => {
    redis?.disconnect();
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const add = (run: string, targets: string[], json: unknown = {}, crawl = CRAWL) =>
    addTargets({ redis, connection: target, run, targets, config: config(json), crawl });

  describe('queue add', () => {
    it('queues one job per normalised target, and adding the list again adds nothing', async () => {
      const list = ['a.example', 'https://a.example/', 'b.example', ' c.example ', ''];
      expect(await add('add-twice', list)).to.deep.equal({ created: true, added: 3, already: 1, total: 3 });
      expect(await add('add-twice', [...list].reverse())).to.deep.equal({ created: false, added: 0, already: 4, total: 3 });
      expect(await add('add-twice', ['d.example', 'b.example'])).to.deep.include({ added: 1, total: 4 });
      const queue = openQueue(target, runKeys('add-twice'));
      try {
        expect((await queue.getJobCounts('waiting')).waiting).to.equal(4);
        const job = await queue.getJob(jobIdFor('a.example'));
        expect(job?.data).to.deep.equal({ target: 'a.example' });
      } finally {
        await queue.close();
      }
      expect(await redis.lrange(runKeys('add-twice').order, 0, -1)).to.deep.equal(['a.example', 'b.example', 'c.example', 'd.example'].map((t) => jobIdFor(t)));
    });

    it('refuses (exit 2) to add to a run with another configuration or other crawl settings', async () => {
      await add('one-way', ['a.example'], { rules: { 'cookie-lifetime': 'warn' } });
      const refused = async (p: Promise<unknown>, what: RegExp) => {
        const error = await p.then(() => null, (e: unknown) => e);
        expect(error).to.be.instanceOf(QueueError);
        expect((error as QueueError).exitCode).to.equal(2);
        expect((error as Error).message).to.match(what);
      };
      await refused(add('one-way', ['b.example'], { rules: { 'cookie-lifetime': 'error' } }), /already exists with another configuration, rule levels/);
      await refused(add('one-way', ['b.example'], { rules: { 'cookie-lifetime': 'warn' } }, { ...CRAWL, settle: 3000 }), /another crawl settings/);
      expect(await redis.hlen(runKeys('one-way').targets)).to.equal(1);
      // The same settings are the same run, whatever the key order of the file.
      expect(await add('one-way', ['b.example'], { rules: { 'cookie-lifetime': 'warn' } })).to.deep.include({ added: 1 });
    });
  });

  describe('worker', () => {
    it('refuses (exit 2) a run made by another version', async () => {
      await add('old-run', ['a.example']);
      const keys = runKeys('old-run');
      const meta = JSON.parse((await redis.get(keys.meta))!);
      await redis.set(keys.meta, JSON.stringify({ ...meta, version: '0.0.1-other' }));
      const stub = stubRunner();
      const error = await runWorker({ redis: target, run: 'old-run', concurrency: 1, browserArgs: [], allowSchemes: [], createRunner: stub.create, idleExitMs: 500, log })
        .then(() => null, (e: unknown) => e);
      expect(error).to.be.instanceOf(QueueError).with.property('exitCode', 2);
      expect((error as Error).message).to.match(/created by cookie-audit 0\.0\.1-other; this worker is .* and refuses it/);
      expect(stub.calls).to.deep.equal([]);
    });

    it('treats payloads as untrusted: a file:// job written straight into Redis ends unsupported-scheme without a visit', async () => {
      await add('hostile', ['ok.example']);
      const keys = runKeys('hostile');
      const queue = openQueue(target, keys);
      const forged = { file: jobIdFor('file:///etc/passwd'), junk: jobIdFor('junk') };
      try {
        await queue.add('site', { target: 'file:///etc/passwd' }, { jobId: forged.file });
        await queue.add('site', { target: 42, executable: '/bin/sh', browserArgs: ['--no-sandbox'] }, { jobId: forged.junk });
        await queue.add('site', { target: 'x.example' }, { jobId: 'no-site-id' });
      } finally {
        await queue.close();
      }
      const stub = stubRunner();
      const result = await runWorker({ redis: target, run: 'hostile', concurrency: 2, browserArgs: [], allowSchemes: [], createRunner: stub.create, idleExitMs: 800, log });
      expect(result.reason).to.equal('idle');
      expect(stub.calls).to.deep.equal(['ok.example']);
      expect(await redis.hgetall(keys.outcome)).to.deep.equal({ [jobIdFor('ok.example')]: 'ok', [forged.file]: 'unsupported-scheme', [forged.junk]: 'invalid-target' });
      // The worker took nothing from the payload but the target text.
      expect(stub.options[0]).to.deep.include({ browserArgs: [], executable: undefined, allowSchemes: [] });
      const entries = await redis.xrange(keys.results, '-', '+');
      const file = entries.map(([, f]) => JSON.parse(f[3]!)).find((s) => s.url === 'file:///etc/passwd');
      expect(file).to.deep.include({ status: 'error' });
      expect(file.error.code).to.equal('unsupported-scheme');
      expect(JSON.stringify(file)).to.not.include('root:');
    });

    it('checks the payload schema and re-parses the target with its own allowed schemes', () => {
      expect(checkPayload({ target: 'file:///srv/a.html' }, [])).to.deep.include({ ok: false, code: 'unsupported-scheme' });
      expect(checkPayload({ target: 'file:///srv/a.html' }, ['file'])).to.deep.include({ ok: true, url: 'file:///srv/a.html' });
      for (const bad of [null, 'a.fr', [], {}, { target: '' }, { target: 'a.fr', extra: 1 }, { target: 'a'.repeat(2049) }, { target: 7 }]) {
        expect(checkPayload(bad, []), JSON.stringify(bad)?.slice(0, 40)).to.deep.include({ ok: false, key: null, code: 'invalid-target' });
      }
      expect(checkPayload({ target: 'a.example' }, [])).to.deep.include({ ok: true, key: 'https://a.example/' });
    });

    it('makes a failing site a result and an infrastructure fault an attempt; the last attempt ends `internal`', async () => {
      await add('faults', ['fine.example', 'down.example']);
      const keys = runKeys('faults');
      const queue = openQueue(target, keys);
      try {
        // Quick retries instead of the run's 10 s backoff.
        await queue.add('site', { target: 'infra.example' }, { jobId: jobIdFor('infra.example'), attempts: 2, backoff: { type: 'fixed', delay: 10 } });
      } finally {
        await queue.close();
      }
      await redis.hset(keys.targets, jobIdFor('infra.example'), 'infra.example');
      const stub = stubRunner({ fail: /infra/, error: { match: /down/, code: 'dns' } });
      await runWorker({ redis: target, run: 'faults', concurrency: 1, browserArgs: [], allowSchemes: [], createRunner: stub.create, idleExitMs: 1000, maxInfrastructureFaults: 10, log });
      expect(stub.calls.filter((t) => t === 'infra.example')).to.have.length(2);
      expect(await redis.hgetall(keys.outcome)).to.deep.equal({ [jobIdFor('fine.example')]: 'ok', [jobIdFor('down.example')]: 'dns', [jobIdFor('infra.example')]: 'internal' });
      const q = openQueue(target, keys);
      try {
        expect(await q.getJobCounts('failed', 'waiting', 'active', 'delayed')).to.deep.equal({ failed: 0, waiting: 0, active: 0, delayed: 0 });
      } finally {
        await q.close();
      }
    });
  });

  describe('queue report (collector)', () => {
    it('writes each target exactly once when a result is delivered twice; a newer result replaces the older', async () => {
      const targets = ['a.example', 'b.example', 'c.example'];
      await add('once', targets);
      const keys = runKeys('once');
      const a = okSite('a.example');
      await recordResult(redis, keys, jobIdFor('a.example'), a);
      await recordResult(redis, keys, jobIdFor('a.example'), a); // at-least-once: the same result again
      await recordResult(redis, keys, jobIdFor('c.example'), { ...okSite('c.example'), status: 'error', error: { code: 'timeout', message: 'slow' } });
      await recordResult(redis, keys, jobIdFor('b.example'), okSite('b.example'));
      await recordResult(redis, keys, jobIdFor('c.example'), okSite('c.example', '#retried')); // the last result wins
      await redis.xadd(keys.results, '*', 'job', jobIdFor('stranger.example'), 'site', JSON.stringify(okSite('stranger.example')));
      await redis.xadd(keys.results, '*', 'job', 'garbage', 'site', '{');
      const out = join(dir, 'once');
      const r = await collect({ redis: target, run: 'once', out, log });
      expect(r).to.deep.include({ written: 4, duplicates: 1, replaced: 1, ignored: 2, total: 3, complete: true });
      const lines = (await readFile(join(out, 'results.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
      expect(lines.map((s) => s.url)).to.have.members(['https://a.example/', 'https://b.example/', 'https://c.example/']);
      expect(lines.find((s) => s.url === 'https://c.example/')).to.deep.include({ status: 'ok', finalUrl: 'https://c.example/#retried' });
      expect([...r.report.sites].map((s) => s.url)).to.deep.equal(['https://a.example/', 'https://b.example/', 'https://c.example/']);
      const onDisk = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'));
      expect(onDisk.sites).to.have.length(3);
      expect(await redis.xlen(keys.results)).to.equal(0);

      // A collector that died after writing but before deleting gets the same entries again: nothing changes.
      await redis.xadd(keys.results, '*', 'job', jobIdFor('a.example'), 'site', JSON.stringify(a));
      const before = await readFile(join(out, 'results.jsonl'), 'utf8');
      const again = await collect({ redis: target, run: 'once', out, log });
      expect(again).to.deep.include({ written: 0, duplicates: 1, complete: true });
      expect(await readFile(join(out, 'results.jsonl'), 'utf8')).to.equal(before);
    });

    it('is single: a second collector of the run is refused while the first holds the lock', async () => {
      await add('locked', ['a.example']);
      await redis.set(runKeys('locked').collector, 'someone-else', 'PX', 10_000);
      const error = await collect({ redis: target, run: 'locked', out: join(dir, 'locked'), log }).then(() => null, (e: unknown) => e);
      expect(error).to.be.instanceOf(QueueError);
      expect((error as Error).message).to.match(/Another `queue report` is collecting run `locked`/);
    });

    it('follows two workers to the end: every target once, status done, retry by code', async () => {
      const targets = Array.from({ length: 12 }, (_, i) => `s${i}.example`).concat(['dead.example', 'file:///etc/passwd']);
      await add('two-workers', targets);
      const keys = runKeys('two-workers');
      const out = join(dir, 'two-workers');
      const stubs = [stubRunner({ delayMs: 20, error: { match: /dead/, code: 'dns' } }), stubRunner({ delayMs: 20, error: { match: /dead/, code: 'dns' } })];
      const workers = stubs.map((s) => runWorker({ redis: target, run: 'two-workers', concurrency: 2, browserArgs: [], allowSchemes: [], createRunner: s.create, idleExitMs: 1500, log }));
      const collected = await collect({ redis: target, run: 'two-workers', out, follow: true, blockMs: 200, log });
      await Promise.all(workers);
      expect(collected).to.deep.include({ total: 14, complete: true });
      expect(stubs[0]!.calls.length + stubs[1]!.calls.length).to.equal(13); // the file:// target never reaches a runner
      expect([...collected.report.sites].map((s) => s.url)).to.have.members(targets.map((t) => (t.startsWith('file:') ? t : `https://${t}/`)));
      expect(new Set([...collected.report.sites].map((s) => s.url)).size).to.equal(14);

      const queue = openQueue(target, keys);
      try {
        const status = await readStatus(redis, keys, queue, 'two-workers');
        expect(status).to.deep.include({ total: 14, done: 14, ok: 12, waiting: 0, active: 0, etaMs: 0 });
        expect(status.errors).to.deep.equal([['dns', 1], ['unsupported-scheme', 1]]);
        const text = formatStatus(status, target.display);
        printed.push(text);
        expect(text).to.include('done 14/14 (100.0 %): ok 12, errors 2 (dns 1, unsupported-scheme 1)');

        // Retry the dns failure: forgotten until its new result, which replaces the old line.
        expect(await retryByCode(redis, keys, queue, ['dns'])).to.deep.equal({ retried: 1, running: 0 });
        expect((await readStatus(redis, keys, queue, 'two-workers')).done).to.equal(13);
      } finally {
        await queue.close();
      }
      const fixed = stubRunner();
      await runWorker({ redis: target, run: 'two-workers', concurrency: 1, browserArgs: [], allowSchemes: [], createRunner: fixed.create, idleExitMs: 500, log });
      expect(fixed.calls).to.deep.equal(['dead.example']);
      const final = await collect({ redis: target, run: 'two-workers', out, log });
      expect(final).to.deep.include({ written: 1, replaced: 1, complete: true });
      const lines = (await readFile(join(out, 'results.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
      expect(lines).to.have.length(14);
      expect(lines.find((s) => s.url === 'https://dead.example/')).to.deep.include({ status: 'ok' });
    });
  });

  it('never prints the Redis password (addresses, status, logs, connection errors)', async () => {
    expect(target.display).to.equal(`redis://:***@127.0.0.1:${server.port}/0`);
    const wrong = resolveRedis({ redis: server.url.replace(server.password, `${server.password}x`) });
    expect(wrong.warning).to.be.a('string');
    const error = await openRedis(wrong, { connectTimeout: 2000 }).then(() => null, (e: unknown) => e);
    expect(error).to.be.instanceOf(QueueError).with.property('exitCode', 3);
    printed.push((error as Error).message, wrong.display, wrong.warning!);
    expect((error as Error).message).to.match(/authentication failed/);
    const all = printed.join('\n');
    expect(all).to.include('***');
    expect(all).to.not.include(server.password);
  });
});
