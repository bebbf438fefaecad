/**
 * The CI formats: JUnit XML checked against the structure of the common JUnit XSD (testsuites >
 * testsuite > testcase with at most one failure/error/skipped, consistent counts), and SARIF validated
 * with ajv against the vendored SARIF 2.1.0 JSON Schema.
 */
import { expect } from 'chai';
import * as cheerio from 'cheerio';
import { render } from '../../reports/index.ts';
import { RULES } from '../../rules/index.ts';
import { HOSTILE, sampleReport } from './sample.ts';
import { junitProblems, sarifValidator } from './validators.ts';

describe('CI formats', () => {
  describe('junit', () => {
    const xml = render(sampleReport(), 'junit');
    const $ = cheerio.load(xml, { xml: true });

    it('is well-formed JUnit: the XSD structure and consistent counts', () => {
      expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).to.equal(true);
      expect(junitProblems($)).to.deep.equal([]);
    });

    it('has one testcase per site × rule: failure for fail, skipped for N/A, error for errors', () => {
      // The rules the sample report was judged with (config.rules), not every rule shipped today.
      const rules = Object.keys(sampleReport().config.rules).length;
      expect($('testsuite')).to.have.length(3);
      expect($('testcase')).to.have.length(3 * rules);
      const shop = $('testsuite').eq(0);
      const outcome = (id: string) => {
        const tc = shop.find('testcase').filter((_, el) => ($(el).attr('name') ?? '').startsWith(`${id}:`));
        return tc.children().length === 0 ? 'pass' : (tc.children()[0] as { name: string }).name;
      };
      expect(outcome('cookies-before-consent')).to.equal('failure');
      expect(outcome('consent-banner')).to.equal('pass');
      expect(outcome('ga-ip-anonymisation')).to.equal('skipped');
      expect(outcome('cookies-after-refusal')).to.equal('error');
      expect($('testsuite').eq(2).find('testcase > error')).to.have.length(rules);
      expect($('testsuite').eq(2).find('testcase > error').first().attr('message')).to.include(HOSTILE.errorMessage);
    });

    it('keeps hostile text as text and drops characters XML forbids', () => {
      expect($('failure').first().text()).to.include(HOSTILE.cookieName);
      expect($('property[name="cmp"]').attr('value')).to.equal(HOSTILE.cmp);
      expect($('img, script, svg')).to.have.length(0);
      const report = sampleReport();
      report.sites[0].findings[0].message = 'bell\u0007 and NUL\u0000 in a cookie';
      const dirty = render(report, 'junit');
      // eslint-disable-next-line no-control-regex
      expect(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(dirty)).to.equal(false);
      expect(junitProblems(cheerio.load(dirty, { xml: true }))).to.deep.equal([]);
    });
  });

  describe('sarif', () => {
    const validate = sarifValidator();
    const report = sampleReport();
    const sarif = JSON.parse(render(report, 'sarif'));

    it('validates against the SARIF 2.1.0 schema', () => {
      const ok = validate(sarif);
      expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 3))).to.deep.equal([]);
      expect(ok).to.equal(true);
    });

    it('catches an invalid log (the validator is really checking)', () => {
      const broken = structuredClone(sarif);
      broken.runs[0].results[0].level = 'fatal';
      expect(validate(broken)).to.equal(false);
    });

    it('describes every rule with help text, the legal reference and its name', () => {
      const rules = sarif.runs[0].tool.driver.rules;
      const judged = RULES.filter((r) => r.meta.id in report.config.rules);
      expect(rules.map((r: { id: string }) => r.id)).to.deep.equal(judged.map((r) => r.meta.id));
      for (const [i, r] of rules.entries()) {
        const meta = judged[i].meta;
        expect(r.name).to.match(/^[A-Z][A-Za-z0-9]+$/);
        expect(r.shortDescription.text).to.equal(meta.title.en);
        expect(r.fullDescription.text).to.equal(meta.description.en);
        expect(r.helpUri).to.equal(meta.legalReference.url);
        expect(r.help.text).to.include(meta.remedy.en);
      }
    });

    it('has one result per finding at the site URL, level from severity', () => {
      const results = sarif.runs[0].results;
      const findings = report.sites.flatMap((s) => s.findings);
      expect(results).to.have.length(findings.length);
      expect(results.map((r: { level: string }) => r.level)).to.deep.equal(findings.map((f) => (f.severity === 'error' ? 'error' : 'warning')));
      expect(results[0].locations[0].physicalLocation.artifactLocation.uri).to.equal(new URL(HOSTILE.siteUrl).href);
      expect(results[0].message.text).to.equal(findings[0].message);
      expect(sarif.runs[0].tool.driver.rules[results[2].ruleIndex].id).to.equal(results[2].ruleId);
      // The site that could not be audited is a tool notification, not a silent gap.
      expect(sarif.runs[0].invocations[0].toolExecutionNotifications[0].message.text).to.include('down.example.net');
    });
  });
});
