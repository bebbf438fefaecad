/**
 * The banner facade the crawler calls: autoconsent (preferred, names the CMP) plus our heuristic,
 * in every frame, for detection, a screenshot before interaction, and clicking accept or reject.
 *
 * @example
 *   const banner = await attachBannerWatcher(page);          // before page.goto
 *   await page.goto(url);
 *   const seen = await banner.detect(5000);                  // ObservedBanner
 *   if (seen.detected) await banner.screenshot(join(dir, 'banner.png'));
 *   const { clicked, worked } = await banner.click('reject');
 *   banner.dispose();
 */
import type { Frame, JSHandle, Page } from 'puppeteer-core';
import { BANNER_WORDING } from '../../knowledge/index.ts';
import { noBanner, type ObservedBanner } from '../../src/model.ts';
import { AutoconsentDriver } from './autoconsent.ts';
import { heuristicCall } from './bundle.ts';
import type { HeuristicBanner, HeuristicClick, HeuristicToggleRefusal } from '../../banner/heuristic.ts';
import type { BannerWording } from '../../banner/wording.ts';

export type { BannerWording } from '../../banner/wording.ts';

export interface BannerWatcherOptions {
  /** Banner wording; defaults to knowledge/banner-wording.json. */
  wording?: BannerWording;
  /** How long an opt-in/opt-out by autoconsent may take, ms (default 10000). */
  actTimeoutMs?: number;
  /** How long to wait for the banner to go after a heuristic click, ms (default 3000). */
  goneTimeoutMs?: number;
}

export interface BannerWatcher {
  /** Waits up to `timeoutMs` for a banner in any frame; returns at once when autoconsent finds one. */
  detect(timeoutMs: number): Promise<ObservedBanner>;
  /**
   * Accepts or rejects: autoconsent opt-in/opt-out first, else the heuristic's button by its text. A refusal the
   * first layer lacks is sought in the settings layer: its "Tout refuser", else every purpose toggle switched off
   * and the choices saved.
   */
  click(choice: 'accept' | 'reject'): Promise<ClickResult>;
  /** Saves a PNG of the detected banner (the viewport when it is in an iframe or cannot be clipped); false when no banner. */
  screenshot(path: string): Promise<boolean>;
  /** Consent-manager messages left out by the caps (src/caps.ts). */
  dropped(): number;
  dispose(): void;
}

// Once the heuristic sees a banner and autoconsent has detected no CMP at all, how long autoconsent
// still gets to name it before we settle for the heuristic.
const HEURISTIC_GRACE_MS = 1000;
const POLL_MS = 250;
// Autoconsent checks a detected CMP's popup for about 5 s (10 × 500 ms); past that it will not report one.
const POPUP_WAIT_MS = 6000;
// Frames smaller than this are tracking pixels, not banners.
const MIN_FRAME_SIDE = 20;

/** What a click did. */
export interface ClickResult {
  clicked: boolean;
  worked: boolean | null;
  /** Steps it took: 2 when the refusal was only reachable through a second layer ("Personnaliser"…). */
  steps?: number;
  /** Purpose toggles switched off before saving, when the refusal was made that way. */
  togglesOff?: number;
}

interface Seen { frame: Frame; heuristic: HeuristicBanner | null; method: 'autoconsent' | 'heuristic'; cmp: string | null }

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Evaluates in the frame's isolated world (Puppeteer's utility world): the page can neither see our
 * code nor patch the DOM APIs it reads, and a click there still dispatches real DOM events.
 */
function inIsolatedWorld(frame: Frame, expression: string): Promise<unknown> {
  return isolatedRealm(frame).evaluate(expression);
}

/** Puppeteer's isolated realm of a frame (public in the runtime, left out of the type definitions). */
interface IsolatedRealm {
  evaluate(expression: string): Promise<unknown>;
  evaluateHandle(fn: (selector: string) => Element | null, selector: string): Promise<JSHandle<Element | null>>;
}
function isolatedRealm(frame: Frame): IsolatedRealm {
  return (frame as unknown as { isolatedRealm(): IsolatedRealm }).isolatedRealm();
}

/** Runs the heuristic in one frame; null when the frame is gone or navigating. */
async function runHeuristic(frame: Frame, wording: BannerWording): Promise<HeuristicBanner | null> {
  if (frame.detached) return null;
  return (await inIsolatedWorld(frame, heuristicCall('detectBanner', wording)).catch(() => null)) as HeuristicBanner | null;
}

/** Whether an iframe is shown big enough to hold a banner (the top frame always is). */
async function frameShown(frame: Frame): Promise<boolean> {
  if (!frame.parentFrame()) return true;
  const el = await frame.frameElement().catch(() => null);
  const box = el ? await el.boundingBox().catch(() => null) : null;
  await el?.dispose().catch(() => {});
  return !!box && box.width >= MIN_FRAME_SIDE && box.height >= MIN_FRAME_SIDE;
}

