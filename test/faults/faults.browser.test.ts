/**
 * The fault web crawled together with healthy fixture sites through the real CLI: every faulty
 * host gets its stable error code (or is audited with its status), every healthy site still gets
 * the findings its fixture declares, and nothing unsafe reaches the disk or the terminal.
 */
import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Report, SiteAudit } from '../../src/model.ts';
import { ERROR_CODES } from '../../crawler/errors.ts';
import { DEFAULTS } from '../../crawler/crawl.ts';
import { FAST_WAITS, readReport, resultLines, startCrawl, websOfSuite } from './harness.ts';

/** Fixture sites crawled alongside the faults: a CMP, a hand-written banner, an iframe banner, a plain HTTP site. */
const HEALTHY = ['lyon.demo-ecole.fr', 'bandeau-maison.test', 'bandeau-iframe.test', 'sans-traceur.test'];
const MALFORMED: Array<[string, string]> = [
  ['exa mple.fr', 'invalid-target'],
  ['http://', 'invalid-target'],
  ['file:///etc/passwd', 'unsupported-scheme'],
  ['javascript:alert(document.cookie)', 'unsupported-scheme'],
  ['chrome://settings', 'unsupported-scheme'],
  ['data:text/html,<script>alert(1)</script>', 'unsupported-scheme'],
];
/** Cookie values the fault and fixture sites set: none may be written anywhere without --include-values. */
const SECRET_VALUES = ['err404', 'err500', 'b3ac0n', 'srv_7=v7', 'js_7=v7'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('crawling the fault web with healthy sites (real CLI, real Chromium)', function () {
  // geante.faults.test alone takes ~2 min on 2 cores: its 20 MB page keeps its own main thread busy,
  // so it is visited twice (a visit that ran late is re-checked), and two policy paths each render it.
  this.timeout(480_000);
  const webs = websOfSuite();
  let parent: string;
  let out: string;
  let code: number | string | null;
  let stdout: string;
  let stderr: string;
  let report: Report;
  const faultTargets = () => webs.faults.hosts.filter((h) => !h.dedicated).map((h) => webs.faults.target(h.host));
  const site = (url: string): SiteAudit => {
    const found = report.sites.find((s) => s.url === url);
    expect(found, `${url} in report.json`).to.not.equal(undefined);
    return found!;
  };

  before(async () => {
    parent = mkdtempSync(join(tmpdir(), 'cookie-audit-faults-'));
    out = join(parent, 'out');
    const run = startCrawl([
      // Twice the default page-load limit, not FAST_WAITS's: the 20 MB page alone takes 10–20 s to load
      // when its three phases share two cores with three other sites, and once took over 30 s in CI.
      ...faultTargets(), ...HEALTHY.map((h) => webs.healthy(h)), ...MALFORMED.map(([t]) => t),
      '--out', out, '--concurrency', '4', ...FAST_WAITS, '--timeout', String(2 * DEFAULTS.timeout), ...webs.args(),
    ]);
    code = await run.done;
    stdout = run.stdout();
    stderr = run.stderr();
    report = readReport(out);
  });

  it('completes with exit status 0 and one result per target, in report.json and results.jsonl', () => {
    expect(code, stderr).to.equal(0);
    const total = faultTargets().length + HEALTHY.length + MALFORMED.length;
    expect(report.sites).to.have.length(total);
    expect(resultLines(out).map((s) => s.url)).to.have.members(report.sites.map((s) => s.url));
  });

  it('gives every faulty host its stable error code, or audits it and records its HTTP status', () => {
    for (const fault of webs.faults.hosts.filter((h) => !h.dedicated)) {
      const s = site(webs.faults.target(fault.host));
      if ('error' in fault.expected) {
        expect(s.status, `${fault.host}: ${fault.description}`).to.equal('error');
        expect(s.error?.code, `${fault.host}: ${s.error?.message}`).to.equal(fault.expected.error);
        expect(Object.keys(ERROR_CODES)).to.include(s.error!.code);
      } else {
        expect(s.status, `${fault.host}: ${s.error?.message}`).to.equal('ok');
        if (fault.expected.httpStatus !== undefined) expect(s.httpStatus, fault.host).to.equal(fault.expected.httpStatus);
        const names = new Set(s.cookies.map((c) => c.name));
        expect(names.size, `${fault.host} cookies`).to.be.at.least(fault.expected.minCookies ?? 0);
        expect(s.rules.length, `${fault.host} judged by the rules`).to.be.greaterThan(0);
      }
    }
  });

  it('audits an error page like any page: the 404 page\'s tracking cookie before consent is a finding', () => {
    const s = site(webs.faults.target('erreur-404.faults.test'));
    expect(s.findings.some((f) => f.rule === 'cookies-before-consent' && f.cookie === '_pk_id')).to.equal(true);
  });

  it('still finds, on every healthy site, the outcomes its fixture declares', () => {
    for (const host of HEALTHY) {
      const fixture = webs.web.sites.find((x) => x.host === host)!;
      const s = site(webs.healthy(host));
      expect(s.status, `${host}: ${s.error?.message}`).to.equal('ok');
      const outcomes = Object.fromEntries(s.rules.map((r) => [r.id, r.outcome]));
      for (const [rule, outcome] of Object.entries(fixture.expected)) expect(outcomes[rule], `${host} ${rule}`).to.equal(outcome);
    }
  });

  it('stops guessing policy paths on a site that answers every path with the same page', () => {
    // Eight common paths each rendering 20 MB would take minutes: two alike end the search.
    const tried = site(webs.faults.target('geante.faults.test')).policy!.tried;
    expect(tried.map((t) => [new URL(t.url).pathname, t.outcome])).to.deep.equal([
      ['/politique-de-confidentialite', 'not-a-policy'], ['/politique-cookies', 'same-page'],
    ]);
  });

  it('re-checks a visit that ran late and, still late, marks it degraded in report.json and on the progress line', () => {
    // The 20 MB page keeps its own main thread busy on any machine: every round trip answers late.
    const giant = site(webs.faults.target('geante.faults.test'));
    expect(giant.measurement).to.deep.include({ rechecked: ['starved'], degraded: true });
    expect(stderr).to.match(/geante\.faults\.test\/ ok: .*\(degraded: its pages ran late/);
  });

  it('refuses malformed targets and other schemes with a clear per-site error, without visiting them', () => {
    for (const [target, expected] of MALFORMED) {
      const s = report.sites.find((x) => x.url === target.trim());
      expect(s, target).to.not.equal(undefined);
      expect(s!.error?.code, target).to.equal(expected);
      expect(s!.error?.message, target).to.match(/^Expected an http\(s\) URL or a domain name/);
    }
  });

  it('writes nothing outside --out, and only safe names inside it', () => {
    expect(readdirSync(parent)).to.deep.equal(['out']);
    for (const file of filesUnder(out)) {
      const rel = relative(out, file);
      expect(rel, rel).to.match(/^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)?$/);
    }
  });

  it('redacts cookie values in every file it writes', () => {
    for (const file of filesUnder(out)) {
      if (file.endsWith('.png')) continue;
      const text = readFileSync(file, 'utf8');
      for (const value of SECRET_VALUES) expect(text.includes(value), `${value} in ${relative(out, file)}`).to.equal(false);
    }
    expect(report.sites.flatMap((s) => s.cookies).every((c) => c.value === null)).to.equal(true);
  });

  it('prints no control character a site controls (escape sequences, bell, carriage return, bidi override)', () => {
    // eslint-disable-next-line no-control-regex
    const control = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
    expect(control.test(stdout), JSON.stringify(stdout.match(control))).to.equal(false);
    expect(control.test(stderr), JSON.stringify(stderr.match(control))).to.equal(false);
    expect(stdout).to.include('echappement.faults.test');
  });
});
