/**
 * The extension's cookie events are scoped by cookie store (extension/background/cookie-scope.ts),
 * in real Firefox: a tab of a container (a WebDriver BiDi user context is a Firefox container, with
 * its own `firefox-container-N` cookie store) writes a cookie on the same site a regular tab shows,
 * and the regular tab's record must not hold it, nor the container tab's record the regular tab's.
 * trust.test.ts checks `inScope` alone; this checks the `cookies.onChanged` events a browser sends.
 * (Chromium's incognito store `1`: incognito.browser.test.ts.)
 */
import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'puppeteer-core';
import { buildExtension } from '../../scripts/build-extension.ts';
import { recordedCookieNames as cookieNames, writeCookieInPage as write } from './harness.ts';
import { findFirefox, NO_FIREFOX, openExtensionPage, startFirefoxHarness, type FirefoxHarness } from './firefox-harness.ts';

const SITE = 'http://partage.test/';


describe('extension: a container tab\'s cookies stay in its own record (real Firefox)', function () {
  this.timeout(180_000);
  let server: http.Server;
  let h: FirefoxHarness;
  let outDir: string;
  let container: BrowserContext | null = null;

  before(async function () {
    if (!findFirefox()) throw new Error(NO_FIREFOX);
    server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Partage</title></head><body><p>Un site, deux onglets.</p></body></html>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    outDir = await mkdtemp(join(tmpdir(), 'cookie-audit-containers-'));
    const dirs = await buildExtension({ targets: ['firefox'], outDir });
    h = await startFirefoxHarness({ port: (server.address() as AddressInfo).port }, dirs.firefox);
  });

  after(async () => {
    await container?.close().catch(() => {});
    await h?.close();
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('a cookie written in a container tab is not in the regular tab\'s record, and the other way round', async () => {
    const regular = await h.open(SITE);
    container = await h.browser.createBrowserContext();
    const page = await container.newPage();
    await page.goto(SITE, { waitUntil: 'load', timeout: 30_000 });
    const stores = await listTabs(h);
    const inContainer = stores.find((t) => t.url === SITE && t.id !== regular.tabId);
    expect(inContainer?.cookieStoreId, 'the BiDi user context is a Firefox container').to.match(/^firefox-container-/);
    expect(stores.find((t) => t.id === regular.tabId)?.cookieStoreId).to.equal('firefox-default');

    await write(page, 'conteneur=1; Max-Age=3600; path=/');
    await write(regular.page, 'regulier=1; Max-Age=3600; path=/');
    const inRegular = await cookieNames(h, regular.tabId, 'regulier');
    const ofContainer = await cookieNames(h, inContainer!.id, 'conteneur');
    expect(inRegular, 'the regular tab\'s record').to.include('regulier').and.not.include('conteneur');
    expect(ofContainer, 'the container tab\'s record').to.include('conteneur').and.not.include('regulier');
  });
});

/** Every tab with its cookie store, as the extension sees them (from an extension page). */
async function listTabs(h: FirefoxHarness): Promise<Array<{ id: number; url: string; cookieStoreId: string }>> {
  const page = await openExtensionPage(h.browser, `moz-extension://${h.uuid}/popup/popup.html?tab=0`);
  try {
    return await page.evaluate(() => (globalThis as unknown as { browser: { tabs: { query(q: object): Promise<Array<{ id: number; url: string; cookieStoreId: string }>> } } })
      .browser.tabs.query({}).then((tabs) => tabs.map(({ id, url, cookieStoreId }) => ({ id, url, cookieStoreId }))));
  } finally {
    await page.close();
  }
}
