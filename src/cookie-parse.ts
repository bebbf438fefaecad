/**
 * Parses one Set-Cookie header line or one `document.cookie = …` string the way a browser would
 * store it (tough-cookie decides; we never split cookie strings by hand). Pure: shared by the
 * crawler and the extension.
 *
 * @example
 *   parseCookieString('_ga=GA1.1.1; Max-Age=63072000; Domain=.example.fr', 'https://www.example.fr/', new Date(), 'header')
 *   // → { name: '_ga', domain: 'example.fr', hostOnly: false, declaredMaxAge: 63072000, … }
 */
import { CookieJar } from 'tough-cookie';
import type { ObservedCookie } from './model.ts';

/** The fields of an ObservedCookie a cookie string determines, plus when it would expire. */
export type ParsedCookie = Pick<ObservedCookie,
  'name' | 'value' | 'domain' | 'hostOnly' | 'path' | 'declaredMaxAge' | 'declaredExpires' |
  'secure' | 'httpOnly' | 'sameSite'> & {
  /** Expiry computed from Max-Age (preferred) or Expires at `now`, ISO 8601; null for a session cookie. */
  expiresAt: string | null;
  /** True when the string removes the cookie (Max-Age ≤ 0 or Expires in the past). */
  deletes: boolean;
};

/** `header` for a Set-Cookie response header, `script` for a document.cookie write (which cannot set HttpOnly). */
export type CookieOrigin = 'header' | 'script';

/**
 * Parses `raw` as set by `url` at `now`. Returns null when the string is malformed or a browser
 * would refuse it (Domain not matching the URL's host or a public suffix, Secure over http,
 * HttpOnly from a script, broken __Host-/__Secure- prefix).
 */
export function parseCookieString(raw: string, url: string, now: Date, origin: CookieOrigin): ParsedCookie | null {
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  // A throwaway jar applies RFC 6265's storage rules (domain match, public suffixes, prefixes) for us.
  const jar = new CookieJar(undefined, {
    rejectPublicSuffixes: true, allowSpecialUseDomain: true, prefixSecurity: 'strict', looseMode: true,
  });
  let cookie;
  try {
    cookie = jar.setCookieSync(raw, url, { now, ignoreError: true, http: origin === 'header' });
  } catch {
    return null;
  }
  if (!cookie || typeof cookie.domain !== 'string') return null;
  const expiryMs = cookie.expiryTime(now);
  const hasExpiry = typeof expiryMs === 'number' && Number.isFinite(expiryMs);
  const declaredExpires = cookie.expires instanceof Date ? rawExpiresText(raw) : null;
  return {
    name: cookie.key,
    value: cookie.value,
    domain: cookie.domain.replace(/^\./, ''),
    hostOnly: cookie.hostOnly === true,
    path: cookie.path ?? '/',
    declaredMaxAge: typeof cookie.maxAge === 'number' ? cookie.maxAge : null,
    declaredExpires,
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    sameSite: sameSiteOf(cookie.sameSite),
    expiresAt: hasExpiry ? new Date(expiryMs).toISOString() : null,
    deletes: expiryMs === -Infinity || (hasExpiry && expiryMs <= now.getTime()),
  };
}

/** The Expires attribute's text exactly as written (the last one wins, as in RFC 6265 §5.3). */
function rawExpiresText(raw: string): string | null {
  let last: string | null = null;
  for (const m of raw.matchAll(/;\s*expires\s*=\s*([^;]*)/gi)) last = m[1].trim();
  return last;
}

/** A cookie before its party is known (the party depends on the site's final URL, known only later). */
export type CookieRecord = Omit<ObservedCookie, 'party'>;

/** What a collector knows of a write beyond its string: who wrote it, from which frame, when. */
export interface WriteContext {
  origin: CookieOrigin;
  setterUrl: string | null;
  frameUrl: string | null;
  time: Date;
}

/**
 * The record of a write the browser stores, one function for both collectors: the string's own
 * fields (parsed), who wrote it and when; `value` only when values are kept, `storedExpires` the
 * jar's expiry when the collector knows it.
 */
export function writeRecord(p: ParsedCookie, w: WriteContext, kept: { value: boolean; storedExpires: string | null }): CookieRecord {
  return {
    name: p.name,
    value: kept.value ? p.value : null,
    domain: p.domain,
    hostOnly: p.hostOnly,
    path: p.path,
    source: w.origin,
    setterUrl: w.setterUrl,
    frameUrl: w.frameUrl,
    setAt: w.time.toISOString(),
    declaredMaxAge: p.declaredMaxAge,
    declaredExpires: p.declaredExpires,
    storedExpires: kept.storedExpires,
    secure: p.secure,
    httpOnly: p.httpOnly,
    sameSite: p.sameSite,
  };
}

/** A cookie as a browser's jar shows it, in any collector's spelling (domain with or without its dot, SameSite any case). */
export interface JarView {
  name: string;
  value: string | null;
  domain: string;
  hostOnly: boolean;
  path: string;
  /** ISO 8601, null for a session cookie. */
  storedExpires: string | null;
  secure: boolean;
  httpOnly: boolean;
  sameSite?: string | null;
}

/** The record of a cookie only the jar showed: no declared expiry (the setter's words are unknown), no setter. */
export function jarRecord(j: JarView, setAt: Date): CookieRecord {
  return {
    name: j.name, value: j.value, domain: j.domain.replace(/^\./, '').toLowerCase(), hostOnly: j.hostOnly, path: j.path,
    source: 'jar', setterUrl: null, frameUrl: null, setAt: setAt.toISOString(),
    declaredMaxAge: null, declaredExpires: null, storedExpires: j.storedExpires,
    secure: j.secure, httpOnly: j.httpOnly, sameSite: sameSiteOf(j.sameSite),
  };
}

/**
 * The SameSite attribute as every collector spells it — a Set-Cookie header (any case), the
 * DevTools protocol (`Strict`, `Lax`, `None`), the WebExtension cookies API (`strict`, `lax`,
 * `no_restriction`, `unspecified`) — as one value; null when unset or unknown.
 */
export function sameSiteOf(value: string | null | undefined): ObservedCookie['sameSite'] {
  switch ((value ?? '').toLowerCase()) {
    case 'strict': return 'Strict';
    case 'lax': return 'Lax';
    case 'none': case 'no_restriction': return 'None';
    default: return null;
  }
}
