/**
 * A cookie's declared lifetime: Max-Age wins, else Expires (parsed like a browser, with tough-cookie's
 * parseDate), else the stored expiry when nothing usable was declared; plus calendar-month arithmetic.
 *
 * @example addCalendarMonths(Date.UTC(2024, 0, 31), 1) // 2024-02-29T00:00Z (clamped to the month's last day)
 */
import { parseDate } from 'tough-cookie';
import type { ObservedCookie } from './model.ts';

export type ExpiryBasis = 'max-age' | 'expires' | 'stored';

export interface DeclaredExpiry {
  /** Expiry time in ms since the epoch; may exceed what a Date can hold for absurd Max-Age values. */
  expiresAtMs: number;
  basis: ExpiryBasis;
}

/** Adds calendar months in UTC, clamping the day (31 Jan + 1 month = 28/29 Feb); keeps the time of day. */
export function addCalendarMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1,
    d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.getTime();
}

function parseIso(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}

/** When the cookie expires, from what the site declared; null for a session cookie (or a deletion). */
export function declaredExpiry(cookie: ObservedCookie, setAtMs: number): DeclaredExpiry | null {
  const maxAge = cookie.declaredMaxAge;
  if (typeof maxAge === 'number' && !Number.isNaN(maxAge)) {
    // Max-Age ≤ 0 deletes the cookie (RFC 6265 §5.2.2): nothing to judge.
    return maxAge > 0 ? { expiresAtMs: setAtMs + maxAge * 1000, basis: 'max-age' } : null;
  }
  if (typeof cookie.declaredExpires === 'string') {
    const date = parseDate(cookie.declaredExpires);
    if (date && Number.isFinite(date.getTime())) return { expiresAtMs: date.getTime(), basis: 'expires' };
    // An unparsable Expires is ignored by browsers (RFC 6265 §5.2.1): treat it as not declared.
  }
  const stored = parseIso(cookie.storedExpires);
  return stored === null ? null : { expiresAtMs: stored, basis: 'stored' };
}

/** ISO text of a time, or null when it is beyond what a Date holds. */
export function isoOrNull(ms: number): string | null {
  const d = new Date(ms);
  return Number.isFinite(d.getTime()) ? d.toISOString() : null;
}

export { parseIso };
