/**
 * The content script, in every frame, injected by the background once the frame has loaded
 * (webNavigation.onCompleted; or 10 s after DOMContentLoaded when the load never comes) so it
 * never delays the page's own loading: thin by design. It relays
 * the page-world hook's `document.cookie` writes (kept by page-hook.ts from document_start), runs
 * autoconsent (detect only) and the project's banner heuristic, judges the person's clicks (those
 * before it arrived too, noted by the hook) on the banner's accept or reject control and posts
 * typed messages; it keeps no audit state.
 */
import AutoConsentImport, { type BackgroundMessage, type ContentScriptMessage } from '@duckduckgo/autoconsent';
import { bannerGone, classifyClick, compileWording, detectBanner, savesRefusal, type HeuristicBanner } from '../../banner/heuristic.ts';
import wordingJson from '../../knowledge/banner-wording.json' with { type: 'json' };
import { CAPS } from '../../src/caps.ts';
import { keptUrl } from '../../src/capped.ts';
import type { BannerSighting, ContentMessage } from '../message-types.ts';
import { clickEpoch, clickEventOf, CONNECT_EVENT, cookieEventOf, droppedEventOf, newSecret, parseDetail } from './page-event.ts';
import { sendToBackground } from './runtime.ts';

/**
 * A click of the person's: its composed path (elements only, innermost first), its time (the phase
 * boundary) and whether the page-world hook caught it before this script arrived.
 */
interface CaughtClick { path: Element[]; time: string; early: boolean }

/** Injected once per document: a second injection (a repeated onCompleted) does nothing. */
const STARTED = '__cookieAuditContent';
const world = globalThis as unknown as Record<string, boolean | undefined>;
if (!world[STARTED]) {
  world[STARTED] = true;
  start();
}

