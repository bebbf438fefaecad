/**
 * `cookie-audit report` over very large reports: writes a synthetic report.json of N sites (the
 * golden sample's sites repeated under new host names, in the layout crawl writes: one site per
 * line), runs `cookie-audit report big/report.json --format html,csv` in a child process and prints
 * its peak resident memory (GNU time's maximum RSS) and wall time, for each N. Prints, never asserts.
 * Target (issue 15): under 1 GiB and flat in the number of sites.
 *
 *   npx tsx bench/report-scale.ts                          # 2,000, 20,000, 200,000 sites
 *   npx tsx bench/report-scale.ts --sites 5000 --sites 20000 --format json,csv
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { Report, SiteAudit } from '../src/model.ts';
import { VERSION } from '../src/version.ts';
import { reportJsonChunks } from '../reports/json-stream.ts';
import { optionValues } from './args.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const sizes = optionValues('sites').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const SIZES = sizes.length > 0 ? sizes : [2_000, 20_000, 200_000];
const FORMAT = optionValues('format')[0] ?? 'html,csv';

const golden = JSON.parse(readFileSync(join(REPO, 'test/golden/sample-report.json'), 'utf8')) as Report;
const templates = golden.sites.map((s) => JSON.stringify(s));

/** Site i: a golden site with its host renamed, so every site is distinct. */
function siteLine(i: number): string {
  const template = templates[i % templates.length]!;
  const host = new URL((JSON.parse(template) as SiteAudit).url).hostname;
  return template.split(host).join(`s${i}.${host}`);
}

async function writeSynthetic(path: string, n: number): Promise<number> {
  const head: Report = { ...golden, tool: { name: 'cookie-audit', version: VERSION }, sites: [] };
  const [header] = [...reportJsonChunks({ ...head, sites: [golden.sites[0]!] })];
  const out = createWriteStream(path);
  out.write(header!);
  for (let i = 0; i < n; i++) {
    if (!out.write(`    ${siteLine(i)}${i + 1 < n ? ',' : ''}\n`)) await once(out, 'drain');
  }
  out.end('  ]\n}\n');
  await once(out, 'finish');
  return statSync(path).size;
}

const hasTime = existsSync('/usr/bin/time');
console.log(`cookie-audit report --format ${FORMAT} over synthetic reports (${templates.length} golden sites repeated); peak RSS from ${hasTime ? 'GNU time' : 'unavailable'}`);
console.log('sites      report.json   peak RSS    wall     exit');
const dir = await mkdtemp(join(tmpdir(), 'cookie-audit-report-scale-'));
try {
  for (const n of SIZES) {
    const file = join(dir, `report-${n}.json`);
    const bytes = await writeSynthetic(file, n);
    const args = ['--import', 'tsx', join(REPO, 'cli/main.ts'), 'report', file, '--format', FORMAT, '--out', join(dir, `out-${n}`), '--fail-on', 'never', '--allow-errors'];
    const started = Date.now();
    const r = hasTime
      ? spawnSync('/usr/bin/time', ['-f', 'MAXRSS_KB=%M', process.execPath, ...args], { cwd: REPO, encoding: 'utf8', maxBuffer: 1 << 30 })
      : spawnSync(process.execPath, args, { cwd: REPO, encoding: 'utf8', maxBuffer: 1 << 30 });
    const wall = (Date.now() - started) / 1000;
    const kb = Number(/MAXRSS_KB=(\d+)/.exec(r.stderr ?? '')?.[1] ?? NaN);
    const rss = Number.isFinite(kb) ? `${(kb / 1024).toFixed(0)} MiB` : '?';
    console.log(`${String(n).padEnd(10)} ${`${(bytes / 1048576).toFixed(0)} MiB`.padEnd(13)} ${rss.padEnd(11)} ${`${wall.toFixed(1)} s`.padEnd(8)} ${r.status}`);
    if (r.status !== 0 && r.status !== 1) console.log(`  stderr: ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`);
    await rm(file, { force: true });
    await rm(join(dir, `out-${n}`), { recursive: true, force: true });
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
