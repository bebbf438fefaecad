/**
 * Merges what a phase saw of cookies — header and script writes plus the final cookie jar — into
 * one ObservedCookie per (name, domain, path). Pure.
 *
 * @example
 *   mergeCookies([{ origin: 'header', raw: 'a=1; Max-Age=60', url: 'https://x.fr/', … }], jar,
 *     { siteUrl: 'https://x.fr/', includeValues: false, now: new Date() })
 */
import { pathMatch } from 'tough-cookie';
import { CAPS } from '../src/caps.ts';
import { jarRecord, parseCookieString, writeRecord, type CookieRecord, type ParsedCookie } from '../src/cookie-parse.ts';
import type { CookieAttempt, ObservedCookie } from '../src/model.ts';
import { partyOf } from '../src/party.ts';
import type { CookieWrite } from './capture.ts';
import { jarKey } from '../src/cookie-key.ts';

/** A cookie as the browser's jar reports it (CDP `Network.Cookie`). */
export interface JarCookie {
  name: string;
  value: string;
  /** With a leading dot for domain cookies. */
  domain: string;
  path: string;
  /** Seconds since the epoch; -1 (or `session: true`) for a session cookie. */
  expires: number;
  session?: boolean;
  secure: boolean;
  httpOnly: boolean;
  sameSite?: string;
}

export interface MergeContext {
  /** The visited site's final URL, to tell first from third party. */
  siteUrl: string;
  includeValues: boolean;
  /** Time of the jar read (setAt of cookies only seen there). */
  now: Date;
}

const keyOf = (name: string, domain: string, path: string): string => jarKey({ name, domain, path });

export function mergeCookies(writes: readonly CookieWrite[], jar: readonly JarCookie[], ctx: MergeContext): ObservedCookie[] {
  const written = new Map<string, { parsed: ParsedCookie; write: CookieWrite }>();
  const ordered = [...writes].sort((a, b) => a.time.getTime() - b.time.getTime());
  for (const write of ordered) {
    const parsed = parseCookieString(write.raw, write.url, write.time, write.origin);
    // A deletion does not undo the fact the cookie was deposited; keep the last real write.
    if (!parsed || parsed.deletes) continue;
    if (refusedScriptWrite(write, parsed)) continue;
    written.set(keyOf(parsed.name, parsed.domain, parsed.path), { parsed, write });
  }

  const out: ObservedCookie[] = [];
  const seen = new Set<string>();
  for (const j of jar) {
    const key = keyOf(j.name, j.domain, j.path);
    seen.add(key);
    const stored = j.session || !(j.expires > 0) ? null : new Date(j.expires * 1000).toISOString();
    const w = written.get(key);
    if (w) {
      out.push(fromWrite(w.parsed, w.write, ctx, stored));
    } else {
      out.push(withParty(jarRecord({ ...j, value: ctx.includeValues ? j.value : null, hostOnly: !j.domain.startsWith('.'), storedExpires: stored }, ctx.now), ctx));
    }
  }
  for (const [key, w] of written) {
    // Written during the phase but gone from the jar when it was read: deleted (or expired) since.
    if (!seen.has(key)) out.push({ ...fromWrite(w.parsed, w.write, ctx, null), presentAtEnd: false });
  }
  return out.sort((a, b) => a.domain.localeCompare(b.domain) || a.name.localeCompare(b.name) || a.path.localeCompare(b.path));
}

/**
 * The document.cookie writes the browser refused (its name=value was not readable right after):
 * attempts, never cookies. Repeated identical attempts are listed once; past CAPS.cookieAttempts
 * they are counted in `dropped`.
 */
