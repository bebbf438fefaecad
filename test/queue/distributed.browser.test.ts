/**
 * The distributed crawl end to end, with real components only: a real redis-server, BullMQ,
 * `cookie-audit` commands (in this process through main(), or as worker processes), headless
 * Chromium, and the fixture web. A short list of fixture sites is audited by `crawl`, by two
 * workers, by three workers one of which is SIGKILLed (Node and its Chromium) mid-site, and by
 * three `crawl --shard k/3` runs merged; every way must give the same sites and rule outcomes.
 */
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Queue } from 'bullmq';
import { main } from '../../cli/main.ts';
import type { CliIo } from '../../cli/io.ts';
import { openQueue } from '../../queue/bull.ts';
import { runKeys } from '../../queue/keys.ts';
import { resolveRedis } from '../../queue/redis-url.ts';
import type { Report, SiteAudit } from '../../src/model.ts';
import { startFixtureWeb, type FixtureWeb } from '../fixtures/web/server.ts';
import { startRedis, type TestRedis } from '../helpers/redis.ts';

const CLI = new URL('../../cli/main.ts', import.meta.url).pathname;
// Sites without a consent banner: their verdicts do not hang on a click landing in time, which a
// machine under heavy load does not guarantee (the banner sites' own tests cover clicking).
const HOSTS = ['sans-bandeau.test', 'stats-ua.test', 'sans-traceur.test'];
const SETTLE = '800';

interface Run { code: number; stdout: string; stderr: string }

/** `cookie-audit …` in this process. */
async function cli(args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; } };
  const code = await main(['node', 'cookie-audit', ...args], io);
  return { code, stdout, stderr };
}

/** What must be equal between two ways of auditing a list: each site's status, error code and rule outcomes. */
function outcomes(report: Report): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of report.sites) {
    out[s.url] = s.status === 'error' ? `error ${s.error?.code}` : s.rules.map((r) => `${r.id}=${r.outcome}`).sort().join(' ');
  }
  return out;
}

const readReport = async (dir: string): Promise<Report> => JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as Report;

/** The pids of `pid`'s descendants (Chromium is launched in a process group of its own). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch { /* gone */ }
  }
  const out: number[] = [];
  const walk = (p: number) => { for (const c of children.get(p) ?? []) { out.push(c); walk(c); } };
  walk(pid);
  return out;
}

/** SIGKILLs a worker's process group and its Chromium's. */
async function killWorker(child: ChildProcess): Promise<void> {
  const gone = new Promise((r) => child.once('exit', r));
  const tree = descendants(child.pid!);
  process.kill(-child.pid!, 'SIGKILL');
  for (const pid of tree) {
    try { process.kill(-pid, 'SIGKILL'); } catch { /* not a group leader, or gone */ }
    try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
  }
  await gone;
}

