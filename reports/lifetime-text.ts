/**
 * A cookie's declared and stored lifetime, in seconds and in words, for the tables.
 *
 * @example
 *   declaredLifetimeSeconds({ declaredMaxAge: 3600, declaredExpires: null, setAt: '…' }); // 3600
 *   humanDuration(34_128_000, 'en'); // '395 days (13 months)'
 */
import type { ObservedCookie } from '../src/model.ts';
import { declaredExpiry } from '../src/declared-expiry.ts';
import type { Lang } from './render-options.ts';

type Timed = Pick<ObservedCookie, 'declaredMaxAge' | 'declaredExpires' | 'storedExpires' | 'setAt'>;

const secondsBetween = (from: string, to: string): number | null => {
  const a = Date.parse(from);
  const b = Date.parse(to);
  return Number.isFinite(a) && Number.isFinite(b) ? Math.round((b - a) / 1000) : null;
};

/** The declared lifetime, read as the cookie-lifetime rule reads it; null for a session cookie or an unreadable Expires. */
export function declaredLifetimeSeconds(c: Timed): number | null {
  const setAt = Date.parse(c.setAt);
  if (!Number.isFinite(setAt)) return null;
  if (typeof c.declaredMaxAge === 'number') return c.declaredMaxAge;
  const declared = declaredExpiry({ ...c, storedExpires: null } as ObservedCookie, setAt);
  return declared ? Math.round((declared.expiresAtMs - setAt) / 1000) : null;
}

/** What the browser kept (Chromium caps it at 400 days); null for a session cookie. */
export function storedLifetimeSeconds(c: Timed): number | null {
  return c.storedExpires ? secondsBetween(c.setAt, c.storedExpires) : null;
}

const WORDS = {
  en: { s: 'seconds', min: 'minutes', h: 'hours', d: 'days', mo: 'months', y: 'years', day: 'day', session: 'session' },
  fr: { s: 'secondes', min: 'minutes', h: 'heures', d: 'jours', mo: 'mois', y: 'ans', day: 'jour', session: 'session' },
};

/** A duration in words: minutes, hours, days, and months beyond two months. */
export function humanDuration(seconds: number | null, lang: Lang): string {
  const w = WORDS[lang];
  if (seconds === null) return w.session;
  if (seconds <= 0) return lang === 'fr' ? `expiré (${seconds} s)` : `expired (${seconds} s)`;
  if (seconds < 120) return `${seconds} ${w.s}`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} ${w.min}`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} ${w.h}`;
  const days = Math.round(seconds / 86_400);
  if (days < 60) return `${days} ${w.d}`;
  // Average Gregorian month, enough to read a lifetime against a limit given in months.
  const months = seconds / (30.436875 * 86_400);
  const shown = months >= 24 ? `${(months / 12).toFixed(1).replace(/\.0$/, '')} ${w.y}` : `${Math.round(months * 10) / 10} ${w.mo}`;
  return `${days} ${w.d} (${lang === 'fr' ? shown.replace('.', ',') : shown})`;
}

/** How the lifetime was declared, e.g. `Max-Age=3600` or `Expires=Wed, 21 Oct 2026 07:28:00 GMT`. */
export function declaredAttribute(c: Timed): string | null {
  if (typeof c.declaredMaxAge === 'number') return `Max-Age=${c.declaredMaxAge}`;
  if (c.declaredExpires) return `Expires=${c.declaredExpires}`;
  return null;
}
