/** CI gating: each exit code, the --fail-on threshold, maxFindings allowances, baseline matching and fixed findings. */
import { expect } from 'chai';
import { siteKey } from '../../src/baseline.ts';
import { loadConfig } from '../../src/config.ts';
import { gate, maxFindingsFromConfig } from '../../src/gate.ts';
import type { Report } from '../../src/model.ts';
import { cleanSite, errorSite, failingSite, sampleReport } from './sample.ts';

/** The sample's failing site alone: 2 error findings (cookies-before-consent), 1 warn (cookie-lifetime), one rule error. */
const failingOnly = (): Report => {
  const site = failingSite();
  site.rules = site.rules.map((r) => (r.outcome === 'error' ? { ...r, outcome: 'pass', notes: [] } : r));
  return sampleReport([site, cleanSite()]);
};

describe('gate', () => {
  it('exits 0 for a clean report', () => {
    const result = gate(sampleReport([cleanSite()]));
    expect(result.exitCode).to.equal(0);
    expect(result.failing).to.deep.equal([]);
    expect(result.summary.at(-1)).to.match(/^PASS/);
  });

  it('exits 1 on error findings with --fail-on error, listing them with their site', () => {
    const result = gate(failingOnly(), { failOn: 'error' });
    expect(result.exitCode).to.equal(1);
    expect(result.failing.map((f) => [f.rule, f.cookie])).to.deep.equal([
      ['cookies-before-consent', '<img src=x onerror=alert(1)>'], ['cookies-before-consent', '_ga'],
    ]);
    expect(result.failing[0].site).to.equal(failingSite().finalUrl);
    expect(result.summary.join('\n')).to.include('FAIL: 2 findings at level error');
  });

  it('counts warnings only with --fail-on warn, and nothing with never', () => {
    const report = failingOnly();
    report.sites[0].findings = report.sites[0].findings.filter((f) => f.severity === 'warn');
    expect(gate(report, { failOn: 'error' }).exitCode).to.equal(0);
    expect(gate(report, { failOn: 'warn' }).exitCode).to.equal(1);
    expect(gate(failingOnly(), { failOn: 'never' }).exitCode).to.equal(0);
  });

  it('exits 3 when a site could not be audited, unless allowErrors', () => {
    const report = sampleReport([cleanSite(), errorSite()]);
    const result = gate(report);
    expect(result.exitCode).to.equal(3);
    expect(result.unauditedSites).to.deep.equal([{ url: 'https://down.example.net/', code: 'dns', message: errorSite().error!.message }]);
    expect(result.summary.at(-1)).to.match(/could not be audited.*--allow-errors/);
    expect(gate(report, { allowErrors: true }).exitCode).to.equal(0);
  });

  it('exits 3 when a rule errored on a site, unless allowErrors', () => {
    const site = cleanSite();
    site.rules[0] = { ...site.rules[0], outcome: 'error', notes: ['The rule failed: boom'] };
    const result = gate(sampleReport([site]));
    expect(result.exitCode).to.equal(3);
    expect(result.ruleErrors).to.deep.equal([{ url: site.finalUrl, rule: 'cookies-before-consent', message: 'The rule failed: boom' }]);
    expect(gate(sampleReport([site]), { allowErrors: true }).exitCode).to.equal(0);
  });

  it('prefers 1 over 3 when there are both breaches and unaudited sites', () => {
    expect(gate(sampleReport()).exitCode).to.equal(1);
  });

  describe('maxFindings', () => {
    it('tolerates up to N findings of a rule on a site, and fails the whole group beyond', () => {
      expect(gate(failingOnly(), { maxFindings: { 'cookies-before-consent': 2 } }).exitCode).to.equal(0);
      const tolerated = gate(failingOnly(), { maxFindings: { 'cookies-before-consent': 2 } }).tolerated;
      expect(tolerated).to.have.length(2);
      const over = gate(failingOnly(), { maxFindings: { 'cookies-before-consent': 1 } });
      expect(over.exitCode).to.equal(1);
      expect(over.failing).to.have.length(2);
    });

    it('reads allowances from the config, per-URL overrides included', () => {
      const config = loadConfig({
        rules: { 'cookies-before-consent': ['error', { maxFindings: 0 }] },
        overrides: [{ urlPattern: 'https://shop.example.fr/**', rules: { 'cookies-before-consent': ['error', { maxFindings: 5 }] } }],
      });
      expect(gate(failingOnly(), { maxFindings: maxFindingsFromConfig(config) }).exitCode).to.equal(0);
      const strict = loadConfig({ rules: { 'cookies-before-consent': ['error', { maxFindings: 1 }] } });
      expect(gate(failingOnly(), { maxFindings: maxFindingsFromConfig(strict) }).exitCode).to.equal(1);
    });
  });

  describe('baseline', () => {
    it('fails only on findings not in the baseline', () => {
      const baseline = failingOnly();
      const current = failingOnly();
      const same = gate(current, { baseline });
      expect(same.exitCode).to.equal(0);
      expect(same.knownFindings).to.have.length(3);
      expect(same.newFindings).to.deep.equal([]);

      current.sites[0].findings.push({ rule: 'cookies-before-consent', severity: 'error', cookie: '_fbp', domain: 'example.fr', phase: 'initial', message: 'Cookie _fbp…', evidence: {} });
      const worse = gate(current, { baseline });
      expect(worse.exitCode).to.equal(1);
      expect(worse.failing.map((f) => f.cookie)).to.deep.equal(['_fbp']);
    });

    it('matches sites by normalised final URL and cookies by name and domain', () => {
      expect(siteKey('https://WWW.Example.fr:443/shop/?utm=1#top')).to.equal('https://www.example.fr/shop');
      expect(siteKey('https://example.fr')).to.equal(siteKey('https://example.fr/'));
      const baseline = failingOnly();
      const current = failingOnly();
      current.sites[0].finalUrl = 'https://SHOP.example.fr:443/?other=query';
      current.sites[0].findings[1] = { ...current.sites[0].findings[1], domain: '.Example.FR' };
      expect(gate(current, { baseline }).newFindings).to.deep.equal([]);

      current.sites[0].findings[1] = { ...current.sites[0].findings[1], domain: 'ads.test' };
      expect(gate(current, { baseline }).newFindings.map((f) => f.cookie)).to.deep.equal(['_ga']);
    });

    it('counts repeated findings as a multiset', () => {
      const baseline = failingOnly();
      const current = failingOnly();
      current.sites[0].findings.push({ ...current.sites[0].findings[1] });
      expect(gate(current, { baseline }).newFindings).to.have.length(1);
    });

    it('reports what was fixed since the baseline, but not for sites that could not be audited again', () => {
      const baseline = failingOnly();
      const current = failingOnly();
      current.sites[0].findings = current.sites[0].findings.filter((f) => f.cookie !== '_ga');
      const result = gate(current, { baseline });
      expect(result.fixed.map((f) => [f.rule, f.cookie])).to.deep.equal([['cookies-before-consent', '_ga'], ['cookie-lifetime', '_ga']]);
      expect(result.summary.join('\n')).to.match(/2 fixed[\s\S]*fixed: .*cookies-before-consent · _ga/);

      const down = { ...errorSite(), url: baseline.sites[0].url, finalUrl: baseline.sites[0].finalUrl };
      const unreachable = gate(sampleReport([down]), { baseline, allowErrors: true });
      expect(unreachable.fixed).to.deep.equal([]);
    });

    it('does not call a finding fixed when its rule was not applicable this run (no reject control clicked)', () => {
      const baseline = failingOnly();
      const current = failingOnly();
      const site = current.sites[0];
      const rule = site.findings[0].rule;
      site.findings = site.findings.filter((f) => f.rule !== rule);
      site.rules = site.rules.map((r) => (r.id === rule ? { ...r, outcome: 'not-applicable' as const, findingCount: 0 } : r));
      expect(gate(current, { baseline }).fixed.map((f) => f.rule)).not.to.include(rule);
    });
  });
});
