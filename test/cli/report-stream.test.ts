/**
 * report.json at scale, without a browser: written one site per line and read back as a stream;
 * any other valid layout still read (whole); `report --merge` of shards (one report, one gate;
 * shards of another version or other rule levels refused; a site in two shards kept once).
 */
import { expect } from 'chai';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/main.ts';
import { readReportFile, readReportHead, readReportSites } from '../../cli/read-report.ts';
import { OutputDir } from '../../crawler/results-dir.ts';
import { HTML_DETAIL_LIMIT } from '../../reports/html.ts';
import { render } from '../../reports/index.ts';
import type { Report, SiteAudit } from '../../src/model.ts';

const golden = JSON.parse(readFileSync(new URL('../golden/sample-report.json', import.meta.url), 'utf8')) as Report;

function renamed(site: SiteAudit, i: number): SiteAudit {
  const host = new URL(site.url).hostname;
  return JSON.parse(JSON.stringify(site).split(host).join(`s${i}.${host}`)) as SiteAudit;
}

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'cookie-audit', ...args], { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; } });
  return { code, stdout, stderr };
}

describe('report.json as a stream, and report --merge', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cookie-audit-report-stream-'));

  it('writes one site per line inside `sites` and reads it back site by site', async () => {
    const out = await OutputDir.open(join(dir, 'one'));
    const path = await out.writeReport(golden);
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines[0]).to.equal('{');
    expect(lines).to.include('  "sites": [');
    expect(lines.filter((l) => l.startsWith('    {"url":'))).to.have.length(golden.sites.length);
    expect(JSON.parse(readFileSync(path, 'utf8'))).to.deep.equal(golden);
    const { sites: _sites, ...head } = golden;
    expect(readReportHead('report', path)).to.deep.equal(head);
    expect([...readReportSites('report', path)]).to.deep.equal(golden.sites);
    expect(readReportFile('report', path)).to.deep.equal(golden);
  });

  it('still reads a report laid out otherwise (pretty-printed), and says what is wrong with a bad one', () => {
    const pretty = join(dir, 'pretty.json');
    writeFileSync(pretty, JSON.stringify(golden, null, 2));
    expect(readReportFile('report', pretty)).to.deep.equal(golden);
    const cut = join(dir, 'cut.json');
    const ours = render(golden, 'json', { includeValues: true });
    writeFileSync(cut, ours.slice(0, ours.lastIndexOf('    {')));
    expect(() => readReportFile('report', cut)).to.throw(/not valid JSON/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, ours.replace('"status":"ok"', '"status":"maybe"'));
    expect(() => readReportFile('report', bad)).to.throw(/\/sites\/0/);
  });

  it('caps the HTML detail and keeps every site in the grid', () => {
    const many: Report = { ...golden, sites: Array.from({ length: HTML_DETAIL_LIMIT + 3 }, (_, i) => renamed(golden.sites[i % golden.sites.length]!, i)) };
    const html = render(many, 'html');
    expect(html.match(/<details class="site"/g)).to.have.length(HTML_DETAIL_LIMIT);
    expect(html).to.include(`${HTML_DETAIL_LIMIT} of ${HTML_DETAIL_LIMIT + 3}`);
    expect(html).to.include(`s${HTML_DETAIL_LIMIT + 2}.`);
  });

  it('merges shards into one report and one gate; a site in two shards once, the last winning', async () => {
    const shard = async (name: string, sites: SiteAudit[], patch: Partial<Report> = {}) => {
      const out = await OutputDir.open(join(dir, name));
      return out.writeReport({ ...golden, ...patch, sites });
    };
    const [a, b, c] = golden.sites.map((s, i) => renamed(s, i));
    const bAgain = { ...b!, startedAt: '2026-03-03T00:00:00.000Z' };
    const one = await shard('shard-1', [a!, b!]);
    const two = await shard('shard-2', [c!, bAgain]);
    const r = await run(['report', one, two, '--merge', '--out', join(dir, 'all'), '--format', 'json,md', '--fail-on', 'never']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stderr).to.match(/1 site was in more than one shard; the last file's result was kept/);
    const merged = JSON.parse(readFileSync(join(dir, 'all', 'report.json'), 'utf8')) as Report;
    expect(merged.sites.map((s) => s.url).sort()).to.deep.equal([a!.url, b!.url, c!.url].sort());
    expect(merged.sites.find((s) => s.url === b!.url)!.startedAt).to.equal('2026-03-03T00:00:00.000Z');
    expect(readFileSync(join(dir, 'all', 'results.jsonl'), 'utf8').trim().split('\n')).to.have.length(3);
  });

  it('refuses shards of another tool version or other rule levels (exit 2), and a --out that is a shard', async () => {
    const out = await OutputDir.open(join(dir, 'v1'));
    const v1 = await out.writeReport({ ...golden, tool: { name: 'cookie-audit', version: '9.9.9' } });
    const lv = await (await OutputDir.open(join(dir, 'lv'))).writeReport({ ...golden, config: { ...golden.config, rules: { ...golden.config.rules, 'cookie-lifetime': 'warn' } } });
    const base = await (await OutputDir.open(join(dir, 'base'))).writeReport(golden);
    const versions = await run(['report', base, v1, '--merge', '--out', join(dir, 'x')]);
    expect(versions.code).to.equal(2);
    expect(versions.stderr).to.match(/differ in tool version/);
    const levels = await run(['report', base, lv, '--merge', '--out', join(dir, 'x')]);
    expect(levels.code).to.equal(2);
    expect(levels.stderr).to.match(/differ in rule levels/);
    const self = await run(['report', base, lv, '--merge', '--out', join(dir, 'base')]);
    expect(self.code).to.equal(2);
    const two = await run(['report', base, lv]);
    expect(two.code).to.equal(2);
    expect(two.stderr).to.match(/--merge/);
  });
});
