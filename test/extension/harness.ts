/**
 * A real browser with the built extension loaded: open a site, click its banner like a person, and
 * ask the extension's background for its `get-report` answer from an extension page, as the popup
 * does. `startHarness` is Chromium (the Chrome build); firefox-harness.ts is Firefox (the Firefox
 * build); both give the same `ExtensionHarness` through `harnessOn`.
 *
 * @example
 *   const h = await startHarness(web, chromeDir);
 *   const tab = await h.open('https://trop-tot.test/');
 *   const audit = await h.report(tab.tabId);
 *   await h.close();
 */
import { rm } from 'node:fs/promises';
import puppeteer, { type Browser, type ElementHandle, type Frame, type Page, type WebWorker } from 'puppeteer-core';
import { launchArgs, makeProfile } from '../../crawler/browser.ts';
import type { Report, SiteAudit } from '../../src/model.ts';
import type { FixtureWeb } from '../fixtures/web/server.ts';

/**
 * The few extension APIs the harness calls inside the browser (evaluated there, typed here):
 * Firefox's `browser`, else Chrome's `chrome`, both promise-based on extension pages.
 */
interface ExtensionApi {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  tabs: { query(query: object): Promise<Array<{ id?: number; url?: string }>> };
  browsingData: { remove(options: object, dataToRemove: object): Promise<void> };
  webRequest?: { onBeforeRequest: { hasListeners(): boolean } };
}
declare const chrome: ExtensionApi;
declare const browser: ExtensionApi | undefined;

function hostOf(url: string): string | null {
  try { return new URL(url).hostname; } catch { return null; }
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface OpenTab { page: Page; tabId: number }

export type Answer = { ok: true; value: unknown } | { ok: false; error: string };

/** What the site tests need from a browser with the extension, whichever browser it is. */
export interface ExtensionHarness {
  browser: Browser;
  /** Opens `url` in a new tab and waits for it to load (or only for `domcontentloaded`); the tab id is the extension's. */
  open(url: string, waitUntil?: 'load' | 'domcontentloaded'): Promise<OpenTab>;
  /** The background's answer to `{type: 'get-report', tabId}`, sent the way the popup sends it. */
  report(tabId: number): Promise<SiteAudit>;
  reportDocument(tabId: number): Promise<Report>;
  /** Sends any message from an extension page (to check how the background answers). */
  send(message: unknown): Promise<Answer>;
  /**
   * Clicks like a person: brings the tab to the front, waits for the control to be visible (in the
   * frame of `frameHost` when given) and clicks it with a real (trusted) mouse event.
   */
  click(tab: OpenTab, selector: string, frameHost?: string): Promise<void>;
  /**
   * Reads the page like a person before answering the banner: scrolls down with the mouse wheel a
   * screen at a time to the bottom (what loads on the way loads), then back to the top.
   */
  read(tab: OpenTab): Promise<void>;
  /** The text a control shows (its label), in the frame of `frameHost` when given. */
  label(tab: OpenTab, selector: string, frameHost?: string): Promise<string>;
  /** Clears every cookie and site storage of the profile: each fixture site starts as a first visit. */
  clearAll(): Promise<void>;
  close(): Promise<void>;
}

/** The Chromium harness also reaches the extension's service worker and its popup. */
export interface Harness extends ExtensionHarness {
  extensionId: string;
  worker: WebWorker;
  /** The popup page for a tab. */
  popup(tabId: number): Promise<Page>;
}

/** What one browser provides to `harnessOn`. */
export interface BrowserSide {
  browser: Browser;
  /** Opens an extension page (`popup/popup.html?tab=0`…) in a new tab, loaded. */
  extensionPage(path: string): Promise<Page>;
  /** Prepares a new tab before it opens a site (Firefox hides automation there). */
  prepare?(page: Page): Promise<void>;
  /** What `clearAll` removes: each browser's `browsingData` names its data types its own way. */
  allData: Record<string, boolean>;
  close(): Promise<void>;
}

/** The frame of `frameHost` in the tab (the newest: Firefox may still list one of the previous document), or its top document. */
function frameOf(tab: OpenTab, frameHost?: string): Frame | undefined {
  return frameHost ? tab.page.frames().filter((f) => !f.detached && hostOf(f.url()) === frameHost).at(-1) : tab.page.mainFrame();
}

/** Waits up to `timeoutMs` for a visible `selector`, in the frame of `frameHost` when given (the frame may come late). */
async function visibleControl(tab: OpenTab, selector: string, frameHost: string | undefined, timeoutMs: number): Promise<{ frame: Frame; handle: ElementHandle }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = frameOf(tab, frameHost);
    const handle = frame ? await frame.waitForSelector(selector, { visible: true, timeout: 1000 }).catch(() => null) : null;
    if (frame && handle) return { frame, handle };
    if (Date.now() > deadline) throw new Error(`No visible \`${selector}\`${frameHost ? ` in a frame of ${frameHost}` : ''} on ${tab.page.url()}.`);
  }
}

