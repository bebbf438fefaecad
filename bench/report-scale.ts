/**
 * The report stage of every command over very large runs: synthetic runs of N sites (the golden
 * sample's sites repeated under new host names) given to each command in a child process, which
 * prints its own peak resident memory (getrusage, the Node process alone: a browser is not counted)
 * and wall time, for each N. Prints, never asserts. Target (issue 15): under 1 GiB and flat in the
 * number of sites.
 *
 * - `report`: a report.json of N sites (the layout crawl writes: one site per line).
 * - `judge`: a crawl's --out directory: results.jsonl and N site folders with observations.json
 *   (examples/sample-observations.json renamed), judged again.
 * - `crawl`: `crawl --resume` over the list of N sites all already in results.jsonl: the browser
 *   starts, has nothing to visit, and the report is written from results.jsonl.
 * - `queue`: a real redis-server (test/helpers/redis.ts: free loopback port, random password, no
 *   persistence) holding a run of N targets and their N results in the results stream, collected
 *   by `queue report`.
 *
 *   npm run bench:scale                                              # every command at 2,000, 20,000, 200,000 sites
 *   npx tsx bench/report-scale.ts --command judge --command queue --sites 5000 --format json,csv
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { Report, SiteAudit, SiteObservations } from '../src/model.ts';
import { VERSION } from '../src/version.ts';
import { loadConfig } from '../src/config.ts';
import { ENGINE } from '../defaults/engine.ts';
import { reportJsonChunks } from '../reports/json-stream.ts';
import { targetKey } from '../crawler/resume.ts';
import { addTargets } from '../queue/add.ts';
import { openRedis } from '../queue/connection.ts';
import { jobIdForKey } from '../queue/job-id.ts';
import { runKeys } from '../queue/keys.ts';
import { resolveRedis } from '../queue/redis-url.ts';
import { recordResult } from '../queue/results.ts';
import { startRedis, type TestRedis } from '../test/helpers/redis.ts';
import { optionValues } from './args.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const COMMANDS = ['report', 'judge', 'crawl', 'queue'] as const;
type Command = (typeof COMMANDS)[number];
const sizes = optionValues('sites').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const SIZES = sizes.length > 0 ? sizes : [2_000, 20_000, 200_000];
const asked = optionValues('command');
const unknown = asked.filter((c) => !(COMMANDS as readonly string[]).includes(c));
if (unknown.length > 0) {
  console.error(`Expected \`--command\` to be one of ${COMMANDS.join(', ')}, got \`${unknown.join(', ')}\``);
  process.exit(2);
}
const CHOSEN: readonly Command[] = asked.length > 0 ? (asked as Command[]) : COMMANDS;
const FORMAT = optionValues('format')[0] ?? 'html,csv';
// The child reports its own peak RSS as it exits (kB on Linux).
const PEAK = `data:text/javascript,process.on('exit',()=>process.stderr.write('MAXRSS_KB='+process.resourceUsage().maxRSS+'\\n'))`;

// Templates keyed as a crawl keys them (`targetKey`), so `crawl --resume` finds every site done.
const golden = JSON.parse(readFileSync(join(REPO, 'test/golden/sample-report.json'), 'utf8')) as Report;
const siteTemplates = golden.sites.map((s) => JSON.stringify({ ...s, url: targetKey(s.url) }));
const observations = JSON.parse(readFileSync(join(REPO, 'examples/sample-observations.json'), 'utf8')) as SiteObservations[];
const obsTemplates = new Map(observations.map((o) => [targetKey(o.url), JSON.stringify({ observations: { ...o, url: targetKey(o.url) } })]));
const hostOf = (template: string) => new URL((JSON.parse(template) as SiteAudit).url).hostname;
const hosts = siteTemplates.map(hostOf);

/** Site i (a golden site with its host renamed, so every site is distinct): its JSON line and its URL. */
function site(i: number): { line: string; url: string; host: string; template: number } {
  const t = i % siteTemplates.length;
  const host = hosts[t]!;
  const line = siteTemplates[t]!.split(host).join(`s${i}.${host}`);
  return { line, url: (JSON.parse(line) as SiteAudit).url, host: `s${i}.${host}`, template: t };
}

async function writeLines(path: string, n: number, line: (i: number) => string, head = '', tail = ''): Promise<void> {
  const out = createWriteStream(path);
  out.write(head);
  for (let i = 0; i < n; i++) if (!out.write(line(i))) await once(out, 'drain');
  out.end(tail);
  await once(out, 'finish');
}

async function writeReportJson(path: string, n: number): Promise<void> {
  const [header] = [...reportJsonChunks({ ...golden, tool: { name: 'cookie-audit', version: VERSION }, sites: [golden.sites[0]!] })];
  await writeLines(path, n, (i) => `    ${site(i).line}${i + 1 < n ? ',' : ''}\n`, header, '  ]\n}\n');
}

