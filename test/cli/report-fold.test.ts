/**
 * `report` over a report file reads it site by site (a checking pass folding the gate and the
 * totals, then a pass per format) yet writes the same files, prints the same verdict and exits
 * with the same code as the renderers and the gate given the whole report in memory; the folds
 * themselves agree with the whole-report definitions; the summary table is left out of long lists;
 * `worker` takes `--no-sandbox` as `crawl` does.
 */
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBrowserSettings, UsageError } from '../../cli/crawl-options.ts';
import { reportFileSource } from '../../cli/read-report.ts';
import { summaryTable, summaryText, TABLE_LIMIT } from '../../cli/summary-table.ts';
import { OutputDir } from '../../crawler/results-dir.ts';
import { FORMATS, FORMAT_EXTENSIONS, render } from '../../reports/index.ts';
import { digestReport } from '../../reports/summary.ts';
import { GATE_LIST_LIMIT, gate } from '../../src/gate.ts';
import type { Report, SiteAudit } from '../../src/model.ts';
import { isFailingSite } from '../../src/site-verdict.ts';
import { errorSite, sampleReport } from '../reports/sample.ts';
import { runMain as run } from './run.ts';

const golden = JSON.parse(readFileSync(new URL('../golden/sample-report.json', import.meta.url), 'utf8')) as Report;
const v1 = JSON.parse(readFileSync(new URL('../golden/sample-report-v1.json', import.meta.url), 'utf8')) as Report;

function renamed(site: SiteAudit, i: number): SiteAudit {
  const host = new URL(site.url).hostname;
  return JSON.parse(JSON.stringify(site).split(host).join(`s${i}.${host}`)) as SiteAudit;
}

/** Golden sites under new names, every seventh one unaudited. */
function manySites(n: number): SiteAudit[] {
  return Array.from({ length: n }, (_, i) => (i % 7 === 3 ? { ...errorSite(), url: `https://down${i}.example.net/`, finalUrl: '' } : renamed(golden.sites[i % golden.sites.length]!, i)));
}

