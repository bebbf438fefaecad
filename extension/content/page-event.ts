/**
 * The DOM events the page-world hook (page-hook.ts) and the isolated content script (content.ts)
 * share. The page can dispatch any DOM event itself, so the channel is keyed by a per-frame secret
 * the page never sees:
 *
 * 1. content.ts draws a secret in its isolated world and dispatches CONNECT_EVENT on `window` with
 *    the secret as `detail`. The hook's listener for it was the first one registered on `window`
 *    (document_start, before any page script) and stops the event there, so no page listener sees it.
 * 2. The hook answers on event types named after the secret (`cookieEventOf`, `clickEventOf`): the
 *    writes and clicks it kept, then each write as it happens. content.ts listens to those types
 *    only, so an event the page makes up (it does not know the secret) reaches nothing.
 *
 * A page may send connects of its own: the hook answers each (with what the page already knows)
 * and never drops what it kept, so the content script's connect still gets everything. Only
 * strings, numbers and DOM nodes cross the worlds' boundary in every browser.
 */
export const CONNECT_EVENT = 'cookie-audit:connect';

/** A per-frame secret: 32 lowercase hex digits. */
export const SECRET_PATTERN = /^[0-9a-f]{32}$/;

/** A fresh secret (in the isolated world, whose `crypto` the page cannot reach). */
export function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A `document.cookie` write: a CustomEvent whose `detail` is the JSON array
 * `[cookie as written, setter script URL or null, ms after clickEpoch(), kept 0|1]` (kept: written
 * before this connection, so its time matters; a live one is timed by the background's receipt).
 */
export const cookieEventOf = (secret: string): string => `cookie-audit:${secret}:cookie`;
/**
 * A click the hook caught (a hint: content.ts only counts it when the frame had a real user
 * activation and the click came before content.ts arrived): a MouseEvent whose `detail` is the
 * click's time in whole ms after `clickEpoch()` (both worlds of a frame share its
 * `performance.timeOrigin`), dispatched on the clicked element (composed, so its path is the
 * click's) or, when the element has left the document (a banner removes itself), on the document
 * with the element as `relatedTarget` (the one way to hand a detached element from one world to another).
 */
export const clickEventOf = (secret: string): string => `cookie-audit:${secret}:click`;

/**
 * How many writes the hook did not keep (past its cap) before this connection: a CustomEvent whose
 * `detail` is the count as a decimal string, sent once at the connection when there were any.
 */
export const droppedEventOf = (secret: string): string => `cookie-audit:${secret}:dropped`;

/** A cookie event's detail. */
export interface ScriptCookieDetail { cookie: string; setterUrl: string | null; ms: number; kept: boolean }

/** The detail back as an object, or null when it is malformed. */
export function parseDetail(detail: unknown): ScriptCookieDetail | null {
  if (typeof detail !== 'string') return null;
  try {
    const d = JSON.parse(detail) as unknown;
    if (!Array.isArray(d) || d.length !== 4) return null;
    const [cookie, setterUrl, ms, kept] = d as unknown[];
    if (typeof cookie !== 'string' || (setterUrl !== null && typeof setterUrl !== 'string')) return null;
    if (typeof ms !== 'number' || !Number.isInteger(ms) || (kept !== 0 && kept !== 1)) return null;
    return { cookie, setterUrl, ms, kept: kept === 1 };
  } catch {
    return null;
  }
}

/** The base of the hook's times: the frame's time origin, in whole ms since 1970. */
export function clickEpoch(): number {
  return Math.floor(performance.timeOrigin);
}
