/**
 * Real Firefox (Debian's Firefox ESR, driven over WebDriver BiDi) with the built Firefox extension
 * installed as a temporary add-on, on the fixture web: the same `ExtensionHarness` as Chromium's.
 *
 * - Routing: Firefox has no `--host-resolver-rules`, so every request goes through a proxy to the
 *   fixture web (test/fixtures/web/proxy.ts); MOZ_DISABLE_NONLOCAL_CONNECTIONS keeps Firefox's own
 *   services (remote settings…) on dummy local addresses, so nothing leaves the machine.
 * - Cookies: Firefox's default Total Cookie Protection (cookieBehavior 5) is kept, as a Firefox
 *   visitor has it: third-party cookies are partitioned by top-level site.
 * - Extension pages: the moz-extension UUID is fixed through `extensions.webextensions.uuids`.
 *
 * @example
 *   const h = await startFirefoxHarness(web, firefoxDir);
 *   const tab = await h.open('https://trop-tot.test/');
 *   const audit = await h.report(tab.tabId);
 *   await h.close();
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { GECKO_ID } from '../../extension/manifest.ts';
import { startFixtureProxy, type FixtureProxy } from '../fixtures/web/proxy.ts';
import type { FixtureWeb } from '../fixtures/web/server.ts';
import { harnessOn, type ExtensionHarness } from './harness.ts';

const CANDIDATES = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'];

/** The Firefox to test with: $FIREFOX_PATH, else Debian's firefox-esr or firefox; null when none is installed. */
export function findFirefox(): string | null {
  return CANDIDATES.find((p): p is string => Boolean(p) && existsSync(p!)) ?? null;
}

export const NO_FIREFOX = 'No Firefox found (looked for $FIREFOX_PATH, /usr/bin/firefox-esr, /usr/bin/firefox): run `bash scripts/ensure-firefox.sh` (installs Debian\'s firefox-esr, as root) or set FIREFOX_PATH.';

/**
 * Automation shows in `navigator.webdriver`, and some consent managers hide their banner from it
 * (vanilla-cookieconsent's hideFromBots): hidden as in the crawler's Chromium
 * (--disable-blink-features=AutomationControlled). A string: tsx would wrap a function's inner
 * functions in a helper the page does not have.
 */
const HIDE_WEBDRIVER = `Object.defineProperty(Navigator.prototype, 'webdriver', { get() { return false; }, configurable: true, enumerable: true });`;

export interface FirefoxHarness extends ExtensionHarness {
  /** The extension's moz-extension:// host. */
  uuid: string;
  /** Host names Firefox asked the proxy for (the fixture's and any of Firefox's own). */
  requestedHosts: Set<string>;
}

/** Firefox prefs: everything through the proxy, nothing else reached, Firefox's own cookie policy. */
function prefs(proxyPort: number, uuid: string): Record<string, unknown> {
  return {
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    // Firefox's default, stated: Total Cookie Protection (third-party cookies partitioned), what a Firefox visitor has.
    'network.cookie.cookieBehavior': 5,
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
    // Firefox's background services (Puppeteer already turns off updates, safe browsing and the like).
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'app.normandy.enabled': false,
    'toolkit.telemetry.enabled': false,
  };
}

/**
 * Opens an extension page. Puppeteer's `goto` never resolves on moz-extension:// pages (Firefox
 * sends no load event for them over BiDi: puppeteer issue 14314), so the navigation is started and
 * the page watched until it has loaded.
 */
export async function openExtensionPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  void page.goto(url, { timeout: 0 }).catch(() => undefined);
  const deadline = Date.now() + 15_000;
  while (!(await page.evaluate((u) => location.href === u && document.readyState === 'complete', url).catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`The extension page ${url} did not load within 15 s.`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return page;
}

export async function startFirefoxHarness(web: Pick<FixtureWeb, 'port'>, extensionDir: string): Promise<FirefoxHarness> {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error(NO_FIREFOX);
  const uuid = randomUUID();
  const proxy: FixtureProxy = await startFixtureProxy(web.port);
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: true,
      acceptInsecureCerts: true, // the fixture web's throwaway self-signed certificate
      defaultViewport: { width: 1280, height: 800 },
      extraPrefsFirefox: prefs(proxy.port, uuid),
      env: { ...process.env, MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1' },
      protocolTimeout: 60_000,
    });
  } catch (err) {
    await proxy.close();
    throw err;
  }
  const close = async (): Promise<void> => {
    await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
    await proxy.close();
  };
  try {
    const id = await browser.installExtension(extensionDir);
    if (id !== GECKO_ID) throw new Error(`Firefox installed the add-on as ${id}, expected the gecko id ${GECKO_ID}.`);
  } catch (err) {
    await close();
    throw err;
  }
  const shared = harnessOn({
    browser,
    extensionPage: (path) => openExtensionPage(browser, `moz-extension://${uuid}/${path}`),
    prepare: (page) => page.evaluateOnNewDocument(HIDE_WEBDRIVER).then(() => undefined),
    // Firefox's browsingData has no cacheStorage (its `cache` is the HTTP cache).
    allData: { cookies: true, localStorage: true, indexedDB: true, serviceWorkers: true, cache: true },
    close,
  });
  // The background script starts with the add-on: wait until it answers (an unknown type is rejected by our dispatcher).
  for (let i = 0; ; i++) {
    const answer = await shared.send({ type: 'ready?' }).catch((err: unknown) => ({ ok: false as const, error: String(err) }));
    if (!answer.ok && /Unknown message type/.test(answer.error)) break;
    if (i > 100) {
      await close();
      throw new Error(`The extension's background never answered in Firefox (last answer: ${JSON.stringify(answer)}): check it for a startup error.`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { ...shared, uuid, requestedHosts: proxy.hosts };
}