describe('report read site by site', function () {
  // Six formats of a 120-site report, twice (from the file and in memory): ~13 s on a busy 2-core machine.
  this.timeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'cookie-audit-report-fold-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the files, prints the verdict and exits as the whole report in memory would', async () => {
    const report: Report = { ...golden, sites: manySites(120) };
    // The baseline knows the first half of the sites, one of them audited again with a finding gone.
    const baseline: Report = { ...golden, sites: report.sites.slice(0, 60).map((s) => structuredClone(s)) };
    report.sites[0] = { ...report.sites[0]!, findings: report.sites[0]!.findings.slice(1) };
    const file = await (await OutputDir.open(join(dir, 'in'))).writeReport(report);
    const baselineFile = await (await OutputDir.open(join(dir, 'base'))).writeReport(baseline);
    const out = join(dir, 'out');
    const r = await run(['report', file, '--format', FORMATS.join(','), '--out', out, '--baseline', baselineFile, '--fail-on', 'warn', '--lang', 'fr']);

    const expected = gate(report, { failOn: 'warn', baseline });
    expect(r.code, r.stderr).to.equal(expected.exitCode);
    expect(r.code).to.equal(1);
    expect(r.stdout).to.include(expected.summary.join('\n'));
    expect(expected.counts.fixed).to.be.greaterThan(0);
    for (const format of FORMATS) {
      const text = render(report, format, { lang: 'fr' });
      const written = readFileSync(join(out, `report${FORMAT_EXTENSIONS[format]}`), 'utf8');
      expect(written === (text.endsWith('\n') ? text : `${text}\n`), `report${FORMAT_EXTENSIONS[format]} differs`).to.equal(true);
    }
  });

  it('gives the gate\'s verdict on the sample reports, with and without a baseline, as on the report in memory', async () => {
    const reports = { golden, v1, sample: sampleReport() };
    const files = Object.fromEntries(await Promise.all(Object.entries(reports).map(async ([name, r]) => [name, await (await OutputDir.open(join(dir, `gate-${name}`))).writeReport(r)] as const)));
    for (const [name, report] of Object.entries(reports)) {
      for (const base of [null, 'golden', 'sample'] as const) {
        for (const failOn of ['error', 'warn'] as const) {
          const r = await run(['report', files[name]!, '--format', 'md', '--out', join(dir, 'gate-out'), '--fail-on', failOn, ...(base ? ['--baseline', files[base]!] : [])]);
          const expected = gate(report, { failOn, baseline: base ? reports[base] : null });
          expect(r.code, `${name} against ${base}, --fail-on ${failOn}`).to.equal(expected.exitCode);
          expect(r.stdout, `${name} against ${base}, --fail-on ${failOn}`).to.include(expected.summary.join('\n'));
        }
      }
    }
  });

  it('refuses a report file that changes between two passes', async () => {
    const file = await (await OutputDir.open(join(dir, 'changing'))).writeReport(golden);
    const source = reportFileSource('report', file);
    expect([...source.sites]).to.have.length(golden.sites.length);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"sites": [', '"sites": [ '));
    expect(() => [...source.sites]).to.throw(UsageError, /changed while cookie-audit was reading it/);
  });

  it('folds the totals as the whole-report counts give them', () => {
    for (const report of [golden, v1, sampleReport(), { ...golden, sites: manySites(40) }, { ...golden, sites: [] }]) {
      const sum = digestReport(report).totals;
      const findings = report.sites.flatMap((s) => s.findings);
      expect(sum).to.deep.include({
        sites: report.sites.length,
        audited: report.sites.filter((s) => s.status === 'ok').length,
        unaudited: report.sites.filter((s) => s.status !== 'ok').length,
        sitesFailing: report.sites.filter(isFailingSite).length,
        findings: findings.length,
        errors: findings.filter((f) => f.severity === 'error').length,
        warnings: findings.filter((f) => f.severity === 'warn').length,
        cookies: report.sites.reduce((n, s) => n + s.cookies.length, 0),
      });
      for (const rule of sum.rules) {
        const cells = report.sites.map((s) => (s.status === 'error' ? 'error' : s.rules.find((r) => r.id === rule.id)?.outcome ?? 'absent'));
        expect(rule, rule.id).to.deep.equal({
          id: rule.id,
          fail: cells.filter((c) => c === 'fail').length,
          pass: cells.filter((c) => c === 'pass').length,
          notApplicable: cells.filter((c) => c === 'not-applicable').length,
          error: cells.filter((c) => c === 'error').length,
          judged: cells.filter((c) => c === 'fail' || c === 'pass').length,
          findings: findings.filter((f) => f.rule === rule.id).length,
        });
      }
    }
  });

  it('keeps the first GATE_LIST_LIMIT items of each gate list and counts them all', () => {
    const sites = Array.from({ length: GATE_LIST_LIMIT + 5 }, (_, i) => ({ ...errorSite(), url: `https://down${i}.example.net/` }));
    const result = gate({ ...golden, sites }, { failOn: 'error' });
    expect(result.exitCode).to.equal(3);
    expect(result.unauditedSites).to.have.length(GATE_LIST_LIMIT);
    expect(result.counts.unauditedSites).to.equal(GATE_LIST_LIMIT + 5);
    expect(result.summary).to.include('  … and 5 more sites that could not be audited (every one is in the report files).');
    expect(result.summary.at(-1)).to.equal(`FAIL: ${GATE_LIST_LIMIT + 5} sites could not be audited; pass --allow-errors to tolerate this.`);
  });

  it('prints the summary table of crawl and queue report up to TABLE_LIMIT sites, above it only their number without reading them', () => {
    const report = sampleReport();
    expect(summaryText(report, report.sites.length)).to.equal(`\n${summaryTable(report)}\n\n`);
    const unread = { ...report, sites: { [Symbol.iterator]: (): Iterator<SiteAudit> => { throw new Error('read'); } } };
    expect(summaryText(unread, TABLE_LIMIT + 1)).to.equal(`\n${TABLE_LIMIT + 1} sites in the report (table left out above ${TABLE_LIMIT}: see the report files).\n\n`);
  });

  it('gives worker --no-sandbox, parsed as crawl parses it', async () => {
    expect(parseBrowserSettings({ sandbox: false, ignoreHttpsErrors: true, browserArg: ['--lang=fr'] }).browserArgs)
      .to.deep.equal(['--lang=fr', '--ignore-certificate-errors', '--no-sandbox']);
    expect(parseBrowserSettings({}).browserArgs).to.deep.equal([]);
    for (const command of ['crawl', 'worker']) {
      const help = await run([command, '--help']);
      expect(help.stdout, command).to.match(/--no-sandbox\s+run Chromium without its sandbox/);
    }
  });
});
