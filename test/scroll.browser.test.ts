/**
 * Issue #14 §5: each phase reads the page like a visitor, scrolling through it before reading the state, so
 * lazy content below the fold that sets cookies before any choice counts (bas-de-page.test, real Chromium).
 */
import { expect } from 'chai';
import { crawlFixtureSites, type FixtureCrawl } from './helpers/crawl-fixture-sites.ts';

describe('reading the page like a visitor (real Chromium)', function () {
  this.timeout(180_000);
  let crawl: FixtureCrawl;

  before(async () => {
    crawl = await crawlFixtureSites(['bas-de-page.test']);
  });

  it('gives bas-de-page.test the outcomes it declares', () => {
    expect(crawl.wrong).to.deep.equal([]);
  });

  it('sees the lazy iframe\'s and the on-scroll tag\'s cookies before consent', () => {
    const site = crawl.audit('bas-de-page.test');
    const before = site.findings.filter((f) => f.rule === 'cookies-before-consent').map((f) => f.cookie).sort();
    expect(before, JSON.stringify(site.measurement)).to.include.members(['_scroll_tag', 'ad_id', 'ad_seen']);
    expect(site.banner.detected).to.equal(true);
  });
});
