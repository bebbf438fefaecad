/**
 * Every format rendered from real engine output (the golden sample report) and from the hand-built
 * hostile sample: both are valid reports, and each output passes its own format's validation.
 */
import { expect } from 'chai';
import * as cheerio from 'cheerio';
import { readFileSync } from 'node:fs';
import { render } from '../../reports/index.ts';
import type { Report } from '../../src/model.ts';
import { reportErrors } from '../helpers/schema.ts';
import { sampleReport } from './sample.ts';
import { junitProblems, sarifValidator } from './validators.ts';

const golden: Report = JSON.parse(readFileSync(new URL('../golden/sample-report.json', import.meta.url), 'utf8'));

describe('renderers on engine output', () => {
  it('the hand-built sample report honours the report schema', () => {
    expect(reportErrors(sampleReport())).to.deep.equal([]);
  });

  for (const [name, report] of [['golden', golden], ['sample', sampleReport()]] as const) {
    describe(name, () => {
      it('json output is a valid report, with and without values', () => {
        expect(reportErrors(JSON.parse(render(report, 'json')))).to.deep.equal([]);
        expect(reportErrors(JSON.parse(render(report, 'json', { includeValues: true })))).to.deep.equal([]);
      });

      it('sarif and junit outputs validate', () => {
        const validate = sarifValidator();
        const sarif = JSON.parse(render(report, 'sarif', { lang: 'fr' }));
        expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).to.equal(true);
        expect(sarif.runs[0].results).to.have.length(report.sites.reduce((n, s) => n + s.findings.length, 0));
        expect(junitProblems(cheerio.load(render(report, 'junit'), { xml: true }))).to.deep.equal([]);
      });

      it('html has one section per site and a grid row per site; csv a row per cookie', () => {
        for (const lang of ['en', 'fr'] as const) {
          const $ = cheerio.load(render(report, 'html', { lang }));
          expect($('details.site')).to.have.length(report.sites.length);
          expect($('#overview table.grid tbody tr')).to.have.length(report.sites.length);
        }
        const lines = render(report, 'csv').trimEnd().split('\r\n');
        expect(lines.length - 1).to.be.at.least(report.sites.reduce((n, s) => n + s.cookies.length, 0));
      });
    });
  }
});
