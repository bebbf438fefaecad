/**
 * Real consent managers from node_modules (vanilla-cookieconsent 3, Klaro, tarteaucitron.js), driven
 * through autoconsent by the banner facade in real Chromium; and autoconsent's reach into
 * cross-site (out-of-process) iframes.
 */
import { expect } from 'chai';
import { AutoconsentDriver, autoconsentRuleNames } from '../../crawler/banner/autoconsent.ts';
import { attachBannerWatcher, type BannerWatcher } from '../../crawler/banner/index.ts';
import { pagePerTest } from './harness.ts';
import * as pages from './pages.ts';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('banner watcher with real consent managers (autoconsent)', function () {
  this.timeout(60_000);
  let watcher: BannerWatcher;

  const tab = pagePerTest({
    'universite.test': { '/': pages.VANILLA_COOKIECONSENT },
    'musee.test': { '/': pages.KLARO },
    'campus.test': { '/': pages.TARTEAUCITRON },
    'journal.test': { '/': pages.iframeHost('http://cmp.example/banner') },
    'cmp.example': { '/banner': pages.IFRAME_BANNER },
  });
  afterEach(async () => {
    watcher?.dispose();
  });

  const cookie = async (name: string): Promise<string | undefined> => {
    const c = (await tab.page.cookies()).find((x) => x.name === name);
    return c && decodeURIComponent(c.value);
  };
  const visible = (selector: string): Promise<boolean> =>
    tab.page.$eval(selector, (el) => el.checkVisibility({ opacityProperty: true, visibilityProperty: true })).catch(() => false);

  it('the CMPs used here have autoconsent rules', () => {
    const names = autoconsentRuleNames();
    expect(names.has('cookieconsent3')).to.equal(true);
    expect(names.has('tarteaucitron deny')).to.equal(true);
  });

  describe('vanilla-cookieconsent 3', () => {
    beforeEach(async () => {
      watcher = await attachBannerWatcher(tab.page);
      await tab.page.goto(tab.web.url('universite.test'));
    });

    it('is named by autoconsent, with the banner text and first-layer choices from the heuristic', async () => {
      const b = await watcher.detect(10_000);
      expect(b).to.include({ detected: true, method: 'autoconsent', cmp: 'cookieconsent3', frameUrl: 'http://universite.test/', acceptFound: true, rejectFound: true, rejectOnFirstLayer: true });
      expect(b.text).to.contain('Nous utilisons des cookies');
    });

    it('is only detected: nothing is clicked until asked', async () => {
      await watcher.detect(10_000);
      await sleep(1500);
      expect(await cookie('cc_cookie')).to.equal(undefined);
      expect(await visible('#cc-main .cm')).to.equal(true);
    });

    it('rejects: the banner goes and the consent cookie records only the necessary category', async () => {
      await watcher.detect(10_000);
      expect(await watcher.click('reject')).to.deep.include({ clicked: true, worked: true });
      expect(JSON.parse((await cookie('cc_cookie'))!).categories).to.deep.equal(['necessary']);
      expect(await visible('#cc-main .cm')).to.equal(false);
    });

    it('accepts: the consent cookie records every category', async () => {
      await watcher.detect(10_000);
      expect(await watcher.click('accept')).to.deep.include({ clicked: true, worked: true });
      expect(JSON.parse((await cookie('cc_cookie'))!).categories).to.have.members(['necessary', 'analytics']);
    });
  });

  describe('Klaro', () => {
    it('is named, and rejecting stores the refusal of the optional service', async () => {
      watcher = await attachBannerWatcher(tab.page);
      await tab.page.goto(tab.web.url('musee.test'));
      const b = await watcher.detect(10_000);
      expect(b).to.include({ detected: true, method: 'autoconsent', cmp: 'Klaro' });
      expect(await watcher.click('reject')).to.deep.include({ clicked: true, worked: true });
      expect(JSON.parse((await cookie('klaro'))!)).to.deep.equal({ analytics: false });
      expect(await visible('.klaro .cookie-notice')).to.equal(false);
    });
  });

  describe('tarteaucitron.js', () => {
    it('is named, and rejecting denies the Google Analytics service', async () => {
      watcher = await attachBannerWatcher(tab.page);
      await tab.page.goto(tab.web.url('campus.test'));
      const b = await watcher.detect(10_000);
      expect(b).to.include({ detected: true, method: 'autoconsent', rejectOnFirstLayer: true });
      expect(b.cmp).to.match(/^tarteaucitron/);
      expect(await watcher.click('reject')).to.deep.include({ clicked: true, worked: true });
      expect(await cookie('tarteaucitron')).to.equal('!gtag=false');
      expect(await visible('#tarteaucitronAlertBig')).to.equal(false);
    });
  });

  describe('cross-site iframes', () => {
    it('autoconsent starts inside an out-of-process iframe and answers there', async () => {
      const driver = await AutoconsentDriver.attach(tab.page);
      try {
        await tab.page.goto(tab.web.url('journal.test'));
        const inFrame = async () => [...driver.states.values()].find((s) => s.url === 'http://cmp.example/banner');
        for (let i = 0; i < 40 && !['started', 'nothingDetected'].includes((await inFrame())?.lifecycle ?? ''); i++) await sleep(100);
        const state = await inFrame();
        expect(state, 'autoconsent reported from the iframe').to.not.equal(undefined);
        expect(state!.mainFrame).to.equal(false);
        // It got our initResp (with rules) and began detection: the channel works both ways.
        expect(state!.lifecycle).to.be.oneOf(['started', 'nothingDetected']);
        const iframeTarget = tab.browser.targets().find((t) => t.url() === 'http://cmp.example/banner');
        expect(iframeTarget, 'the iframe is its own (out-of-process) target').to.not.equal(undefined);
      } finally {
        driver.dispose();
      }
    });
  });
});
