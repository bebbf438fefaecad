/**
 * What the extension knows of one tab's visit, as plain JSON (so it survives a service-worker
 * restart through storage.session), and the pure transitions the background applies to it.
 *
 * @example
 *   let tab = startVisit('https://a.test/', new Date().toISOString());
 *   tab = recordCookie(tab, cookie);
 *   tab = recordClick(tab, 'accept', new Date().toISOString());   // phase: initial → accepted
 *   const obs = toObservations(tab, partyOf);
 */
import type { ObservedBanner, ObservedConsentString, ObservedCookie, ObservedRequest, Party, Phase, SiteObservations } from '../../src/model.ts';
import { noBanner } from '../../src/model.ts';
import type { BannerSighting } from '../message-types.ts';
import { CAPS } from '../../src/caps.ts';
import { jarKey } from '../../src/cookie-key.ts';
import type browser from 'webextension-polyfill';
import { jarRecord, parseCookieString, writeRecord, type CookieRecord, type WriteContext } from '../../src/cookie-parse.ts';
import { consentStringOf, MAX_TC_STRING_LENGTH, TC_STRING_COOKIES, type JarTcCookie } from '../../src/tcf.ts';

export type { CookieRecord } from '../../src/cookie-parse.ts';

/** A TC-string cookie (`euconsent-v2`) in the jar, with its value: the phase's consent string is read from these. */
export interface ConsentCookie extends JarTcCookie { path: string; setAt: string }

/** A banner sighting in one frame. */
export interface FrameSighting extends BannerSighting { frameUrl: string; isTop: boolean }

/** The per-tab collections that are capped, and so may have dropped some of what the site did. */
export type DropKind = 'requests' | 'cookies' | 'scriptWrites' | 'frames' | 'sightings';

export interface PhaseRecord {
  /** When the phase began: cookies set earlier were carried over from the previous phase. */
  startedAt: string;
  cookies: CookieRecord[];
  requests: ObservedRequest[];
  sightings: FrameSighting[];
  clicked: 'accept' | 'reject' | null;
  clickWorked: boolean | null;
  /** Clicks the refusal took: 2 when the person opened the banner's second layer first. */
  refusalSteps?: number;
  /** When the page's own handlers of the click had run (the click itself is `startedAt`); absent: not known. */
  clickEndedAt?: string;
  /** The TC-string cookies in the jar during the phase (absent: none seen). */
  consentCookies?: ConsentCookie[];
  /** What a cap kept out of this phase, by collection (absent when nothing was dropped). */
  dropped?: Partial<Record<DropKind, number>>;
}

export interface TabRecord {
  url: string;
  finalUrl: string;
  httpStatus: number | null;
  startedAt: string;
  /** The phase now being recorded. */
  phase: Phase;
  phases: Partial<Record<Phase, PhaseRecord>>;
}

function emptyPhase(startedAt: string): PhaseRecord {
  return { startedAt, cookies: [], requests: [], sightings: [], clicked: null, clickWorked: null };
}

/** A fresh record at the first request of a visit. */
export function startVisit(url: string, now: string): TabRecord {
  return { url, finalUrl: url, httpStatus: null, startedAt: now, phase: 'initial', phases: { initial: emptyPhase(now) } };
}

function current(tab: TabRecord): PhaseRecord {
  return tab.phases[tab.phase] ?? emptyPhase(tab.startedAt);
}

function withCurrent(tab: TabRecord, phase: PhaseRecord): TabRecord {
  return { ...tab, phases: { ...tab.phases, [tab.phase]: phase } };
}

/** Counts `count` items of `kind` a cap kept out of the current phase. */
export function noteDropped(tab: TabRecord, kind: DropKind, count = 1): TabRecord {
  if (count <= 0) return tab;
  const phase = current(tab);
  return withCurrent(tab, { ...phase, dropped: { ...phase.dropped, [kind]: (phase.dropped?.[kind] ?? 0) + count } });
}

