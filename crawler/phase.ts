/**
 * Runs one phase of a site visit (`initial`, `accepted` or `refused`) in a fresh browser context:
 * load and scroll, then `detectAndSettle` (initial) or `clickAndSettle` (a choice), then `readState`
 * (the jar and the writes seen); `runPhase` holds them within the phase budget.
 *
 * @example
 *   const r = await runPhase(browser, 'refused', ['https://a.fr/', 'http://a.fr/'], settings);
 *   r.observations.cookies // ObservedCookie[] after clicking reject
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Browser, BrowserContext, HTTPResponse, Page } from 'puppeteer-core';
import { noBanner, type ObservedBanner, type Phase, type PhaseObservations } from '../src/model.ts';
import { attachBannerWatcher, type BannerWatcher } from './banner/index.ts';
import { PhaseCapture, type BlockedCookie } from './capture.ts';
import { httpsUnreachable, SiteError } from './errors.ts';
import { sameSiteLinks } from './links.ts';
import { pageLinks } from './page-links.ts';
import type { PageLink } from './policy-finder.ts';
import { cookieAttempts, mergeCookies, type JarCookie } from './merge-cookies.ts';
import { consentStringOf } from '../src/tcf.ts';
import { scrollBudget, scrollLikeAReader } from './scroll.ts';
import { presentedUserAgent } from './stealth.ts';
import { sleep, withDeadline } from './wait.ts';
import { whenAborted } from './abort.ts';
import { startLatenessProbe, type Lateness } from './page-lateness.ts';

export interface PhaseSettings {
  /** Quiet time after load (and after a click) before reading state, ms. */
  settle: number;
  /** Navigation time limit per page, ms. */
  timeout: number;
  /** Same-site links to visit in the initial phase. */
  pages: number;
  includeValues: boolean;
  isOfInterest(url: string): boolean;
  /** Absolute path for the banner screenshot (initial phase), or null for none. */
  screenshotPath: string | null;
  /** The screenshot path as recorded in the report (relative to the report directory). */
  screenshotRef: string | null;
  /** Aborts the phase (the site's time budget is spent, the crawl stops): it rejects with the signal's reason and closes its context. */
  signal?: AbortSignal;
  /** Told how late the page ran once the phase ends, finished or abandoned (a timeout's lateness tells the machine's doing from the site's). */
  onLateness?: (l: Lateness) => void;
}

export interface PhaseResult {
  phase: Phase;
  /** The candidate URL that loaded. */
  url: string;
  finalUrl: string;
  httpStatus: number | null;
  observations: PhaseObservations;
  /** Set-Cookie lines Chromium refused (diagnostics for the artefacts). */
  blocked: BlockedCookie[];
  /** Extra pages visited (`--pages`), with their error if any. */
  pages: Array<{ url: string; error: string | null }>;
  /** The initial page's links, the banner's included (initial phase only), for the policy finder. */
  links?: PageLink[];
  /** Milliseconds spent in each step (diagnostics for the artefacts and the benchmark). */
  timings: Record<string, number>;
  /** How late the page ran from load to reading its state (crawler/page-lateness.ts). */
  lateness: Lateness;
}

const QUIET_MS = 500;
const CLICK_FOR: Record<Phase, 'accept' | 'reject' | null> = { initial: null, accepted: 'accept', refused: 'reject' };

/** The longest a phase may take before it is abandoned as a timeout. */
export function phaseBudget(s: Pick<PhaseSettings, 'settle' | 'timeout' | 'pages'>): number {
  return (2 + s.pages) * (s.timeout + s.settle) + 3 * detectTimeout(s) + 30_000;
}

/** How long to wait for a banner to show up. */
export function detectTimeout(s: Pick<PhaseSettings, 'settle'>): number {
  return Math.max(2000, s.settle);
}

