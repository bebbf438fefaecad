/**
 * Issue #14 §4 and §6 on the fixture web, crawled in real Chromium: the TCF consent string is decoded after
 * refusal (a refusal that still consents two purposes fails `cookies-after-refusal` with
 * `tcf-consent-after-refusal`; one that consents nothing passes), the CMP id and version are recorded after
 * acceptance, and a cookie the consent manager deletes on refusal is not a refusal breach.
 */
import { expect } from 'chai';
import { crawlFixtureSites, type FixtureCrawl } from './helpers/crawl-fixture-sites.ts';
import { reportErrors } from './helpers/schema.ts';
import { FIXTURE_CMP, PURPOSES_KEPT_ON_REFUSAL } from './fixtures/web/sites/tcf.ts';

describe('consent string and settled refusal on the fixture web (real Chromium)', function () {
  this.timeout(240_000);
  let crawl: FixtureCrawl;

  before(async () => {
    crawl = await crawlFixtureSites(['tcf-refus-partiel.test', 'tcf-refus.test', 'refus-efface.test']);
  });

  it('gives the three sites the outcomes they declare', () => {
    expect(crawl.wrong).to.deep.equal([]);
  });

  it('fails a refusal whose TC string still consents two purposes, naming them', () => {
    const site = crawl.audit('tcf-refus-partiel.test');
    const tcf = site.findings.filter((f) => f.messageId === 'tcf-consent-after-refusal');
    expect(tcf).to.have.length(1);
    expect(tcf[0]).to.include({ rule: 'cookies-after-refusal', cookie: 'euconsent-v2', phase: 'refused' });
    expect(tcf[0].message).to.include(`purposes ${PURPOSES_KEPT_ON_REFUSAL.join(', ')}`);
    expect(site.tcf?.refused?.purposeConsents).to.deep.equal([...PURPOSES_KEPT_ON_REFUSAL]);
    expect(site.findings.filter((f) => f.rule === 'cookies-after-refusal')).to.have.length(1);
  });

  it('records the CMP id and version and the purposes per phase; a refusal consenting nothing passes', () => {
    const site = crawl.audit('tcf-refus.test');
    expect(site.tcf?.accepted).to.include({ cmpId: FIXTURE_CMP.id, cmpVersion: FIXTURE_CMP.version, vendorConsentCount: 3 });
    expect(site.tcf?.accepted?.purposeConsents).to.have.length.of.at.least(10);
    expect(site.tcf?.refused).to.include({ cmpId: FIXTURE_CMP.id, vendorConsentCount: 0 });
    expect(site.tcf?.refused?.purposeConsents).to.deep.equal([]);
    expect(site.tcf?.initial).to.equal(undefined);
    expect(reportErrors(crawl.report)).to.deep.equal([]);
  });

  it('judges the state once refusal has settled: _ga deleted by the refusal is a before-consent breach only', () => {
    const site = crawl.audit('refus-efface.test');
    expect(site.findings.filter((f) => f.rule === 'cookies-after-refusal')).to.deep.equal([]);
    expect(site.findings.filter((f) => f.rule === 'cookies-before-consent').map((f) => f.cookie)).to.include('_ga');
    const ga = site.cookies.find((c) => c.phase === 'refused' && c.name === '_ga');
    expect(ga?.presentAtEnd).to.equal(false);
  });
});