/** How far back a time reported from inside a frame may go at most, whatever the frame's start. */
export const MAX_REPORTED_AGE_MS = 60_000;

/**
 * A time reported from inside a frame (a click, a cookie write the hook kept before the content
 * script arrived), bounded: never after the background received it, never before the frame's
 * document was committed (or, when that is unknown, the visit started), never more than a minute back.
 */
export function boundedTime(reported: string, receivedMs: number, frameStartMs: number | null, visitStart: string): string {
  const at = Date.parse(reported);
  const floor = Math.max(receivedMs - MAX_REPORTED_AGE_MS, frameStartMs ?? Date.parse(visitStart));
  const t = Number.isFinite(at) ? Math.min(Math.max(at, floor), receivedMs) : receivedMs;
  return new Date(t).toISOString();
}


/**
 * Adds or updates a cookie in the current phase. A later write replaces the declared attributes
 * (its lifetime is the one that counts) but keeps what only an earlier source knew.
 */
export function recordCookie(tab: TabRecord, cookie: CookieRecord): TabRecord {
  const late = tab.phase !== 'initial' && tab.phases.initial && cookie.setAt < current(tab).startedAt && cookie.setAt >= tab.phases.initial.startedAt;
  // Learnt after the click but set before it (a slow message): it was there before the choice too.
  if (late) tab = { ...upsertCookie({ ...tab, phase: 'initial' }, cookie, tab.phases.initial!), phase: tab.phase };
  return upsertCookie(tab, cookie, current(tab));
}

function upsertCookie(tab: TabRecord, cookie: CookieRecord, phase: PhaseRecord): TabRecord {
  const key = jarKey(cookie);
  const at = phase.cookies.findIndex((c) => jarKey(c) === key);
  if (at < 0) {
    if (phase.cookies.length >= CAPS.extension.cookies) return noteDropped(tab, 'cookies');
    return withCurrent(tab, { ...phase, cookies: [...phase.cookies, cookie] });
  }
  const old = phase.cookies[at]!;
  const merged: CookieRecord = cookie.source === 'jar'
    // The jar only knows the stored expiry and flags; keep the setter's declared values.
    ? { ...old, storedExpires: cookie.storedExpires ?? old.storedExpires, secure: cookie.secure, httpOnly: cookie.httpOnly, sameSite: cookie.sameSite ?? old.sameSite }
    : { ...cookie, storedExpires: cookie.storedExpires ?? old.storedExpires, setterUrl: cookie.setterUrl ?? old.setterUrl, frameUrl: cookie.frameUrl ?? old.frameUrl };
  const cookies = [...phase.cookies];
  cookies[at] = merged;
  return withCurrent(tab, { ...phase, cookies });
}

/** A TC-string cookie the jar now holds (cookies.onChanged): its value is the phase's consent string. */
export function recordConsentCookie(tab: TabRecord, cookie: ConsentCookie): TabRecord {
  if (!TC_STRING_COOKIES.includes(cookie.name) || cookie.value.length > MAX_TC_STRING_LENGTH) return tab;
  const phase = current(tab);
  const key = jarKey(cookie);
  const others = (phase.consentCookies ?? []).filter((c) => jarKey(c) !== key);
  if (others.length >= CAPS.extension.consentCookies) return noteDropped(tab, 'cookies');
  return withCurrent(tab, { ...phase, consentCookies: [...others, cookie] });
}

/**
 * A Set-Cookie line or a `document.cookie` string written for `url`: recorded as the cookie it sets
 * (values are never kept). A removal is left to the cookie jar (cookies.onChanged): the browser may
 * not have applied it, and a page can claim any write.
 */
export function recordWrite(tab: TabRecord, raw: string, url: string, w: WriteContext): TabRecord {
  const parsed = parseCookieString(raw, url, w.time, w.origin);
  if (!parsed || parsed.deletes) return tab;
  return recordCookie(tab, writeRecord(parsed, w, { value: false, storedExpires: null }));
}