export function cookieAttempts(writes: readonly CookieWrite[], ctx: Pick<MergeContext, 'siteUrl'>): { attempts: CookieAttempt[]; dropped: number } {
  const attempts: CookieAttempt[] = [];
  const seen = new Set<string>();
  let dropped = 0;
  for (const w of writes) {
    if (w.origin !== 'script' || (typeof w.stored !== 'boolean' && typeof w.readBack !== 'string')) continue;
    const parsed = parseCookieString(w.raw, w.url, w.time, 'script');
    if (parsed ? parsed.deletes || !refusedScriptWrite(w, parsed) : !refusedUnparsed(w)) continue;
    const a = attemptOf(w, parsed, ctx.siteUrl);
    if (!a) continue;
    const key = `${a.name}\u0000${a.domain}\u0000${a.path}\u0000${a.frameUrl}`;
    if (seen.has(key)) continue;
    if (attempts.length >= CAPS.cookieAttempts) { dropped++; continue; }
    seen.add(key);
    attempts.push(a);
  }
  return { attempts, dropped };
}

/** Whether a script write the browser kept: false when its read-back shows it was refused. */
export function refusedByReadBack(write: CookieWrite): boolean {
  if (write.origin !== 'script' || (typeof write.stored !== 'boolean' && typeof write.readBack !== 'string')) return false;
  const parsed = parseCookieString(write.raw, write.url, write.time, 'script');
  return parsed ? refusedScriptWrite(write, parsed) : refusedUnparsed(write);
}

/** A write our parser refuses (foreign Domain, bad prefix…): refused unless the browser shows it anyway. */
function refusedUnparsed(write: CookieWrite): boolean {
  if (typeof write.stored === 'boolean') return !write.stored;
  const pair = write.raw.split(';', 1)[0]!;
  const eq = pair.indexOf('=');
  const entry = eq < 0 ? pair.trim() : `${pair.slice(0, eq).trim()}=${pair.slice(eq + 1).trim()}`;
  return !(write.readBack ?? '').split('; ').includes(entry);
}

function attemptOf(w: CookieWrite, parsed: ParsedCookie | null, siteUrl: string): CookieAttempt | null {
  let url: URL;
  try { url = new URL(w.url); } catch { return null; }
  const pair = w.raw.split(';', 1)[0]!;
  const eq = pair.indexOf('=');
  const attr = (re: RegExp) => re.exec(w.raw)?.[1]?.trim() || null;
  const domain = parsed?.domain ?? (attr(/;\s*domain\s*=\s*([^;]*)/i)?.replace(/^\./, '').toLowerCase() || url.hostname);
  const path = parsed?.path ?? attr(/;\s*path\s*=\s*([^;]*)/i) ?? (url.pathname.replace(/\/[^/]*$/, '') || '/');
  return {
    name: (parsed?.name ?? (eq < 0 ? '' : pair.slice(0, eq).trim())).slice(0, 256),
    domain: domain.slice(0, 256),
    path: path.slice(0, 1024),
    party: partyOf(domain, siteUrl),
    setterUrl: w.setterUrl,
    frameUrl: w.frameUrl,
    at: w.time.toISOString(),
  };
}

/**
 * A script write the browser did not store: its name=value was not readable right after, although
 * the frame's path lies within the cookie's path (else it would be invisible anyway).
 */
function refusedScriptWrite(write: CookieWrite, parsed: ParsedCookie): boolean {
  if (write.origin !== 'script' || (typeof write.stored !== 'boolean' && typeof write.readBack !== 'string')) return false;
  let path: string;
  try {
    path = new URL(write.url).pathname;
  } catch {
    return false;
  }
  if (!pathMatch(path, parsed.path)) return false;
  if (typeof write.stored === 'boolean') return !write.stored;
  if (typeof write.readBack !== 'string') return false;
  // document.cookie serialises as `name=value; name2=value2` (a nameless cookie as its value alone).
  const value = parsed.value ?? '';
  const entry = parsed.name === '' ? value : `${parsed.name}=${value}`;
  return !write.readBack.split('; ').includes(entry);
}

function fromWrite(p: ParsedCookie, w: CookieWrite, ctx: MergeContext, storedExpires: string | null): ObservedCookie {
  return withParty(writeRecord(p, w, { value: ctx.includeValues, storedExpires }), ctx);
}

function withParty(r: CookieRecord, ctx: MergeContext): ObservedCookie {
  return { ...r, party: partyOf(r.domain, ctx.siteUrl) };
}
