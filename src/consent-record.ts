/**
 * A consent manager's own record of the visitor's choice, recognised by provenance whatever the site's
 * configuration names it (Klaro! `cookieName`, vanilla-cookieconsent `cookie.name`…): the cookie the consent
 * manager's script writes when the visitor answers its banner.
 *
 * A first-party cookie is that record when, in the refused phase (and in the accepted phase too, when that
 * was recorded: the extension records each choice in its own visit), it was written by the same external
 * script during the collector's click on the banner (between `clickStartedAt` and `clickEndedAt`), that
 * script is the detected consent manager's own (a file name its product is
 * distributed as, knowledge/cmp-names.json; which product it is comes from the detection, not the page),
 * and on refusal it is the only cookie that script wrote then (on acceptance the consent manager also runs
 * the scripts it held back, which write their own cookies under its name). A tracker cannot pass for it: a
 * cookie known as analytics or marketing (its label), one written by a known tracker's script or by any
 * script not the detected consent manager's, one already held before any choice, one written on one choice
 * only or by the page itself, or one of several the script wrote at the refusal is not it; and when the
 * collector kept values, the accepted and refused values must differ (it holds the choice).
 *
 * @example
 *   const records = consentRecordsOf(obs.phases, { trackerOf, trackingLabel: (name) => false, consentManagerScript });
 *   records.get(namedCookieKey({ name: 'mairie_preferences', domain: 'mairie.fr' })) // { script: 'https://mairie.fr/klaro.js', cmp: 'Klaro!' }
 */
import { namedCookieKey } from './cookie-key.ts';
import type { ObservedCookie, Phase, PhaseObservations } from './model.ts';

/** How a consent record was recognised, for the exemption's reason. */
export interface ConsentRecord {
  /** The script that wrote it (query and fragment left out). */
  script: string;
  /** The consent manager the banner was detected as, whose script it is. */
  cmp: string;
}

export interface ConsentRecordGuards {
  /** The tracker a URL belongs to (knowledge/trackers.json), or null. */
  trackerOf(url: string): string | null;
  /** Whether a cookie name is labelled as tracking (analytics, marketing…) by the Open Cookie Database. */
  trackingLabel(name: string): boolean;
  /** Whether a script is the one of the consent manager the banner was detected as (src/cmp-names.ts). */
  consentManagerScript(cmp: string | null, scriptUrl: string): boolean;
}

// A script write reaches the collector a moment after it happens: the window closes this much after the click ended.
const LATE_REPORT_MS = 1000;

const scriptOf = (url: string): string | null => {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? `${u.origin}${u.pathname}` : null;
  } catch {
    return null;
  }
};

/**
 * In one phase: cookie key → the external script that wrote it during the click (with `alone`, only a cookie that
 * script alone wrote then).
 */
function writtenAtClick(p: PhaseObservations | undefined, choice: 'accept' | 'reject', alone: boolean, guards: ConsentRecordGuards): Map<string, string> {
  const out = new Map<string, string>();
  const b = p?.banner;
  if (!p || !b || b.clicked !== choice || b.clickWorked !== true) return out;
  const from = Date.parse(String(b.clickStartedAt));
  const to = Date.parse(String(b.clickEndedAt)) + LATE_REPORT_MS;
  if (!Number.isFinite(from) || !Number.isFinite(to)) return out;
  const documents = new Set([b.frameUrl, ...(Array.isArray(p.cookies) ? p.cookies.map((c) => c?.frameUrl) : [])]
    .map((u) => (typeof u === 'string' ? scriptOf(u) : null)).filter((u) => u !== null));
  const byScript = new Map<string, string[]>();
  for (const c of Array.isArray(p.cookies) ? p.cookies : []) {
    if (!isCookie(c) || c.source !== 'script' || c.presentAtEnd === false || typeof c.setterUrl !== 'string') continue;
    const at = Date.parse(c.setAt);
    if (!(at >= from && at <= to)) continue;
    const script = scriptOf(c.setterUrl);
    // Written by the page's own inline code: no consent manager's script to tell it by.
    if (!script || documents.has(script)) continue;
    byScript.set(script, [...(byScript.get(script) ?? []), c.party === 'first' ? namedCookieKey(c) : '']);
  }
  for (const [script, keys] of byScript) {
    // Not the detected consent manager's script (a tracker named like one passes for nothing).
    if (!guards.consentManagerScript(b.cmp, script)) continue;
    if (alone && keys.length > 1) continue;
    for (const key of keys) if (key) out.set(key, script);
  }
  return out;
}

function isCookie(c: unknown): c is ObservedCookie {
  return typeof c === 'object' && c !== null && typeof (c as ObservedCookie).name === 'string' && typeof (c as ObservedCookie).domain === 'string'
    && typeof (c as ObservedCookie).setAt === 'string';
}

/** The value of a cookie in a phase, when the collector kept it. */
function valueIn(p: PhaseObservations | undefined, key: string): string | null {
  const c = (Array.isArray(p?.cookies) ? p.cookies : []).find((x) => isCookie(x) && namedCookieKey(x) === key);
  return typeof c?.value === 'string' ? c.value : null;
}

/** The site's consent records by provenance, keyed by `namedCookieKey`. */
export function consentRecordsOf(
  phases: Partial<Record<Phase, PhaseObservations>> | undefined, guards: ConsentRecordGuards,
): Map<string, ConsentRecord> {
  const records = new Map<string, ConsentRecord>();
  if (!phases || typeof phases !== 'object') return records;
  const accepted = writtenAtClick(phases.accepted, 'accept', false, guards);
  const refused = writtenAtClick(phases.refused, 'reject', true, guards);
  const cmp = phases.refused?.banner?.cmp;
  // Held before any choice: not a record of one (a site's identifier rewritten at each click would pass otherwise).
  const beforeChoice = new Set((Array.isArray(phases.initial?.cookies) ? phases.initial.cookies : []).filter(isCookie).map((c) => namedCookieKey(c)));
  for (const [key, script] of refused) {
    if ((phases.accepted && accepted.get(key) !== script) || beforeChoice.has(key) || typeof cmp !== 'string') continue;
    const name = key.slice(0, key.indexOf('\u0000'));
    if (guards.trackingLabel(name) || guards.trackerOf(script) !== null) continue;
    const a = valueIn(phases.accepted, key);
    const r = valueIn(phases.refused, key);
    if (a !== null && r !== null && a === r) continue;
    records.set(key, { script, cmp });
  }
  return records;
}