/** A crawl's --out directory: results.jsonl and, with `folders`, each site's observations.json. */
async function writeCrawlDir(dir: string, n: number, folders: boolean): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await writeLines(join(dir, 'results.jsonl'), n, (i) => `${site(i).line}\n`);
  if (!folders) return;
  for (let i = 0; i < n; i++) {
    const s = site(i);
    const obs = obsTemplates.get(targetKey(golden.sites[s.template]!.url));
    if (!obs) continue;
    mkdirSync(join(dir, s.host));
    writeFileSync(join(dir, s.host, 'observations.json'), obs.split(hosts[s.template]!).join(s.host));
  }
}

/** A run of n targets in Redis with every result waiting in its stream, as workers leave them; returns the results' bytes. */
async function fillQueue(server: TestRedis, run: string, n: number): Promise<number> {
  const where = resolveRedis({}, { COOKIE_AUDIT_REDIS: server.url });
  const redis = await openRedis(where);
  try {
    const targets = Array.from({ length: n }, (_, i) => site(i).url);
    await addTargets({ redis, connection: where, run, targets, config: loadConfig({}, ENGINE.ruleIds), crawl: { pages: 0, settle: 0, timeout: 30_000, siteTimeout: null, includeValues: false } });
    const keys = runKeys(run);
    let bytes = 0;
    for (let i = 0; i < n; i += 500) {
      await Promise.all(Array.from({ length: Math.min(500, n - i) }, (_, j) => {
        const s = site(i + j);
        bytes += s.line.length + 1;
        return recordResult(redis, keys, jobIdForKey(s.url), JSON.parse(s.line) as SiteAudit);
      }));
    }
    return bytes;
  } finally {
    redis.disconnect();
  }
}

async function emptyRedis(server: TestRedis): Promise<void> {
  const redis = await openRedis(resolveRedis({}, { COOKIE_AUDIT_REDIS: server.url }));
  await redis.flushdb();
  redis.disconnect();
}

function megabytes(bytes: number): string {
  return `${(bytes / 1048576).toFixed(0)} MiB`;
}

console.log(`peak RSS of the cookie-audit process (getrusage) over synthetic runs (${siteTemplates.length} golden sites repeated), --format ${FORMAT}`);
console.log('command    sites      input        peak RSS    wall      exit');
const dir = await mkdtemp(join(tmpdir(), 'cookie-audit-report-scale-'));
let server: TestRedis | null = null;
try {
  for (const command of CHOSEN) {
    for (const n of SIZES) {
      const work = join(dir, `${command}-${n}`);
      const out = join(work, 'out');
      mkdirSync(work, { recursive: true });
      let args: string[];
      let input: number;
      const env: NodeJS.ProcessEnv = { ...process.env };
      if (command === 'report') {
        const file = join(work, 'report.json');
        await writeReportJson(file, n);
        input = statSync(file).size;
        args = ['report', file, '--out', out];
      } else if (command === 'judge') {
        const crawled = join(work, 'crawled');
        await writeCrawlDir(crawled, n, true);
        input = statSync(join(crawled, 'results.jsonl')).size;
        args = ['judge', crawled, '--out', out];
      } else if (command === 'crawl') {
        await writeCrawlDir(out, n, false);
        input = statSync(join(out, 'results.jsonl')).size;
        await writeLines(join(work, 'list.txt'), n, (i) => `${site(i).url}\n`);
        args = ['crawl', '--input', join(work, 'list.txt'), '--resume', '--out', out];
      } else {
        server ??= await startRedis();
        const run = `scale-${n}`;
        input = await fillQueue(server, run, n);
        env.COOKIE_AUDIT_REDIS = server.url;
        args = ['queue', 'report', '--run', run, '--out', out];
      }
      const started = Date.now();
      const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', PEAK, join(REPO, 'cli/main.ts'), ...args, '--format', FORMAT, '--fail-on', 'never', '--allow-errors'],
        { cwd: REPO, encoding: 'utf8', env, maxBuffer: 1 << 30 });
      const wall = (Date.now() - started) / 1000;
      const kb = Number(/MAXRSS_KB=(\d+)/.exec(r.stderr ?? '')?.[1] ?? NaN);
      console.log(`${command.padEnd(10)} ${String(n).padEnd(10)} ${megabytes(input).padEnd(12)} ${(Number.isFinite(kb) ? megabytes(kb * 1024) : '?').padEnd(11)} ` +
        `${`${wall.toFixed(1)} s`.padEnd(9)} ${r.status}`);
      if (r.status !== 0) console.log(`  stderr: ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`);
      await rm(work, { recursive: true, force: true });
      if (command === 'queue') await emptyRedis(server!);
    }
  }
} finally {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
}