/** A cookie as cookies.onChanged shows it: the jar's side only (the setter's words are unknown here). */
export function jarCookieRecord(c: browser.Cookies.Cookie, now: Date): CookieRecord {
  const storedExpires = c.session || c.expirationDate === undefined ? null : new Date(c.expirationDate * 1000).toISOString();
  return jarRecord({ ...c, value: null, storedExpires }, now);
}

/**
 * The browser deleted a cookie (expired, or removed by the site): only the cookie jar says so
 * (cookies.onChanged), never a page's report of a write, which the page can forge. A cookie carried
 * over from an earlier phase is no longer present in this one; one set during this phase was
 * deposited all the same.
 */
export function forgetCookie(tab: TabRecord, key: Pick<ObservedCookie, 'name' | 'domain' | 'path'>): TabRecord {
  const phase = current(tab);
  const k = jarKey(key);
  const cookies = phase.cookies.filter((c) => jarKey(c) !== k || c.setAt >= phase.startedAt);
  // The consent string is read at the phase's end: a TC string the jar no longer holds is not it.
  const consentCookies = phase.consentCookies?.filter((c) => jarKey(c) !== k);
  if (cookies.length === phase.cookies.length && consentCookies?.length === phase.consentCookies?.length) return tab;
  return withCurrent(tab, { ...phase, cookies, ...(consentCookies ? { consentCookies } : {}) });
}

/** Adds a request of interest to the current phase. */
export function recordRequest(tab: TabRecord, request: ObservedRequest): TabRecord {
  const phase = current(tab);
  if (phase.requests.length >= CAPS.extension.requests) return noteDropped(tab, 'requests');
  return withCurrent(tab, { ...phase, requests: [...phase.requests, request] });
}

/** Records what a frame's banner detector saw; autoconsent's name wins over the heuristic's guess. */
export function recordSighting(tab: TabRecord, sighting: FrameSighting): TabRecord {
  const phase = current(tab);
  const at = phase.sightings.findIndex((s) => s.frameUrl === sighting.frameUrl);
  const sightings = [...phase.sightings];
  if (at < 0) {
    if (sightings.length >= CAPS.extension.sightings) return noteDropped(tab, 'sightings');
    sightings.push({ ...sighting, text: capText(sighting.text) });
  } else {
    const old = sightings[at]!;
    const lead = sighting.method === 'autoconsent' || old.method !== 'autoconsent' ? sighting : old;
    sightings[at] = {
      ...lead,
      text: capText(old.text ?? sighting.text),
      acceptFound: old.acceptFound || sighting.acceptFound,
      rejectFound: old.rejectFound || sighting.rejectFound,
      rejectOnFirstLayer: old.rejectOnFirstLayer || sighting.rejectOnFirstLayer,
    };
  }
  return withCurrent(tab, { ...phase, sightings });
}

function capText(text: string | null): string | null {
  if (text === null) return null;
  const t = text.trim();
  return t === '' ? null : t.slice(0, CAPS.bannerTextChars);
}

/**
 * The person clicked accept or reject at `at`: a new phase starts then, with the cookies still in
 * the jar and the banner as seen so far. Events the background learnt of before the click message
 * but that happened after the click (the jar often reports the page's reaction first) move to the
 * new phase. A refusal records its `steps` (2: through the banner's second layer). Clicking the same
 * choice again changes nothing.
 */
export function recordClick(tab: TabRecord, choice: 'accept' | 'reject', at: string, steps: 1 | 2 = 1): TabRecord {
  const next: Phase = choice === 'accept' ? 'accepted' : 'refused';
  if (tab.phase === next) return tab;
  const from = current(tab);
  const before = (t: string): boolean => t < at;
  const earlier: PhaseRecord = {
    ...from,
    cookies: from.cookies.filter((c) => before(c.setAt) || c.setAt < from.startedAt),
    requests: from.requests.filter((r) => before(r.time)),
    ...(from.consentCookies ? { consentCookies: from.consentCookies.filter((c) => before(c.setAt)) } : {}),
  };
  const phase: PhaseRecord = {
    ...emptyPhase(at),
    cookies: from.cookies,
    requests: from.requests.filter((r) => !before(r.time)),
    sightings: from.sightings,
    clicked: choice,
    ...(choice === 'reject' ? { refusalSteps: steps } : {}),
    ...(from.consentCookies ? { consentCookies: from.consentCookies } : {}),
  };
  return { ...tab, phase: next, phases: { ...tab.phases, [tab.phase]: earlier, [next]: phase } };
}

