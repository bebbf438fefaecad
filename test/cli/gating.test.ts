/**
 * The CI gate through the CLI, in-process (`main(argv, io)`: `cookie-audit report` on saved reports): every exit status,
 * `--fail-on`, `--allow-errors`, `--baseline` (new vs known findings, what was fixed) and the
 * GitHub step summary.
 */
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorSite } from '../../src/engine.ts';
import type { Report } from '../../src/model.ts';
import { reportErrors } from '../helpers/schema.ts';
import { HOSTILE, sampleReport as hostileReport } from '../reports/sample.ts';
import { runMain, sampleReport, tempDir, writeJson } from './run.ts';

/** The golden report keeping only the sites `keep` selects. */
function only(keep: (url: string) => boolean): Report {
  const r = sampleReport();
  r.sites = r.sites.filter((s) => keep(s.url));
  return r;
}
const CLEAN = 'https://lyon.campus-exemple.fr/';
const ECOLE = 'https://www.ecole-exemple.fr/';

/** The golden report with every finding (and rule level) downgraded to a warning. */
function warnOnly(): Report {
  const r = sampleReport();
  for (const s of r.sites) {
    for (const f of s.findings) f.severity = 'warn';
    for (const rule of s.rules) rule.level = 'warn';
  }
  return r;
}

