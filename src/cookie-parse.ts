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