/** Banners fade or slide in: lets the frame's running animations and transitions finish (1.5 s at most). */
async function settleAnimations(frame: Frame): Promise<void> {
  await inIsolatedWorld(frame, `Promise.race([
    Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null))),
    new Promise((r) => setTimeout(r, 1500)),
  ]).then(() => true)`).catch(() => null);
}

const strength = (h: HeuristicBanner): number => (h.acceptFound ? 2 : 0) + (h.rejectOnFirstLayer ? 2 : 0) + (h.settingsFound ? 1 : 0);

/** The heuristic's best banner over all shown frames, the top frame winning ties. */
async function scanFrames(page: Page, wording: BannerWording): Promise<{ frame: Frame; heuristic: HeuristicBanner } | null> {
  const frames = page.frames().filter((f) => !f.detached);
  const results = await Promise.all(frames.map(async (frame) => {
    const h = await runHeuristic(frame, wording);
    return h?.found && (await frameShown(frame)) ? { frame, heuristic: h } : null;
  }));
  let best: { frame: Frame; heuristic: HeuristicBanner } | null = null;
  for (const r of results) if (r && (!best || strength(r.heuristic) > strength(best.heuristic))) best = r;
  return best;
}

function observed(seen: Seen): ObservedBanner {
  const h = seen.heuristic?.found ? seen.heuristic : null;
  const viaAutoconsent = seen.method === 'autoconsent';
  return {
    ...noBanner(),
    detected: true,
    cmp: seen.cmp,
    method: seen.method,
    frameUrl: seen.frame.url(),
    text: h?.text ?? null,
    // Autoconsent found a CMP it can opt in and out of: both paths exist even when our wording missed the buttons.
    acceptFound: viaAutoconsent || !!h?.acceptFound,
    rejectFound: viaAutoconsent || !!h?.rejectFound,
    rejectOnFirstLayer: !!h?.rejectOnFirstLayer,
    ...(h ? { controls: h.controls, impliedConsent: h.impliedConsent, blocksPage: h.blocksPage, ...(h.selector ? { selector: h.selector } : {}) } : {}),
  };
}

