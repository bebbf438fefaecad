/**
 * Real Chromium with the built Chrome extension loaded, on the fixture web: open a site, click its
 * banner like a person, and ask the extension's background for its `get-report` answer.
 *
 * @example
 *   const h = await startHarness(web, chromeDir);
 *   const tab = await h.open('https://trop-tot.test/');
 *   const audit = await h.report(tab);
 *   await h.close();
 */
import { rm } from 'node:fs/promises';
import puppeteer, { type Browser, type Page, type WebWorker } from 'puppeteer-core';
import { BASE_ARGS, makeProfile } from '../../crawler/browser.ts';
import type { Report, SiteAudit } from '../../src/model.ts';
import type { FixtureWeb } from '../fixtures/web/server.ts';

/** The few extension APIs the harness calls inside the browser (evaluated there, typed here). */
declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  tabs: { query(query: object): Promise<Array<{ id?: number; url?: string }>> };
  webRequest?: { onBeforeRequest: { hasListeners(): boolean } };
};

function hostOf(url: string): string | null {
  try { return new URL(url).hostname; } catch { return null; }
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface OpenTab { page: Page; tabId: number }

export interface Harness {
  browser: Browser;
  extensionId: string;
  worker: WebWorker;
  /** Opens `url` in a new tab and waits for it to load; the tab id is the extension's. */
  open(url: string): Promise<OpenTab>;
  /** The background's answer to `{type: 'get-report', tabId}`, sent the way the popup sends it. */
  report(tabId: number): Promise<SiteAudit>;
  reportDocument(tabId: number): Promise<Report>;
  /** Sends any message from an extension page (to check how the background answers). */
  send(message: unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: string }>;
  /**
   * Clicks like a person: brings the tab to the front, waits for the control to be visible (in the
   * frame of `frameHost` when given) and clicks it with a real (trusted) mouse event.
   */
  click(tab: OpenTab, selector: string, frameHost?: string): Promise<void>;
  /** The text a control shows (its label), in the frame of `frameHost` when given. */
  label(tab: OpenTab, selector: string, frameHost?: string): Promise<string>;
  /** Clears every cookie and site storage of the profile: each fixture site starts as a first visit. */
  clearAll(): Promise<void>;
  /** The popup page for a tab. */
  popup(tabId: number): Promise<Page>;
  close(): Promise<void>;
}

export async function startHarness(web: FixtureWeb | null, extensionDir: string, extraArgs: string[] = []): Promise<Harness> {
  const userDataDir = await makeProfile();
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    pipe: true,
    userDataDir,
    enableExtensions: [extensionDir],
    defaultViewport: { width: 1280, height: 800 },
    args: [...BASE_ARGS, ...(web?.browserArgs ?? []), ...extraArgs],
    ignoreDefaultArgs: ['--enable-automation'],
    protocolTimeout: 60_000,
  });
  const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().endsWith('/background.js'), { timeout: 15_000 });
  const worker = (await target.worker())!;
  const extensionId = new URL(target.url()).host;
  // The worker target appears before its script has run: wait (from Node, the worker's globals may
  // not exist yet) until our listeners are registered.
  for (let i = 0; ; i++) {
    const ready = await worker.evaluate(() => Boolean((globalThis as { chrome?: typeof chrome }).chrome?.webRequest?.onBeforeRequest.hasListeners()))
      .catch(() => false);
    if (ready) break;
    if (i > 200) {
      await browser.close();
      throw new Error('The extension\'s background never registered its listeners: check the worker for a startup error.');
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  let messenger: Page | null = null;

  const messagePage = async (): Promise<Page> => {
    if (messenger && !messenger.isClosed()) return messenger;
    messenger = await browser.newPage();
    // A blank extension page: same messaging path as the popup, without the popup's own requests.
    await messenger.goto(`chrome-extension://${extensionId}/popup/popup.html?tab=0`);
    return messenger;
  };

  const send = async (message: unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> => {
    const page = await messagePage();
    return page.evaluate(async (m) => {
      try {
        return { ok: true as const, value: await chrome.runtime.sendMessage(m) };
      } catch (err) {
        return { ok: false as const, error: err instanceof Error ? err.message : String(err) };
      }
    }, message as object);
  };

  const ask = async <T>(message: unknown): Promise<T> => {
    const answer = await send(message);
    if (!answer.ok) throw new Error(`The background rejected ${JSON.stringify(message)}: ${answer.error}`);
    return answer.value as T;
  };

  return {
    browser,
    extensionId,
    worker,
    async open(url) {
      const page = await browser.newPage();
      await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
      const tabId = await worker.evaluate(async (u) => {
        const tabs = await chrome.tabs.query({});
        return tabs.find((t) => t.url === u)?.id ?? null;
      }, page.url());
      if (tabId === null) throw new Error(`No tab shows ${page.url()}.`);
      return { page, tabId };
    },
    async click(tab, selector, frameHost) {
      await tab.page.bringToFront();
      const deadline = Date.now() + 15_000;
      for (;;) {
        const frame = frameHost ? tab.page.frames().find((f) => hostOf(f.url()) === frameHost) : tab.page.mainFrame();
        const handle = frame ? await frame.waitForSelector(selector, { visible: true, timeout: 1000 }).catch(() => null) : null;
        if (handle) {
          await handle.click();
          return;
        }
        if (Date.now() > deadline) throw new Error(`No visible \`${selector}\`${frameHost ? ` in a frame of ${frameHost}` : ''} to click on ${tab.page.url()}.`);
      }
    },
    async label(tab, selector, frameHost) {
      const frame = frameHost ? tab.page.frames().find((f) => hostOf(f.url()) === frameHost) : tab.page.mainFrame();
      const handle = frame ? await frame.waitForSelector(selector, { visible: true, timeout: 15_000 }).catch(() => null) : null;
      if (!handle) throw new Error(`No visible \`${selector}\` on ${tab.page.url()}.`);
      return handle.evaluate((el) => ((el as HTMLElement).innerText || el.getAttribute('aria-label') || '').trim());
    },
    async clearAll() {
      await worker.evaluate(() => (globalThis as unknown as { chrome: { browsingData: { remove(o: object, k: object): Promise<void> } } })
        .chrome.browsingData.remove({}, { cookies: true, localStorage: true, indexedDB: true, cacheStorage: true, serviceWorkers: true }));
    },
    report: (tabId) => ask<SiteAudit>({ type: 'get-report', tabId }),
    reportDocument: (tabId) => ask<Report>({ type: 'get-report-document', tabId }),
    send,
    async popup(tabId) {
      const page = await browser.newPage();
      await page.setViewport({ width: 560, height: 600 });
      await page.goto(`chrome-extension://${extensionId}/popup/popup.html?tab=${tabId}`);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
      return page;
    },
    async close() {
      await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
      await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