/**
 * A real mouse click on a control inside a frame of the top document, at its place in the page.
 * Puppeteer's own click locates the frame's <iframe> element, which Firefox 140's WebDriver BiDi
 * cannot do (`browsingContext.locateNodes` has no `context` locator there); this works in both browsers.
 */
async function clickInFrame(tab: OpenTab, frame: Frame, handle: ElementHandle, frameHost: string): Promise<void> {
  if (frame.parentFrame() !== tab.page.mainFrame()) throw new Error(`The frame of ${frameHost} is not a frame of the top document: not supported.`);
  const inner = await handle.evaluate((el) => {
    el.scrollIntoView({ block: 'center', inline: 'center' });
    const r = el.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
  const outer = await tab.page.mainFrame().evaluate((host) => {
    const found = [...document.querySelectorAll('iframe')].filter((f) => {
      try { return new URL(f.src, location.href).hostname === host; } catch { return false; }
    });
    if (found.length !== 1) return found.length;
    const f = found[0]!;
    const r = f.getBoundingClientRect();
    const style = getComputedStyle(f);
    return { x: r.left + f.clientLeft + parseFloat(style.paddingLeft), y: r.top + f.clientTop + parseFloat(style.paddingTop) };
  }, frameHost);
  if (typeof outer === 'number') throw new Error(`Expected one <iframe> of ${frameHost} on ${tab.page.url()}, found ${outer}.`);
  await tab.page.mouse.click(outer.x + inner.x, outer.y + inner.y);
}

/** A person's read: at most this long, a screen at a time, waiting for each wheel turn to move the page. */
const READ_BUDGET_MS = 15_000;
const MOVE_WAIT_MS = 1000;
/** Wheel turns in a row that do not move the page before it counts as frozen (a cookie wall). */
const STUCK_TURNS = 3;
const READ_END_PAUSE_MS = 500;
const FRAMES_WAIT_MS = 10_000;

/**
 * Wheel events, trusted as a person's, in both browsers (DevTools protocol or WebDriver BiDi), with
 * the pointer in the upper middle of the view as the crawler's reader has it (crawler/scroll.ts).
 * Each turn waits for the page to move (scrolling is asynchronous, and slow on a busy machine);
 * stops at the bottom, at the budget, or when several turns in a row do not move the page (a cookie
 * wall freezes it; one slow turn on a starved machine does not). At the bottom it waits for the page
 * to render there: lazy frames and "on scroll" tags start at a rendering update, which a busy machine
 * delays past any fixed pause.
 */
async function readLikeAPerson(page: Page): Promise<void> {
  const where = () => page.evaluate(() => ({ y: scrollY, view: innerHeight, width: innerWidth, height: document.documentElement.scrollHeight }));
  const started = Date.now();
  let at = await where();
  await page.mouse.move(Math.round(at.width / 2), Math.round(at.view / 4));
  for (let stuck = 0; at.y + at.view < at.height - 2 && stuck < STUCK_TURNS && Date.now() - started < READ_BUDGET_MS;) {
    await page.mouse.wheel({ deltaY: Math.max(200, Math.round(at.view * 0.9)) });
    let next = await where();
    for (const until = Date.now() + MOVE_WAIT_MS; next.y <= at.y && Date.now() < until; next = await where()) {
      await new Promise((r) => setTimeout(r, 50));
    }
    stuck = next.y <= at.y ? stuck + 1 : 0;
    at = next.y > at.y ? next : at;
  }
  if (at.y === 0) return;
  // The end of the page is read too: two rendering frames there (IntersectionObserver callbacks and
  // lazy loads are decided at the first), then a reader's moment.
  await page.evaluate((ms) => new Promise<void>((done) => {
    setTimeout(done, ms);
    requestAnimationFrame(() => requestAnimationFrame(() => done()));
  }), FRAMES_WAIT_MS).catch(() => {});
  await new Promise((r) => setTimeout(r, READ_END_PAUSE_MS));
  await page.mouse.wheel({ deltaY: -(at.height + at.view) });
  // Back at the top before anything is clicked: Firefox scrolls smoothly, slower on a busy machine, and a
  // control out of the first screen (a notice at the page's end) would move under the pointer mid-click.
  for (let until = Date.now() + MOVE_WAIT_MS; at.y > 0 && Date.now() < until;) {
    await new Promise((r) => setTimeout(r, 50));
    const next = await where();
    if (next.y < at.y) until = Date.now() + MOVE_WAIT_MS;
    at = next;
  }
}

/** The harness both browsers share: messages, tabs and data go through an extension page, as the popup's do. */
export function harnessOn(side: BrowserSide): ExtensionHarness {
  const { browser: b } = side;
  let messenger: Page | null = null;

  const messagePage = async (): Promise<Page> => {
    if (messenger && !messenger.isClosed()) return messenger;
    // A blank extension page: same messaging path as the popup, without the popup's own requests.
    messenger = await side.extensionPage('popup/popup.html?tab=0');
    return messenger;
  };

  const send = async (message: unknown): Promise<Answer> => {
    const page = await messagePage();
    return page.evaluate(async (m) => {
      try {
        return { ok: true as const, value: await (typeof browser === 'undefined' ? chrome : browser).runtime.sendMessage(m) };
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
    browser: b,
    async open(url, waitUntil = 'load') {
      const page = await b.newPage();
      await side.prepare?.(page);
      await page.goto(url, { waitUntil, timeout: 30_000 });
      const tabId = await (await messagePage()).evaluate(async (u) => {
        const tabs = await (typeof browser === 'undefined' ? chrome : browser).tabs.query({});
        return tabs.find((t) => t.url === u)?.id ?? null;
      }, page.url());
      if (tabId === null) throw new Error(`No tab shows ${page.url()}.`);
      return { page, tabId };
    },
    async click(tab, selector, frameHost) {
      await tab.page.bringToFront();
      const { frame, handle } = await visibleControl(tab, selector, frameHost, 15_000);
      if (frameHost) await clickInFrame(tab, frame, handle, frameHost);
      else await handle.click();
    },
    read: (tab) => readLikeAPerson(tab.page),
    async label(tab, selector, frameHost) {
      const { handle } = await visibleControl(tab, selector, frameHost, 15_000);
      return handle.evaluate((el) => ((el as HTMLElement).innerText || el.getAttribute('aria-label') || '').trim());
    },
    async clearAll() {
      await (await messagePage()).evaluate((kinds) => (typeof browser === 'undefined' ? chrome : browser).browsingData.remove({}, kinds), side.allData);
    },
    report: (tabId) => ask<SiteAudit>({ type: 'get-report', tabId }),
    reportDocument: (tabId) => ask<Report>({ type: 'get-report-document', tabId }),
    send,
    close: () => side.close(),
  };
}

/**
 * `incognito`: the extension is also allowed in incognito windows, as a person allows it on
 * chrome://extensions (DevTools' `Extensions.loadUnpacked` with `enableInIncognito`).
 */
export async function startHarness(web: FixtureWeb | null, extensionDir: string, extraArgs: string[] = [], o: { incognito?: boolean } = {}): Promise<Harness> {
  const userDataDir = await makeProfile();
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    pipe: true,
    userDataDir,
    enableExtensions: o.incognito ? true : [extensionDir],
    defaultViewport: { width: 1280, height: 800 },
    args: launchArgs([...(web?.browserArgs ?? []), ...extraArgs]),
    ignoreDefaultArgs: ['--enable-automation'],
    protocolTimeout: 60_000,
  });
  if (o.incognito) {
    const session = await browser.target().createCDPSession();
    await session.send('Extensions.loadUnpacked', { path: extensionDir, enableInIncognito: true });
    await session.detach();
  }
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
  const extensionPage = async (path: string): Promise<Page> => {
    const page = await browser.newPage();
    await page.goto(`chrome-extension://${extensionId}/${path}`);
    return page;
  };
  const shared = harnessOn({
    browser,
    extensionPage,
    allData: { cookies: true, localStorage: true, indexedDB: true, cacheStorage: true, serviceWorkers: true },
    async close() {
      await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
      await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 });
    },
  });
  return {
    ...shared,
    extensionId,
    worker,
    async popup(tabId) {
      const page = await browser.newPage();
      await page.setViewport({ width: 560, height: 600 });
      await page.goto(`chrome-extension://${extensionId}/popup/popup.html?tab=${tabId}`);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
      return page;
    },
  };
}

/** A tab's recorded cookie names, once `name` shows in its record (or after 5 s). */
export async function recordedCookieNames(h: Pick<ExtensionHarness, 'report'>, tabId: number, name: string): Promise<string[]> {
  let site: SiteAudit = await h.report(tabId);
  for (const deadline = Date.now() + 5000; Date.now() < deadline && !site.cookies.some((c) => c.name === name);) {
    await new Promise((r) => setTimeout(r, 250));
    site = await h.report(tabId);
  }
  return site.cookies.map((c) => c.name).sort();
}

/** A page script's own cookie write (what the site would do in that tab). */
export const writeCookieInPage = (page: Page, cookie: string): Promise<void> => page.evaluate((c) => { document.cookie = c; }, cookie);