/** Installs the watcher on a page that has not navigated yet. */
export async function attachBannerWatcher(page: Page, options: BannerWatcherOptions = {}): Promise<BannerWatcher> {
  const wording = options.wording ?? BANNER_WORDING;
  const actTimeout = options.actTimeoutMs ?? 10_000;
  const goneTimeout = options.goneTimeoutMs ?? 3_000;
  const ac = await AutoconsentDriver.attach(page);
  let last: Seen | null = null;

  async function fromAutoconsent(): Promise<Seen | null> {
    const popup = ac.popup();
    if (!popup) return null;
    // Autoconsent reports a popup as soon as it is displayed, often while it still fades in (opacity 0
    // hides it from our heuristic): let it settle, then read its text and controls.
    await settleAnimations(popup.frame);
    let heuristic = await runHeuristic(popup.frame, wording);
    for (let i = 0; i < 4 && !heuristic?.found; i++) {
      await sleep(POLL_MS);
      heuristic = await runHeuristic(popup.frame, wording);
    }
    return { frame: popup.frame, heuristic, method: 'autoconsent', cmp: popup.cmp };
  }

  async function detect(timeoutMs: number): Promise<ObservedBanner> {
    const deadline = Date.now() + Math.max(0, timeoutMs);
    let heuristicSince: number | null = null;
    for (;;) {
      const viaAc = await fromAutoconsent();
      if (viaAc) { last = viaAc; return observed(viaAc); }
      const h = await scanFrames(page, wording);
      const now = Date.now();
      if (h) {
        heuristicSince ??= now;
        // A CMP autoconsent detected but whose popup it has not confirmed yet: its name is our best guess.
        const cmp = ac.detectedCmps()[0] ?? null;
        const settle = cmp === null
          ? now - heuristicSince >= HEURISTIC_GRACE_MS
          : now - (ac.firstDetectedAt ?? now) >= POPUP_WAIT_MS;
        if (settle || now >= deadline) {
          last = { frame: h.frame, heuristic: h.heuristic, method: 'heuristic', cmp };
          return observed(last);
        }
      } else {
        heuristicSince = null;
        if (now >= deadline) { last = null; return noBanner(); }
      }
      await ac.waitForPopup(Math.min(POLL_MS, Math.max(0, deadline - now)));
    }
  }

  /** Polls until the clicked banner is gone from its frame (or the frame navigated to a banner-free page). */
  async function waitGone(frame: Frame, selector: string | null): Promise<boolean> {
    const until = Date.now() + goneTimeout;
    for (;;) {
      const gone = frame.detached ? true : await inIsolatedWorld(frame, heuristicCall('bannerGone', wording, selector)).catch(() => null);
      if (gone === true) return true;
      if (Date.now() >= until) return false;
      await sleep(150);
    }
  }

  async function clickHeuristic(frame: Frame, choice: 'accept' | 'reject'): Promise<ClickResult> {
    const call = <T>(expression: string): Promise<T | null> => inIsolatedWorld(frame, expression).catch(() => null) as Promise<T | null>;
    let click = await call<HeuristicClick>(heuristicCall('clickBannerButton', wording, choice));
    if (click?.clicked) return { clicked: true, worked: await waitGone(frame, click.selector), steps: 1 };
    if (choice !== 'reject') return { clicked: false, worked: null };
    // No reject on the first layer: open the settings and look there.
    const settings = await call<HeuristicClick>(heuristicCall('clickBannerButton', wording, 'settings'));
    if (!settings?.clicked) return { clicked: false, worked: null };
    await sleep(600);
    click = await call<HeuristicClick>(heuristicCall('clickBannerButton', wording, 'reject'));
    if (click?.clicked) return { clicked: true, worked: await waitGone(frame, settings.selector), steps: 2 };
    // No "Tout refuser" there either: switch every purpose off and save ("Enregistrer mes choix").
    const saved = await call<HeuristicToggleRefusal>(heuristicCall('refuseWithToggles', wording));
    if (!saved?.clicked) return { clicked: false, worked: null };
    return { clicked: true, worked: await waitGone(frame, settings.selector), steps: 2, togglesOff: saved.switchedOff };
  }

  async function click(choice: 'accept' | 'reject'): Promise<ClickResult> {
    if (!last) await detect(0);
    const seen = last;
    if (!seen) return { clicked: false, worked: null };
    // A first layer with settings but no refusal: our wording reaches the second layer's "Tout refuser" or toggles,
    // where an autoconsent rule may look for a button that is not there and wait out its timeout first.
    if (choice === 'reject' && seen.heuristic?.found && !seen.heuristic.rejectOnFirstLayer && seen.heuristic.settingsFound && !seen.frame.detached) {
      const res = await clickHeuristic(seen.frame, choice);
      if (res.clicked) return res;
    }
    if (ac.popup()) {
      const res = await ac.act(choice === 'accept' ? 'optIn' : 'optOut', actTimeout);
      if (res?.result) {
        // Success is autoconsent's word; still let the banner finish closing so the caller reads a settled page.
        const popupFrame = ac.popup()?.frame ?? seen.frame;
        await waitGone(popupFrame, popupFrame === seen.frame && seen.heuristic?.found ? seen.heuristic.selector : null);
        // Autoconsent opens the settings itself when the first layer has no refusal: two steps then.
        return { clicked: true, worked: true, steps: choice === 'reject' && !seen.heuristic?.rejectOnFirstLayer ? 2 : 1 };
      }
    }
    const frames = seen.frame.detached ? page.frames() : [seen.frame, ...page.frames().filter((f) => f !== seen.frame)];
    for (const frame of frames) {
      if (frame.detached) continue;
      const res = await clickHeuristic(frame, choice);
      if (res.clicked) return res;
    }
    return { clicked: false, worked: null };
  }

  async function screenshot(path: string): Promise<boolean> {
    const seen = last;
    if (!seen || seen.frame.detached) return false;
    await settleAnimations(seen.frame);
    const selector = seen.heuristic?.found ? seen.heuristic.selector : null;
    if (selector && !seen.frame.parentFrame()) {
      // ` >>> ` steps into an open shadow root (the heuristic's selector of a web component's banner).
      const found = await isolatedRealm(seen.frame).evaluateHandle((sel: string) => {
        let root: ParentNode | null = document;
        let el: Element | null = null;
        for (const part of sel.split(' >>> ')) { el = root?.querySelector(part) ?? null; root = el?.shadowRoot ?? null; }
        return el;
      }, selector).catch(() => null);
      const handle = found?.asElement() ?? null;
      if (found && !handle) await found.dispose().catch(() => {});
      if (handle) {
        try {
          await handle.screenshot({ path: path as `${string}.png` });
          return true;
        } catch {
          // Zero-sized or detached meanwhile: fall back to the viewport.
        } finally {
          await handle.dispose().catch(() => {});
        }
      }
    }
    return page.screenshot({ path: path as `${string}.png` }).then(() => true, () => false);
  }

  return {
    detect,
    click,
    screenshot,
    dropped: () => ac.dropped,
    dispose: () => ac.dispose(),
  };
}
