/**
 * The banner watcher over the shared fixture web (test/fixtures/web): every site that ships a banner
 * has it found, in the right frame, and refused; sites without one are left alone.
 */
import { expect } from 'chai';
import type { Browser } from 'puppeteer-core';
import { attachBannerWatcher } from '../../crawler/banner/index.ts';
import { launchChromium } from '../fixtures/web/chromium.ts';
import type { FixtureWeb } from '../fixtures/web/server.ts';
import { sharedFixtureWeb } from '../support/shared.ts';

describe('banner watcher on the fixture web', function () {
  this.timeout(180_000);
  let web: FixtureWeb;
  let browser: Browser;

  before(async () => {
    web = await sharedFixtureWeb();
    browser = await launchChromium(web);
  });
  after(async () => {
    await browser?.close();
  });

  it('has sites with and without banners to check', () => {
    expect(web.sites.some((s) => s.cmp)).to.equal(true);
    expect(web.sites.some((s) => !s.cmp)).to.equal(true);
  });

  it('finds each declared banner (in its iframe when it has one) and refuses it; finds none elsewhere', async () => {
    const problems: string[] = [];
    const check = async (site: FixtureWeb['sites'][number]): Promise<void> => {
      const context = await browser.createBrowserContext();
      try {
        const page = await context.newPage();
        const watcher = await attachBannerWatcher(page);
        await page.goto(web.origin(site.host, site.scheme) + site.path, { waitUntil: 'load' });
        const b = await watcher.detect(site.cmp ? 8000 : 2500);
        if (!site.cmp) {
          if (b.detected) problems.push(`${site.host}: no banner declared, but found ${b.method} "${b.text?.slice(0, 60)}"`);
          return;
        }
        if (!b.detected) { problems.push(`${site.host}: its ${site.cmp} banner was not found`); return; }
        const frameHost = new URL(b.frameUrl!).hostname;
        const wantHost = site.controls?.frameHost ?? site.host;
        if (frameHost !== wantHost) problems.push(`${site.host}: banner found in ${frameHost}, expected ${wantHost}`);
        if (!b.acceptFound) problems.push(`${site.host}: no accept control found`);
        // A banner that offers no refusal (an information-only notice, a cookie wall) declares no reject
        // control: there, nothing must be clicked as a refusal.
        const noRefusal = site.controls !== undefined && site.controls.reject === undefined;
        const click = await watcher.click('reject');
        if (noRefusal ? click.clicked : !click.clicked || !click.worked) problems.push(`${site.host}: reject ${JSON.stringify(click)}`);
        watcher.dispose();
      } finally {
        await context.close();
      }
    };
    // Three sites at a time, each in its own context, like the crawler.
    const queue = [...web.sites];
    await Promise.all([1, 2, 3].map(async () => { for (let s = queue.shift(); s; s = queue.shift()) await check(s); }));
    expect(problems).to.deep.equal([]);
  });
});