export async function runPhase(browser: Browser, phase: Phase, candidates: readonly string[], s: PhaseSettings): Promise<PhaseResult> {
  let onDisconnect: (() => void) | null = null;
  // Downloads are refused: a crawl never writes a site's files to disk.
  const context = await browser.createBrowserContext({ downloadBehavior: { policy: 'deny' } });
  let watcher: BannerWatcher | null = null;
  // Stopped in `finally` too: a phase that fails (crash, timeout) must not leave its probe running.
  let probe: { stop(): Lateness } | null = null;
  const capture = new PhaseCapture({ isOfInterest: s.isOfInterest, userAgent: await presentedUserAgent(browser) });
  try {
    const timings: Record<string, number> = {};
    let mark = Date.now();
    const lap = (step: string) => {
      const now = Date.now();
      timings[step] = (timings[step] ?? 0) + now - mark;
      mark = now;
    };
    // A renderer crash otherwise leaves the page's promises hanging until the phase budget runs out.
    let onCrash: (error: Error) => void = () => {};
    const crashed = new Promise<never>((_, reject) => { onCrash = reject; });
    crashed.catch(() => {});
    const run = async (): Promise<PhaseResult> => {
      const page = await context.newPage();
      page.on('error', (error) => onCrash(new SiteError('crash', `The page crashed during the ${phase} phase: ${error.message}`)));
      // Dialogs would block the page forever; a visitor would dismiss them.
      page.on('dialog', (d) => void (d.type() === 'beforeunload' ? d.accept() : d.dismiss()).catch(() => {}));
      await capture.attach(page);
      watcher = await attachBannerWatcher(page);
      lap('setup');
      // The load is sampled too, but counts only if the phase is abandoned while loading (`finally`):
      // a page that never loaded because its main thread was starved is told from a server that never answered.
      probe = await startLatenessProbe(page);
      const { url, response } = await navigate(page, candidates, s.timeout);
      probe.stop();
      lap('load');
      const finalUrl = page.url();
      const httpStatus = response?.status() ?? null;
      const choice = CLICK_FOR[phase];
      const quiet = () => capture.activity.quiet({ quietMs: QUIET_MS, maxMs: Math.max(5000, s.settle) });
      const loadedAt = Date.now();
      probe = await startLatenessProbe(page);
      // A visitor reads the page before answering the banner: lazy content loads on the way (crawler/scroll.ts).
      await scrollLikeAReader(page, scrollBudget(s.settle));
      lap('scroll');
      // Settle counts from load; a click restarts it, since consent makes the page load more.
      const settleFrom = async (since: number) => {
        await sleep(Math.max(0, since + s.settle - Date.now()));
        lap('settle');
        await quiet();
        lap('quiet');
      };
      const steps: PhaseSteps = { page, watcher, s, lap, quiet, settleFrom, loadedAt };
      const seen: { banner: ObservedBanner; links?: PageLink[]; pages: PhaseResult['pages'] } = choice === null ? await detectAndSettle(steps, finalUrl) : { banner: await clickAndSettle(steps, choice), pages: [] };
      const lateness = probe.stop();
      const { observations, blocked } = await readState(context, capture, watcher, seen.banner, finalUrl, s);
      lap('jar');
      return { phase, url, finalUrl, httpStatus, blocked, pages: seen.pages, timings, lateness, observations, ...(seen.links ? { links: seen.links } : {}) };
    };
    // The browser dying under the phase is not the site's fault: the crawl relaunches it and retries.
    const browserDied = new Promise<never>((_, reject) => {
      onDisconnect = () => reject(new SiteError('browser-crash', `The browser exited during the ${phase} phase.`));
      // `on`, not `once`: Puppeteer's `once` registers a wrapper that `off(onDisconnect)` cannot
      // remove, so every phase's page stayed reachable from the browser (a leak on long crawls).
      browser.on('disconnected', onDisconnect);
    });
    browserDied.catch(() => {});
    return await withDeadline(Promise.race([run(), crashed, browserDied, whenAborted(s.signal)]), phaseBudget(s), () => new SiteError('timeout', `The ${phase} phase took longer than ${Math.round(phaseBudget(s) / 1000)} s and was abandoned.`));
  } finally {
    const lateness = (probe as { stop(): Lateness } | null)?.stop();
    if (lateness) s.onLateness?.(lateness);
    if (onDisconnect) browser.off('disconnected', onDisconnect);
    // Close in the background of errors: a hung page must not keep the site's slot.
    await Promise.resolve(watcher && (watcher as BannerWatcher).dispose()).catch(() => {});
    await capture.stop().catch(() => {});
    await withDeadline(context.close(), 10_000, () => new Error('context close timed out')).catch(() => {});
  }
}

/** What a phase's steps share once its page has loaded and been scrolled. */
interface PhaseSteps {
  page: Page;
  watcher: BannerWatcher;
  s: PhaseSettings;
  /** Adds the time since the last lap to a step's timing. */
  lap(step: string): void;
  /** Waits for the network to be quiet (false: it was not, in time). */
  quiet(): Promise<boolean>;
  /** Waits until `settle` ms after `since`, then for quiet. */
  settleFrom(since: number): Promise<void>;
  loadedAt: number;
}

/**
 * The initial phase: the banner is detected during the settle time (the screenshot taken as soon as
 * it shows), then the page's links are read and up to `pages` same-site pages visited.
 */
