/**
 * The banner facade in real Chromium on hand-written banners: top document, open shadow root,
 * cross-site iframe, two layers, late banner, and a page that only talks about cookies.
 */
import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attachBannerWatcher, type BannerWatcher } from '../../crawler/banner/index.ts';
import { pagePerTest } from './harness.ts';
import * as pages from './pages.ts';

/** Width and height of a PNG, read from its IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('banner watcher (real Chromium)', function () {
  this.timeout(60_000);
  let watcher: BannerWatcher;
  let shots: string;

  const tab = pagePerTest({
    'mairie.test': { '/': pages.FRENCH_BANNER },
    'shop.test': { '/': pages.SHADOW_BANNER },
    'journal.test': { '/': pages.iframeHost('http://cmp.example/banner') },
    'cmp.example': { '/banner': pages.IFRAME_BANNER },
    'blog.test': { '/': pages.NO_BANNER },
    'boutique.test': { '/': pages.TWO_LAYER },
    'late.test': { '/': pages.LATE_BANNER },
  });
  before(async () => {
    shots = mkdtempSync(join(tmpdir(), 'banner-shots-'));
  });
  after(async () => {
    rmSync(shots, { recursive: true, force: true });
  });
  beforeEach(async () => {
    watcher = await attachBannerWatcher(tab.page);
  });
  afterEach(async () => {
    watcher.dispose();
  });

  const consentCookie = async (name: string): Promise<string | undefined> => (await tab.page.cookies()).find((c) => c.name === name)?.value;

  it('finds a hand-written French banner with its text and both choices on the first layer', async () => {
    await tab.page.goto(tab.web.url('mairie.test'));
    const b = await watcher.detect(5000);
    expect(b).to.include({ detected: true, method: 'heuristic', cmp: null, frameUrl: 'http://mairie.test/', acceptFound: true, rejectFound: true, rejectOnFirstLayer: true });
    expect(b.text).to.contain('Nous utilisons des cookies').and.contain('Continuer sans accepter');
    expect(b.text).not.to.contain('Bienvenue');
  });

  it('rejects by clicking "Continuer sans accepter": banner gone, refusal stored', async () => {
    await tab.page.goto(tab.web.url('mairie.test'));
    await watcher.detect(5000);
    expect(await watcher.click('reject')).to.deep.include({ clicked: true, worked: true });
    expect(await consentCookie('consent')).to.equal('none');
    expect(await tab.page.$('#bandeau')).to.equal(null);
  });

  it('accepts by clicking "Tout accepter"', async () => {
    await tab.page.goto(tab.web.url('mairie.test'));
    await watcher.detect(5000);
    expect(await watcher.click('accept')).to.deep.include({ clicked: true, worked: true });
    expect(await consentCookie('consent')).to.equal('all');
  });

  it('screenshots the banner element itself, not the whole viewport', async () => {
    await tab.page.goto(tab.web.url('mairie.test'));
    await watcher.detect(5000);
    const file = join(shots, 'mairie.png');
    expect(await watcher.screenshot(file)).to.equal(true);
    const box = await (await tab.page.$('#bandeau'))!.boundingBox();
    const size = pngSize(file);
    expect(size.width).to.be.closeTo(box!.width, 2);
    expect(size.height).to.be.closeTo(box!.height, 2);
    expect(await consentCookie('consent'), 'a screenshot must not interact').to.equal(undefined);
  });

  it('finds and rejects a banner inside an open shadow root', async () => {
    await tab.page.goto(tab.web.url('shop.test'));
    const b = await watcher.detect(5000);
    expect(b).to.include({ detected: true, method: 'heuristic', acceptFound: true, rejectOnFirstLayer: true });
    expect(b.text).to.contain('We use cookies');
    expect(await watcher.click('reject')).to.deep.include({ clicked: true, worked: true });
    expect(await consentCookie('consent')).to.equal('none');
  });

  it('finds a banner in a cross-site iframe and clicks it there; the screenshot is the viewport', async () => {
    await tab.page.goto(tab.web.url('journal.test'));
    const b = await watcher.detect(5000);
    expect(b).to.include({ detected: true, frameUrl: 'http://cmp.example/banner', acceptFound: true, rejectOnFirstLayer: true });
    expect(b.text).to.contain('traceurs');
    const file = join(shots, 'iframe.png');
    expect(await watcher.screenshot(file)).to.equal(true);
    const viewport = await tab.page.evaluate(() => ({ width: innerWidth, height: innerHeight }));
    expect(pngSize(file)).to.deep.equal(viewport);
    const told = tab.page.evaluate(() => new Promise<string>((r) => addEventListener('message', (e) => r(String(e.data)), { once: true })));
    expect(await watcher.click('reject')).to.deep.include({ clicked: true, worked: true });
    expect(await told, 'the iframe reported the refusal button').to.equal('consent:r');
  });

  it('does not take cookie talk in the page, or a sticky nav with a cookies link, for a banner', async () => {
    await tab.page.goto(tab.web.url('blog.test'));
    const b = await watcher.detect(2500);
    expect(b.detected).to.equal(false);
    expect(await watcher.click('reject')).to.deep.equal({ clicked: false, worked: null });
    expect(await watcher.screenshot(join(shots, 'none.png'))).to.equal(false);
    expect(existsSync(join(shots, 'none.png'))).to.equal(false);
  });

  it('sees that refusing needs the second layer, and refuses there', async () => {
    await tab.page.goto(tab.web.url('boutique.test'));
    const b = await watcher.detect(5000);
    expect(b).to.include({ detected: true, acceptFound: true, rejectFound: true, rejectOnFirstLayer: false });
    expect(await watcher.click('reject')).to.deep.include({ clicked: true, worked: true });
    expect(await consentCookie('choice')).to.equal('no');
  });

  it('accepts through a label written "  J’ACCEPTE "', async () => {
    await tab.page.goto(tab.web.url('boutique.test'));
    await watcher.detect(5000);
    expect(await watcher.click('accept')).to.deep.include({ clicked: true, worked: true });
    expect(await consentCookie('choice')).to.equal('yes');
  });

  it('waits for a banner that appears after load', async () => {
    await tab.page.goto(tab.web.url('late.test'));
    const b = await watcher.detect(8000);
    expect(b).to.include({ detected: true, rejectOnFirstLayer: true });
  });
});