/**
 * Whether the click of the current phase made the banner go away, and when the page's handlers of the
 * click had run (`endedAt`, a live click's; never before the click).
 */
export function recordClickResult(tab: TabRecord, worked: boolean, endedAt?: string): TabRecord {
  const phase = current(tab);
  if (phase.clicked === null || phase.clickWorked === true) return tab;
  const ended = endedAt === undefined ? {} : { clickEndedAt: endedAt < phase.startedAt ? phase.startedAt : endedAt };
  return withCurrent(tab, { ...phase, clickWorked: worked, ...ended });
}

/** The banner record of a phase: autoconsent's sighting first, then the top frame's, then any. */
export function bannerOf(phase: PhaseRecord): ObservedBanner {
  const pick = phase.sightings.find((s) => s.method === 'autoconsent')
    ?? phase.sightings.find((s) => s.isTop)
    ?? phase.sightings[0];
  const banner = noBanner();
  if (pick) {
    Object.assign(banner, {
      detected: true, cmp: pick.cmp, method: pick.method, frameUrl: pick.frameUrl, text: pick.text,
      acceptFound: pick.acceptFound, rejectFound: pick.rejectFound, rejectOnFirstLayer: pick.rejectOnFirstLayer,
      ...(pick.controls ? { controls: pick.controls } : {}),
      ...(pick.impliedConsent !== undefined ? { impliedConsent: pick.impliedConsent } : {}),
      ...(pick.blocksPage !== undefined ? { blocksPage: pick.blocksPage } : {}),
      ...(pick.selector !== undefined ? { selector: pick.selector } : {}),
    });
  }
  banner.clicked = phase.clicked;
  banner.clickWorked = phase.clicked === null ? null : phase.clickWorked ?? false;
  if (phase.clicked === 'reject' && phase.refusalSteps !== undefined) banner.refusalSteps = phase.refusalSteps;
  // The click's span, for a consent record recognised by provenance (src/consent-record.ts).
  if (phase.clicked !== null && phase.clickEndedAt !== undefined) Object.assign(banner, { clickStartedAt: phase.startedAt, clickEndedAt: phase.clickEndedAt });
  return banner;
}

function withConsentString(phase: PhaseRecord, finalUrl: string): { consentString?: ObservedConsentString } {
  const consentString = consentStringOf(phase.consentCookies ?? [], finalUrl);
  return consentString ? { consentString } : {};
}

/** The visit as the engine's input, with each cookie's party judged against the final URL. */
export function toObservations(tab: TabRecord, partyOf: (cookieDomain: string, siteUrl: string) => Party): SiteObservations {
  const phases: SiteObservations['phases'] = {};
  for (const [name, phase] of Object.entries(tab.phases) as Array<[Phase, PhaseRecord]>) {
    phases[name] = {
      cookies: phase.cookies.map((c) => ({ ...c, party: partyOf(c.domain, tab.finalUrl) })),
      requests: phase.requests,
      banner: bannerOf(phase),
      ...withConsentString(phase, tab.finalUrl),
      // A cap cut a collection (src/model.ts): the record holds the first entries and says how many it left out.
      ...(phase.dropped && Object.keys(phase.dropped).length > 0 ? { truncated: true, dropped: { ...phase.dropped } } : {}),
    };
  }
  return { url: tab.url, finalUrl: tab.finalUrl, httpStatus: tab.httpStatus, collector: 'extension', startedAt: tab.startedAt, phases };
}

