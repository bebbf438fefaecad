/**
 * The extension's cookie events are scoped by cookie store (extension/background/cookie-scope.ts),
 * in real Chromium with the extension allowed in incognito: an incognito tab (cookie store `1`)
 * and a regular tab (store `0`) show the same site and each writes a cookie; neither tab's record
 * may hold the other's cookie, and "Audit from scratch" in one tab clears that tab's store only.
 * The incognito window is the browser's own (chrome.windows.create), not a DevTools browser
 * context, which extensions never see. containers.browser.test.ts is the same check in Firefox.
 */
import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExtension } from '../../scripts/build-extension.ts';
import { recordedCookieNames as cookieNames, startHarness, writeCookieInPage as write, type Harness, type OpenTab } from './harness.ts';

const SITE = 'http://partage.test/';

declare const chrome: {
  windows: { create(o: { incognito: boolean; url: string }): Promise<{ tabs?: Array<{ id?: number }> }> };
  cookies: { getAll(o: { storeId: string }): Promise<Array<{ name: string }>> };
};


/** The names in a cookie store, as the extension's background reads them. */
const storeNames = (h: Harness, storeId: string): Promise<string[]> =>
  h.worker.evaluate((id) => chrome.cookies.getAll({ storeId: id }).then((cs) => cs.map((c) => c.name).sort()), storeId);

describe('extension: an incognito tab\'s cookies stay in its own record and store (real Chromium)', function () {
  this.timeout(180_000);
  let server: http.Server;
  let h: Harness;
  let outDir: string;
  let regular: OpenTab;
  let incognito: OpenTab;

  before(async () => {
    server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Partage</title></head><body><p>Un site, deux onglets.</p></body></html>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    outDir = await mkdtemp(join(tmpdir(), 'cookie-audit-incognito-'));
    const dirs = await buildExtension({ targets: ['chrome'], outDir });
    h = await startHarness(null, dirs.chrome, [`--host-resolver-rules=MAP partage.test 127.0.0.1:${(server.address() as AddressInfo).port}`], { incognito: true });
    regular = await h.open(SITE);
    // The browser's own incognito window, opened by the extension (it may: it is allowed there).
    const tabId = await h.worker.evaluate((url) => chrome.windows.create({ incognito: true, url }).then((w) => w.tabs?.[0]?.id ?? null), SITE);
    if (tabId === null) throw new Error('Chromium opened no incognito tab: is the extension allowed in incognito?');
    // Puppeteer files a target of a context it did not create under the default context: told apart by its page.
    const target = await h.browser.waitForTarget((t) => t.type() === 'page' && t.url() === SITE && t !== regular.page.target(), { timeout: 15_000 });
    const page = (await target.page())!;
    await page.waitForFunction(() => document.readyState === 'complete', { timeout: 15_000 });
    incognito = { page, tabId };
  });

  after(async () => {
    await h?.close();
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('a cookie written in an incognito tab is not in the regular tab\'s record, and the other way round', async () => {
    await write(incognito.page, 'prive=1; Max-Age=3600; path=/');
    await write(regular.page, 'regulier=1; Max-Age=3600; path=/');
    expect(await storeNames(h, '1'), 'the incognito store').to.deep.equal(['prive']);
    const inRegular = await cookieNames(h, regular.tabId, 'regulier');
    const ofIncognito = await cookieNames(h, incognito.tabId, 'prive');
    expect(inRegular, 'the regular tab\'s record').to.include('regulier').and.not.include('prive');
    expect(ofIncognito, 'the incognito tab\'s record').to.include('prive').and.not.include('regulier');
  });

  it('"Audit from scratch" in the incognito tab clears the incognito store and leaves the regular one', async () => {
    const answer = await h.send({ type: 'audit-from-scratch', tabId: incognito.tabId });
    expect(answer).to.deep.equal({ ok: true, value: { ok: true } });
    expect(await storeNames(h, '1'), 'the incognito store').to.deep.equal([]);
    expect(await storeNames(h, '0'), 'the regular store').to.include('regulier');
  });

  it('"Audit from scratch" in the regular tab leaves the incognito store alone', async () => {
    await incognito.page.waitForFunction(() => document.readyState === 'complete' && location.href !== 'about:blank', { timeout: 15_000 });
    await write(incognito.page, 'prive=2; Max-Age=3600; path=/');
    const answer = await h.send({ type: 'audit-from-scratch', tabId: regular.tabId });
    expect(answer).to.deep.equal({ ok: true, value: { ok: true } });
    expect(await storeNames(h, '0'), 'the regular store').to.not.include('regulier');
    expect(await storeNames(h, '1'), 'the incognito store').to.deep.equal(['prive']);
  });
});