describe('distributed crawl: queue, workers, shards (real redis-server, Chromium, fixture web)', function () {
  // Generous: a shared 2-CPU machine under load takes a minute or more per site.
  this.timeout(900_000);
  let server: TestRedis;
  let web: FixtureWeb;
  let dir: string;
  let urls: string[];
  let reference: Report;
  let browserArgs: string[];
  const children: ChildProcess[] = [];
  const savedEnv = process.env.COOKIE_AUDIT_REDIS;

  before(async () => {
    server = await startRedis();
    process.env.COOKIE_AUDIT_REDIS = server.url;
    web = await startFixtureWeb();
    dir = await mkdtemp(join(tmpdir(), 'cookie-audit-distributed-'));
    urls = HOSTS.map((h) => {
      const s = web.sites.find((x) => x.host === h)!;
      return `${web.origin(s.host, s.scheme)}${s.path}`;
    });
    browserArgs = web.browserArgs.map((a) => `--browser-arg=${a}`);
    const r = await cli(['crawl', ...urls, '--out', join(dir, 'crawl'), '--settle', SETTLE, '--concurrency', '2', '--format', 'json', '--allow-errors', '--fail-on', 'never', ...browserArgs]);
    expect(r.code, r.stderr).to.equal(0);
    reference = await readReport(join(dir, 'crawl'));
    expect(reference.sites.map((s) => s.status)).to.deep.equal(HOSTS.map(() => 'ok'));
  });

  after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) await killWorker(c).catch(() => {});
    if (savedEnv === undefined) delete process.env.COOKIE_AUDIT_REDIS;
    else process.env.COOKIE_AUDIT_REDIS = savedEnv;
    await web?.close();
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('`queue report` after two workers equals `crawl` on the same list, and the password appears in no output', async () => {
    const add = await cli(['queue', 'add', '--run', 'two', ...urls, '--settle', SETTLE]);
    expect(add.code, add.stderr).to.equal(0);
    expect(add.stdout).to.match(/added 3, already there 0, total 3/);
    const again = await cli(['queue', 'add', '--run', 'two', ...urls.map((u) => u.replace(/\/$/, '')), '--settle', SETTLE]);
    expect(again.stdout).to.match(/added 0, already there 3, total 3/);
    const artefacts = join(dir, 'artefacts');
    const workers = await Promise.all([1, 2].map(() => cli(['worker', '--run', 'two', '--concurrency', '2', '--idle-exit', '1500', '--artefacts', artefacts, ...browserArgs])));
    for (const w of workers) expect(w.code, w.stderr).to.equal(0);
    const status = await cli(['queue', 'status', '--run', 'two']);
    expect(status.stdout).to.match(/done 3\/3/);
    const report = await cli(['queue', 'report', '--run', 'two', '--out', join(dir, 'two'), '--format', 'json,csv', '--allow-errors', '--fail-on', 'never']);
    expect(report.code, report.stderr).to.equal(0);
    const collected = await readReport(join(dir, 'two'));
    expect(collected.sites.map((s) => s.url)).to.deep.equal(reference.sites.map((s) => s.url));
    expect(outcomes(collected)).to.deep.equal(outcomes(reference));
    // Artefacts: one directory per site, named from the site and its job id.
    const names = (await readdir(artefacts)).filter((n) => n !== 'results.jsonl').sort();
    expect(names).to.have.length(3);
    for (const n of names) expect(n).to.match(/^[a-z0-9._-]+-[0-9a-f]{8}$/);
    for (const out of [add, again, ...workers, status, report]) expect(out.stdout + out.stderr).to.not.include(server.password);
    expect(status.stdout).to.include('redis://:***@127.0.0.1');
  });

  it('three workers, one SIGKILLed (Node and its Chromium) mid-site: every site once, the killed one `ok` via another worker', async () => {
    const add = await cli(['queue', 'add', '--run', 'kill', ...urls, '--settle', SETTLE]);
    expect(add.code, add.stderr).to.equal(0);
    const start = () => {
      const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'worker', '--run', 'kill', '--concurrency', '1', '--idle-exit', '3000',
        '--lock-duration', '5000', '--stalled-interval', '1000', ...browserArgs], {
        env: { ...process.env, COOKIE_AUDIT_REDIS: server.url }, stdio: ['ignore', 'ignore', 'pipe'], detached: true,
      });
      let err = '';
      child.stderr!.on('data', (c: Buffer) => { err += c.toString(); });
      children.push(child);
      return { child, exited: new Promise<{ code: number | null; err: string }>((r) => child.once('exit', (code) => r({ code, err }))) };
    };
    const workers = [start(), start(), start()];
    // Each worker holds one site at a time: with three sites active, the first worker holds one of them.
    const queue: Queue = openQueue(resolveRedis({}, { COOKIE_AUDIT_REDIS: server.url }), runKeys('kill'));
    let held: string[] = [];
    try {
      const deadline = Date.now() + 600_000;
      while (Date.now() < deadline) {
        const active = await queue.getActive();
        if (active.length === 3) { held = active.map((j) => j.data.target as string); break; }
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await queue.close();
    }
    expect(held, 'three sites active at once').to.have.length(3);
    await killWorker(workers[0]!.child);
    const rest = await Promise.all(workers.slice(1).map((w) => w.exited));
    for (const r of rest) expect(r.code, r.err).to.equal(0);
    const report = await cli(['queue', 'report', '--run', 'kill', '--out', join(dir, 'kill'), '--format', 'json', '--allow-errors', '--fail-on', 'never']);
    expect(report.code, report.stderr).to.equal(0);
    const collected = await readReport(join(dir, 'kill'));
    expect(collected.sites.map((s) => s.url).sort()).to.deep.equal(reference.sites.map((s) => s.url).sort());
    expect(collected.sites.map((s: SiteAudit) => `${s.url} ${s.status} ${s.error?.code ?? ''}`.trim()).sort())
      .to.deep.equal(reference.sites.map((s) => `${s.url} ok`).sort());
    expect(outcomes(collected)).to.deep.equal(outcomes(reference));
  });

  it('`crawl --shard` 1/3 + 2/3 + 3/3 merged with `report --merge` equals `crawl`', async () => {
    const shards = [];
    for (const k of [1, 2, 3]) {
      const r = await cli(['crawl', ...urls, '--shard', `${k}/3`, '--out', join(dir, `shard-${k}`), '--settle', SETTLE, '--concurrency', '2', '--format', 'json', '--allow-errors', '--fail-on', 'never', ...browserArgs]);
      expect(r.code, r.stderr).to.equal(0);
      shards.push(join(dir, `shard-${k}`, 'report.json'));
    }
    const sizes = await Promise.all(shards.map(async (f) => (JSON.parse(await readFile(f, 'utf8')) as Report).sites.length));
    expect(sizes.reduce((a, b) => a + b, 0)).to.equal(3);
    const merged = await cli(['report', ...shards, '--merge', '--out', join(dir, 'all'), '--format', 'json', '--allow-errors', '--fail-on', 'never']);
    expect(merged.code, merged.stderr).to.equal(0);
    const all = await readReport(join(dir, 'all'));
    expect(all.sites.map((s) => s.url).sort()).to.deep.equal(reference.sites.map((s) => s.url).sort());
    expect(outcomes(all)).to.deep.equal(outcomes(reference));
  });
});