describe('cookie-audit gating (CLI exit status)', function () {
  this.timeout(60_000);
  let dir: string;
  const file = (name: string, report: Report) => writeJson(dir, name, report);
  const gate = (report: Report, ...flags: string[]) => runMain(['report', file(`r${Math.random().toString(36).slice(2)}.json`, report), '--format', 'md', '--out', dir, ...flags]);

  before(() => { dir = tempDir(); });

  it('exits 0 when no finding reaches the error level', async () => {
    const result = await gate(only((u) => u === CLEAN));
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.match(/PASS/);
  });

  it('exits 1 on findings at the error level and lists each of them', async () => {
    const report = sampleReport();
    const result = await gate(report);
    expect(result.code, result.stderr).to.equal(1);
    // Only error-level findings fail the default gate (the policy rules' potential findings are warnings).
    const failing = report.sites.flatMap((s) => s.findings.filter((f) => f.severity === 'error').map((f) => `${s.finalUrl} · ${f.rule}`));
    expect(failing.length).to.be.greaterThan(0);
    for (const line of failing) expect(result.stdout).to.include(line);
    expect(result.stdout).to.match(new RegExp(`FAIL: ${failing.length} findings at level error`));
  });

  it('--fail-on never exits 0 even with error findings', async () => {
    const result = await gate(sampleReport(), '--fail-on', 'never');
    expect(result.code, result.stderr).to.equal(0);
  });

  it('warnings pass by default and fail with --fail-on warn', async () => {
    expect((await gate(warnOnly())).code).to.equal(0);
    const strict = await gate(warnOnly(), '--fail-on', 'warn');
    expect(strict.code, strict.stderr).to.equal(1);
    expect(strict.stdout).to.match(/FAIL: .* at level warn or above/);
  });

  it('refuses a --fail-on level it does not know with exit 2, naming the valid ones', async () => {
    const result = await gate(sampleReport(), '--fail-on', 'warning');
    expect(result.code).to.equal(2);
    expect(result.stderr).to.match(/`fail-on`.*error, warn, never.*`warning`/);
  });

  describe('sites that could not be audited', () => {
    const withDown = (): Report => {
      const r = only((u) => u === CLEAN);
      r.sites.push(errorSite('https://down.example.fr/', 'dns', 'net::ERR_NAME_NOT_RESOLVED at https://down.example.fr/'));
      return r;
    };

    it('exit 3, naming the site and the reason', async () => {
      const result = await gate(withDown());
      expect(result.code, result.stderr).to.equal(3);
      expect(result.stdout).to.include('Could not audit https://down.example.fr/: dns');
      expect(result.stdout).to.include('--allow-errors');
    });

    it('exit 3 too when a rule errored on an audited site', async () => {
      const r = only((u) => u === CLEAN);
      r.sites[0].rules[0] = { ...r.sites[0].rules[0], outcome: 'error', notes: ['the rule threw'] };
      const result = await gate(r);
      expect(result.code, result.stderr).to.equal(3);
      expect(result.stdout).to.include(`Rule ${r.sites[0].rules[0].id} errored`);
    });

    it('--allow-errors tolerates them (exit 0)', async () => {
      const result = await gate(withDown(), '--allow-errors');
      expect(result.code, result.stderr).to.equal(0);
    });

    it('findings still fail with exit 1 when some sites are also down', async () => {
      const r = sampleReport();
      r.sites.push(errorSite('https://down.example.fr/', 'dns', 'net::ERR_NAME_NOT_RESOLVED'));
      expect((await gate(r)).code).to.equal(1);
    });
  });

  describe('--baseline', () => {
    let baselineFile: string;
    const fixedRule = 'cookie-lifetime';
    /** Today's report: the ecole site fixed its cookie-lifetime finding and gained a new cookie one. */
    function current(): Report {
      const r = sampleReport();
      const ecole = r.sites.find((s) => s.url === ECOLE)!;
      const before = ecole.findings.find((f) => f.rule === 'cookies-before-consent')!;
      ecole.findings = ecole.findings.filter((f) => f.rule !== fixedRule);
      ecole.findings.push({ ...before, cookie: '_fbp', message: 'Cookie "_fbp" (ecole-exemple.fr) is set before the visitor gave consent.' });
      const rule = ecole.rules.find((x) => x.id === fixedRule)!;
      rule.outcome = 'pass';
      rule.findingCount = 0;
      return r;
    }

    before(() => { baselineFile = writeJson(dir, 'baseline.json', sampleReport()); });

    it('passes when every finding is already in the baseline', async () => {
      const result = await gate(sampleReport(), '--baseline', baselineFile);
      expect(result.code, result.stderr).to.equal(0);
      expect(result.stdout).to.match(/Against the baseline: 0 new/);
    });

    it('fails only on the new finding, and prints what was fixed since', async () => {
      const known = sampleReport().sites.reduce((n, s) => n + s.findings.length, 0) - 1;
      const result = await gate(current(), '--baseline', baselineFile);
      expect(result.code, result.stderr).to.equal(1);
      expect(result.stdout).to.include(`Against the baseline: 1 new, ${known} already known, 1 fixed.`);
      expect(result.stdout).to.match(new RegExp(`fixed: ${ECOLE} · ${fixedRule} · _ga`));
      const failLines = result.stdout.split('\n').filter((l) => l.startsWith('✗'));
      expect(failLines).to.have.length(1);
      expect(failLines[0]).to.include('_fbp');
      expect(result.stdout).to.match(/FAIL: 1 finding at level error not in the baseline/);
    });

    it('refuses a baseline that is not a cookie-audit report (exit 2)', async () => {
      const bogus = writeJson(dir, 'bogus.json', { sites: [] });
      const result = await gate(sampleReport(), '--baseline', bogus);
      expect(result.code).to.equal(2);
      expect(result.stderr).to.match(/The baseline .*bogus\.json.* is not a cookie-audit report/);
    });
  });

  it('appends the Markdown summary and the verdict to $GITHUB_STEP_SUMMARY', async () => {
    const summary = join(dir, 'step-summary.md');
    writeFileSync(summary, 'earlier step\n');
    const out = join(dir, 'summary-run');
    const result = await runMain(['report', file('s.json', sampleReport()), '--format', 'md', '--out', out], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(result.code).to.equal(1);
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('earlier step\n')).to.equal(true);
    // The same Markdown summary as report.md, then the gate's verdict.
    expect(text).to.include(readFileSync(join(out, 'report.md'), 'utf8').trimEnd());
    expect(text).to.match(/### Gate \(exit 1\)[\s\S]*FAIL/);
  });

  it('keeps text from audited sites inert in the step summary (hostile cookie name, domain, URL)', async () => {
    const hostile = hostileReport();
    expect(reportErrors(hostile)).to.deep.equal([]);
    const summary = join(dir, 'hostile-summary.md');
    const result = await runMain(['report', file('hostile.json', hostile), '--format', 'md', '--out', join(dir, 'hostile')], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(result.code).to.equal(1);
    // The terminal gets the plain finding; the Markdown file gets no live markup from it.
    expect(result.stdout).to.include(HOSTILE.cookieName);
    const text = readFileSync(summary, 'utf8');
    expect(text).to.match(/### Gate/);
    expect(text).to.not.match(/<img|<script|<b id=/i);
  });
});
