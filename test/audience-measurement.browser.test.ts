/**
 * Matomo-style audience measurement on the fixture web, crawled in real Chromium: exempt at 13 months
 * (no finding, no banner needed), not exempt at 25 months (findings naming the failed condition).
 * The served matomo.js is a stand-in (test/fixtures/web/matomo-stand-in.ts): no npm package ships Matomo's tracker.
 */
import { expect } from 'chai';
import { crawlFixtureSites, type FixtureCrawl } from './helpers/crawl-fixture-sites.ts';

describe('audience measurement on the fixture web (real Chromium)', function () {
  this.timeout(180_000);
  let crawl: FixtureCrawl;

  before(async () => {
    crawl = await crawlFixtureSites(['mesure-audience.test', 'mesure-audience-25-mois.test']);
  });

  it('gives both Matomo sites the outcomes they declare', () => {
    expect(crawl.wrong).to.deep.equal([]);
  });

  it('13 months: _pk_id and _pk_ses are exempt as audience measurement, the own matomo.php hit recorded', () => {
    const site = crawl.audit('mesure-audience.test');
    expect(site.findings.map((f) => f.message)).to.deep.equal([]);
    const pk = site.cookies.filter((c) => c.phase === 'initial' && c.name.startsWith('_pk_'));
    expect(pk.map((c) => c.name.split('.')[0]).sort()).to.deep.equal(['_pk_id', '_pk_ses']);
    for (const c of pk) expect(c.exemption, c.name).to.include({ exempt: true, category: 'audience-measurement' });
    expect(site.requests.some((r) => new URL(r.url).pathname === '/matomo.php')).to.equal(true);
  });

  it('25 months: the before-consent and banner findings say the lifetime condition failed', () => {
    const site = crawl.audit('mesure-audience-25-mois.test');
    const before = site.findings.find((f) => f.rule === 'cookies-before-consent' && f.cookie?.startsWith('_pk_id.'));
    expect(before?.message).to.match(/lifetime condition failed: 76\d days, more than 13 months/);
    const banner = site.findings.find((f) => f.rule === 'consent-banner');
    expect(JSON.stringify(banner?.evidence)).to.include('lifetime condition failed');
  });
});
