/**
 * The queue commands on the command line (in this process through main()), against a real
 * redis-server; sites are answered by a stub runner (no browser; the browser runs are in
 * test/queue/distributed.browser.test.ts).
 */
import { expect } from 'chai';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/main.ts';
import { resolveRedis } from '../../queue/redis-url.ts';
import { runWorker } from '../../queue/worker.ts';
import type { Report } from '../../src/model.ts';
import { startRedis, type TestRedis } from '../helpers/redis.ts';
import { stubRunner } from '../queue/support/stub-runner.ts';

async function run(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; out: string; err: string }> {
  const saved = process.env.COOKIE_AUDIT_REDIS;
  if ('COOKIE_AUDIT_REDIS' in env) {
    if (env.COOKIE_AUDIT_REDIS === undefined) delete process.env.COOKIE_AUDIT_REDIS;
    else process.env.COOKIE_AUDIT_REDIS = env.COOKIE_AUDIT_REDIS;
  }
  let out = '';
  let err = '';
  try {
    const code = await main(['node', 'cookie-audit', ...args], { stdout: (s) => { out += s; }, stderr: (s) => { err += s; } });
    return { code, out, err };
  } finally {
    if (saved === undefined) delete process.env.COOKIE_AUDIT_REDIS;
    else process.env.COOKIE_AUDIT_REDIS = saved;
  }
}

describe('queue commands (CLI, real redis-server, stub sites)', function () {
  this.timeout(120_000);
  let server: TestRedis;
  let env: Record<string, string>;
  const dir = mkdtempSync(join(tmpdir(), 'cookie-audit-queue-cli-'));

  before(async () => {
    server = await startRedis();
    env = { COOKIE_AUDIT_REDIS: server.url };
  });
  after(async () => { await server?.stop(); });

  it('asks for the Redis address and a valid run name (exit 2), and warns about a password on the command line', async () => {
    const none = await run(['queue', 'status', '--run', 'r'], { COOKIE_AUDIT_REDIS: undefined });
    expect(none.code).to.equal(2);
    expect(none.err).to.include('COOKIE_AUDIT_REDIS');
    const badRun = await run(['queue', 'status', '--run', 'a:b'], env);
    expect(badRun.code).to.equal(2);
    const flag = await run(['queue', 'status', '--run', 'nothing-here', '--redis', server.url], { COOKIE_AUDIT_REDIS: undefined });
    expect(flag.code).to.equal(2);
    expect(flag.err).to.match(/warning: the Redis password was given on the command line/);
    expect(flag.err).to.match(/There is no run `nothing-here` in Redis at redis:\/\/:\*\*\*@127\.0\.0\.1/);
    expect(flag.out + flag.err).to.not.include(server.password);
    const shard = await run(['crawl', 'a.fr', '--shard', '4/3'], env);
    expect(shard.code).to.equal(2);
    expect(shard.err).to.match(/shard/);
  });

  it('adds a run once, refuses other settings, reports 124 while incomplete, then collects, gates and retries by code', async () => {
    const add = await run(['queue', 'add', '--run', 'cli', 'a.test', 'b.test', 'c.test', '--settle', '0'], env);
    expect(add.code, add.err).to.equal(0);
    expect(add.out).to.match(/\(created\): added 3, already there 0, total 3/);
    const other = await run(['queue', 'add', '--run', 'cli', 'd.test', '--settle', '100'], env);
    expect(other.code).to.equal(2);
    expect(other.err).to.match(/already exists with another crawl settings/);

    const early = await run(['queue', 'report', '--run', 'cli', '--out', join(dir, 'early'), '--format', 'json'], env);
    expect(early.code).to.equal(124);
    expect(early.err).to.match(/not complete: 0 of 3 targets/);

    const stub = stubRunner({ error: { match: /b\.test/, code: 'timeout' } });
    const done = await runWorker({ redis: resolveRedis({}, env), run: 'cli', concurrency: 2, browserArgs: [], allowSchemes: [], createRunner: stub.create, idleExitMs: 300, log: () => {} });
    expect(done.processed).to.equal(3);

    const status = await run(['queue', 'status', '--run', 'cli'], env);
    expect(status.out).to.match(/done 3\/3 \(100\.0 %\): ok 2, errors 1 \(timeout 1\)/);
    const gated = await run(['queue', 'report', '--run', 'cli', '--out', join(dir, 'r'), '--format', 'json,csv'], env);
    expect(gated.code, gated.err).to.equal(3); // a site could not be audited, as `crawl` says it
    const report = JSON.parse(readFileSync(join(dir, 'r', 'report.json'), 'utf8')) as Report;
    expect(report.sites.map((s) => s.url)).to.deep.equal(['https://a.test/', 'https://b.test/', 'https://c.test/']);

    const badCode = await run(['queue', 'retry', '--run', 'cli', '--code', 'nope'], env);
    expect(badCode.code).to.equal(2);
    const retry = await run(['queue', 'retry', '--run', 'cli', '--code', 'timeout'], env);
    expect(retry.code, retry.err).to.equal(0);
    expect(retry.out).to.match(/1 site queued again \(timeout\)/);
    const fixed = stubRunner();
    await runWorker({ redis: resolveRedis({}, env), run: 'cli', concurrency: 1, browserArgs: [], allowSchemes: [], createRunner: fixed.create, idleExitMs: 300, log: () => {} });
    expect(fixed.calls).to.deep.equal(['b.test']);
    const again = await run(['queue', 'report', '--run', 'cli', '--out', join(dir, 'r'), '--format', 'json', '--fail-on', 'never'], env);
    expect(again.code, again.err).to.equal(0);
    expect(again.err).to.match(/1 site had a newer result that replaced the older one/);
    const final = JSON.parse(readFileSync(join(dir, 'r', 'report.json'), 'utf8')) as Report;
    expect(final.sites.map((s) => `${s.url} ${s.status}`)).to.deep.equal(['https://a.test/ ok', 'https://b.test/ ok', 'https://c.test/ ok']);
    for (const r of [add, other, early, status, gated, retry, again]) expect(r.out + r.err).to.not.include(server.password);
  });

  it('carries --policy to the workers as a setting of the run, and refuses a bad one before touching Redis', async () => {
    const bad = await run(['queue', 'add', '--run', 'policy', 'a.test', '--policy', 'ftp://a.test/cookies'], env);
    expect(bad.code).to.equal(2);
    expect(bad.err).to.match(/Expected `policy` to be auto, off or an http\(s\) URL of a policy, got `ftp:\/\/a\.test\/cookies`/);
    const add = await run(['queue', 'add', '--run', 'policy', 'a.test', '--policy', 'off'], env);
    expect(add.code, add.err).to.equal(0);
    const other = await run(['queue', 'add', '--run', 'policy', 'b.test'], env);
    // The default (auto) is another run.
    expect(other.code).to.equal(2);
    expect(other.err).to.match(/already exists with another crawl settings/);
    const stub = stubRunner();
    await runWorker({ redis: resolveRedis({}, env), run: 'policy', concurrency: 1, browserArgs: [], allowSchemes: [], createRunner: stub.create, idleExitMs: 300, log: () => {} });
    expect(stub.calls).to.deep.equal(['a.test']);
    expect(stub.options[0]).to.deep.include({ policy: 'off' });
  });
});