async function detectAndSettle(p: PhaseSteps, finalUrl: string): Promise<{ banner: ObservedBanner; links: PageLink[]; pages: PhaseResult['pages'] }> {
  const { page, watcher, s } = p;
  const found = (async () => {
    const b = await watcher.detect(detectTimeout(s));
    if (b.detected && s.screenshotPath) {
      await mkdir(dirname(s.screenshotPath), { recursive: true });
      if (await watcher.screenshot(s.screenshotPath).catch(() => false)) return { ...b, screenshot: s.screenshotRef };
    }
    return b;
  })();
  await p.settleFrom(p.loadedAt);
  const banner = await found;
  p.lap('detect');
  // The page's and the banner's links, for the policy finder (crawler/policy-fetch.ts).
  const links = await pageLinks(page);
  p.lap('links');
  const pages: PhaseResult['pages'] = [];
  for (const link of s.pages > 0 ? sameSiteLinks(await page.content(), finalUrl, s.pages) : []) {
    try {
      await page.goto(link, { waitUntil: 'load', timeout: s.timeout });
      await p.settleFrom(Date.now());
      pages.push({ url: link, error: null });
    } catch (error) {
      pages.push({ url: link, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { banner, links, pages };
}

/** The accepted and refused phases: the banner detected, `choice` clicked once the page is quiet, then settled from the click. */
async function clickAndSettle(p: PhaseSteps, choice: 'accept' | 'reject'): Promise<ObservedBanner> {
  let banner = await p.watcher.detect(detectTimeout(p.s));
  p.lap('detect');
  let settleStart = p.loadedAt;
  if (banner.detected) {
    await p.quiet();
    p.lap('quiet-before-click');
    const clickStartedAt = new Date().toISOString();
    const { clicked, worked, steps, togglesOff } = await p.watcher.click(choice);
    banner = {
      ...banner, clicked: clicked ? choice : null, clickWorked: clicked ? worked : null,
      ...(clicked ? { clickStartedAt, clickEndedAt: new Date().toISOString() } : {}),
      ...(clicked && choice === 'reject' && steps ? { refusalSteps: steps } : {}),
      ...(clicked && choice === 'reject' && togglesOff !== undefined ? { refusalToggles: togglesOff } : {}),
    };
    p.lap('click');
    settleStart = Date.now();
  }
  await p.settleFrom(settleStart);
  return banner;
}

/** The phase's state once settled: the cookies (the writes seen, merged with the jar), the requests of interest, the banner, the TC string. */
async function readState(context: BrowserContext, capture: PhaseCapture, watcher: BannerWatcher, banner: ObservedBanner, finalUrl: string, s: PhaseSettings): Promise<{ observations: PhaseObservations; blocked: BlockedCookie[] }> {
  const now = new Date();
  const jar = (await context.cookies()) as JarCookie[];
  const { writes, blocked } = capture.headerWrites();
  const scriptWrites = [...capture.scriptWrites];
  const cookies = mergeCookies([...writes, ...scriptWrites], jar, { siteUrl: finalUrl, includeValues: s.includeValues, now });
  const attempts = cookieAttempts(scriptWrites, { siteUrl: finalUrl });
  const { truncated, dropped } = capture.truncation({ cookieAttempts: attempts.dropped, autoconsentMessages: watcher.dropped() });
  const observations: PhaseObservations = { cookies, requests: [...capture.requests], banner: banner ?? noBanner(), cookieAttempts: attempts.attempts };
  if (truncated) Object.assign(observations, { truncated, dropped });
  const consentString = consentStringOf(jar, finalUrl);
  if (consentString) observations.consentString = consentString;
  return { observations, blocked };
}

/** Loads the first candidate that connects (https, then http for a bare domain). */
async function navigate(page: Page, candidates: readonly string[], timeout: number): Promise<{ url: string; response: HTTPResponse | null }> {
  let lastError: unknown = null;
  for (const [i, url] of candidates.entries()) {
    try {
      const response = await page.goto(url, { waitUntil: 'load', timeout });
      // Under load Puppeteer can resolve the navigation, its response in hand, before it has heard the
      // main frame commit: page.url() is still the last attempt's error page (the https try of a bare
      // domain). Wait for the frame; only a page that stays on the error page is a connection failure.
      const leftErrorPage = () => page.waitForFrame((f) => f === page.mainFrame() && !f.url().startsWith('chrome-error://'), { timeout: Math.min(timeout, 10_000) }).then(() => true, () => false);
      if (page.url().startsWith('chrome-error://') && !(response && await leftErrorPage())) {
        throw new Error(`net::ERR_CONNECTION_FAILED at ${url} (the browser showed its error page)`);
      }
      return { url, response };
    } catch (error) {
      lastError = error;
      const more = i < candidates.length - 1;
      if (!(more && httpsUnreachable(error))) break;
    }
  }
  throw lastError;
}