/** Banner detection and click judging for this frame. */
function start(): void {
  const wording = compileWording(wordingJson);
  /** When the heuristic looks again for a late banner, in ms after load; it stops once one is found. */
  const HEURISTIC_SCHEDULE_MS = [300, 1200, 2500, 5000, 9000];
  /** When after a click the banner is first checked: gone by then, the click worked. */
  const CLICK_CHECK_MS = 1500;
  /**
   * Until when a banner still there is looked at again: one that goes later (a busy machine, a slow
   * consent manager) turns the answer to "worked", so the verdict does not hang on the machine's pace.
   */
  const CLICK_LATE_MS = 10_000;
  const CLICK_RECHECK_EVERY_MS = 500;

  /** How often the writes not relayed (past CAPS.extension.relayedWrites: a page writing in a loop) are reported. */
  const DROPPED_REPORT_MS = 2000;
  /** When this script arrived: a click the hook reports from before then is one this script could not see. */
  const arrivedAt = Date.now();
  /** The secret of this frame's channel with the page-world hook (page-event.ts): the page never sees it. */
  const secret = newSecret();

  function send(message: ContentMessage): Promise<unknown> {
    return sendToBackground(message);
  }

  // --- Cookie writes, from the page-world hook: those kept since document_start, then each as it happens.
  let relayed = 0;
  let dropped = 0;
  let droppedTimer: ReturnType<typeof setTimeout> | null = null;
  const noteDropped = (count: number): void => {
    dropped += count;
    droppedTimer ??= setTimeout(() => {
      droppedTimer = null;
      void send({ type: 'script-cookies-dropped', count: dropped });
      dropped = 0;
    }, DROPPED_REPORT_MS);
  };
  window.addEventListener(droppedEventOf(secret), (event) => {
    event.stopImmediatePropagation();
    const count = Number((event as CustomEvent).detail);
    if (Number.isInteger(count) && count > 0) noteDropped(count);
  }, true);
  window.addEventListener(cookieEventOf(secret), (event) => {
    event.stopImmediatePropagation();
    const d = parseDetail((event as CustomEvent).detail);
    if (!d) return;
    if (relayed >= CAPS.extension.relayedWrites) {
      noteDropped(1);
      return;
    }
    relayed++;
    const time = d.kept ? new Date(clickEpoch() + d.ms).toISOString() : null;
    // Cut as the crawler's hook cuts them (src/caps.ts): the background refuses longer ones.
    void send({ type: 'script-cookie', cookie: d.cookie.slice(0, CAPS.cookieChars), time, setterUrl: d.setterUrl === null ? null : keptUrl(d.setterUrl) });
  }, true);

  // --- Banner detection.
  let heuristic: HeuristicBanner | null = null;
  let popupCmp: string | null = null;
  let lastSent = '';

  /** The heuristic's measured controls, implied consent and page covering, for rules reject-option and consent-banner. */
  function measured(h: HeuristicBanner | null): Pick<BannerSighting, 'controls' | 'impliedConsent' | 'blocksPage' | 'selector'> {
    return h ? { controls: h.controls, impliedConsent: h.impliedConsent, blocksPage: h.blocksPage, ...(h.selector ? { selector: h.selector.slice(0, 2000) } : {}) } : {};
  }

  function report(): void {
    const h = heuristic?.found ? heuristic : null;
    if (!h && !popupCmp) return;
    const sighting: BannerSighting = popupCmp
      ? {
          method: 'autoconsent', cmp: popupCmp, text: h?.text ?? null,
          // An autoconsent rule knows how to opt in and out of its consent manager.
          acceptFound: h?.acceptFound ?? true, rejectFound: h?.rejectFound ?? true, rejectOnFirstLayer: h?.rejectOnFirstLayer ?? false,
          ...measured(h),
        }
      : { method: 'heuristic', cmp: null, text: h!.text, acceptFound: h!.acceptFound, rejectFound: h!.rejectFound, rejectOnFirstLayer: h!.rejectOnFirstLayer, ...measured(h) };
    const key = JSON.stringify(sighting);
    if (key === lastSent) return;
    lastSent = key;
    void send({ type: 'banner-seen', sighting });
  }

  function runHeuristic(): void {
    if (heuristic?.found || !document.body) return;
    try {
      heuristic = detectBanner(document, wording);
    } catch {
      heuristic = null;
    }
    report();
  }

  function scheduleHeuristic(): void {
    const idle = (cb: () => void): void => {
      if ('requestIdleCallback' in window) window.requestIdleCallback(cb, { timeout: 1000 });
      else setTimeout(cb, 0);
    };
    for (const ms of HEURISTIC_SCHEDULE_MS) setTimeout(() => idle(runHeuristic), ms);
  }

  // Injected after the frame's load (or when its load is long overdue): start at once.
  scheduleHeuristic();

  // --- Autoconsent, detect only: the background answers `init` (rules, config) and `eval`.
  interface AutoConsentLike {
    receiveMessageCallback(message: BackgroundMessage): Promise<void>;
  }
  // The package's typings describe a CommonJS default export; esbuild hands us the class itself.
  const AutoConsent = AutoConsentImport as unknown as new (send: (m: ContentScriptMessage) => Promise<void>) => AutoConsentLike;
  let autoconsent: AutoConsentLike;
  const startAutoconsent = (): void => { autoconsent = new AutoConsent(async (message: ContentScriptMessage) => {
    if (message.type === 'popupFound') {
      popupCmp = message.cmp;
      runHeuristic();
      report();
      return;
    }
    // State reports and the rest are for autoconsent's own UI: nothing to relay.
    if (message.type !== 'init' && message.type !== 'eval') return;
    const reply = await send({ type: 'autoconsent', message });
    if (reply && typeof reply === 'object' && 'type' in reply) await autoconsent.receiveMessageCallback(reply as BackgroundMessage);
  }); };
  // Detect-only needs no pre-hiding, so it can wait for the load event: the page loads at full speed.
  setTimeout(startAutoconsent, 0);

  // --- The person's click on accept or reject.
  const CLICKABLE = 'button, a, [role="button"], input[type="button"], input[type="submit"]';

  /** Gone from view: removed, or no longer rendered (display, visibility, opacity). */
  function hidden(el: Element): boolean {
    if (!el.isConnected) return true;
    const e = el as Element & { checkVisibility?: (o: object) => boolean };
    if (typeof e.checkVisibility === 'function') return !e.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    const r = el.getBoundingClientRect();
    return r.width === 0 && r.height === 0;
  }

  /** The person opened the banner's second layer ("Personnaliser"): a refusal after it took two steps. */
  let openedSettings = false;

  function onClick({ path, time, early }: CaughtClick): void {
    // Read before the page's handlers run: saving a second layer with every toggle switched off is a refusal.
    const kind = savesRefusal(path[0] ?? null, wording) ? 'reject' : classifyClick(path[0] ?? null, wording);
    if (kind === 'settings') openedSettings = true;
    if (kind !== 'accept' && kind !== 'reject') return;
    void send({ type: 'banner-click', choice: kind, time, early, ...(kind === 'reject' ? { steps: openedSettings ? 2 : 1 } : {}) });
    openedSettings = false;
    // When the page's own handlers of a live click have run: what the consent manager's script wrote in
    // between was written at the click (src/consent-record.ts). An early click's end is unknown.
    let endedAt: string | undefined;
    if (!early) setTimeout(() => { endedAt = new Date().toISOString(); }, 0);
    const control = path.find((el) => el.matches(CLICKABLE)) ?? null;
    const selector = heuristic?.selector ?? null;
    // A click caught before this script arrived is checked as long after the click as any other.
    const wait = Math.max(0, CLICK_CHECK_MS - (Date.now() - Date.parse(time)));
    // "Not yet" may be followed by "worked" (the background keeps the latter), never the reverse.
    let answered: boolean | null = null;
    const answer = (worked: boolean): void => {
      if (answered === true || answered === worked) return;
      answered = worked;
      void send({ type: 'banner-click-result', worked, ...(endedAt !== undefined ? { endedAt } : {}) });
    };
    // A hosted consent manager's page removes its iframe once the choice is made: the banner went with it.
    if (window !== window.top) window.addEventListener('pagehide', () => answer(true), { once: true });
    const lateBy = Date.now() + (CLICK_LATE_MS - CLICK_CHECK_MS) + wait;
    const check = (): void => {
      if (answered === true) return;
      // The click worked when the control the person pressed is gone and no consent banner remains.
      answer((control === null || hidden(control)) && bannerGone(document, wording, selector));
      if (answered === false && Date.now() < lateBy) setTimeout(check, CLICK_RECHECK_EVERY_MS);
    };
    setTimeout(check, wait);
  }

  const elementsOf = (event: Event): Element[] => event.composedPath().filter((n): n is Element => n instanceof Element);
  // Capture phase on window: before the page's own handlers.
  window.addEventListener('click', (event) => {
    if (event.isTrusted) onClick({ path: elementsOf(event), time: new Date().toISOString(), early: false });
  }, true);
  /** A detached element and its ancestors, out through shadow roots: the path its click had. */
  const ancestorsOf = (el: Element): Element[] => {
    const path: Element[] = [];
    for (let up: Element | null = el; up; up = up.parentElement ?? ((up.getRootNode() as ShadowRoot).host ?? null)) path.push(up);
    return path;
  };
  /**
   * A click the hook caught before this script arrived is only a hint from the page's world: it
   * counts when it came before this script (else this script saw it, or it was never the person's)
   * and the frame has had a real user activation, which only the person's input gives and no page
   * script can fake (`navigator.userActivation`, read here in the isolated world).
   */
  window.addEventListener(clickEventOf(secret), (event) => {
    event.stopImmediatePropagation();
    if (!(event instanceof MouseEvent) || !Number.isInteger(event.detail) || event.detail < 0) return;
    const at = clickEpoch() + event.detail;
    const activation = (navigator as Navigator & { userActivation?: { hasBeenActive: boolean } }).userActivation;
    if (at > arrivedAt || activation?.hasBeenActive !== true) return;
    const path = event.relatedTarget instanceof Element ? ancestorsOf(event.relatedTarget) : elementsOf(event);
    onClick({ path, time: new Date(at).toISOString(), early: true });
  }, true);

  // Every listener is in place: the hook hands over what it kept (a frame it could not run in has
  // none). On `window`, where the hook's listener is the first and stops it: no page listener sees the secret.
  window.dispatchEvent(new CustomEvent(CONNECT_EVENT, { detail: secret }));
}
