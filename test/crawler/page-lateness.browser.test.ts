/**
 * The page-pace probe in real Chromium: a page that keeps its main thread busy answers late and
 * is read as starved; a calm page answers at once, however busy the machine's other processes.
 */
import { expect } from 'chai';
import type { Browser } from 'puppeteer-core';
import { ranStarved, startLatenessProbe } from '../../crawler/page-lateness.ts';
import { launchChromium } from '../fixtures/web/chromium.ts';

describe('page lateness (real Chromium)', function () {
  this.timeout(60_000);
  let browser: Browser;
  before(async () => { browser = await launchChromium({ browserArgs: [] }); });
  after(async () => { await browser?.close(); });

  const measure = async (html: string, ms: number) => {
    const page = await browser.newPage();
    try {
      await page.setContent(html);
      const probe = await startLatenessProbe(page);
      await new Promise((r) => setTimeout(r, ms));
      return probe.stop();
    } finally {
      await page.close();
    }
  };

  it('reads a page whose main thread is busy 90 % of the time as starved, and a calm page as keeping pace', async () => {
    // 450 ms of work in every 500 ms: what a page gets when the CPUs are shared with many others.
    const busy = await measure('<script>setInterval(() => { const t = Date.now(); while (Date.now() - t < 450); }, 500);</script>', 3000);
    expect(busy.samples).to.be.above(2);
    expect(ranStarved(busy, 3000), JSON.stringify(busy)).to.equal(true);
    const calm = await measure('<p>Accueil</p>', 3000);
    expect(calm.samples, JSON.stringify(calm)).to.be.above(5);
    expect(ranStarved(calm, 3000), JSON.stringify(calm)).to.equal(false);
  });

  it('counts a round trip still unanswered at the end (a page stuck in a loop) as late', async () => {
    const stuck = await measure('<script>setTimeout(() => { for (;;) {} }, 100);</script>', 1500);
    expect(stuck.late, JSON.stringify(stuck)).to.be.above(0);
    expect(stuck.lostMs).to.be.above(700);
  });
});
