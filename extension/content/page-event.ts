/**
 * The DOM events the page-world hook (page-hook.ts) and the isolated content script (content.ts)
 * share. Only strings, numbers and DOM nodes cross the worlds' boundary in every browser.
 */
export const SCRIPT_COOKIE_EVENT = 'cookie-audit:script-cookie';
/** Sent by content.ts when it arrives: the hook then hands over what it kept and forwards the rest. */
export const CONNECT_EVENT = 'cookie-audit:connect';
/**
 * A click the hook caught before content.ts arrived: a MouseEvent whose `detail` is the click's time
 * in whole ms after `clickEpoch()` (`detail` is a 32-bit integer; both worlds of a frame share its
 * `performance.timeOrigin`, so the time comes back to the ms), dispatched on the clicked element
 * (composed, so its path is the click's) or, when the element has left the document (a banner
 * removes itself), on the document with the element as `relatedTarget` (the one way to hand a
 * detached element from one world to another).
 */
export const EARLY_CLICK_EVENT = 'cookie-audit:early-click';

/** SCRIPT_COOKIE_EVENT's detail, sent as a JSON string. */
export interface ScriptCookieDetail { cookie: string; url: string; setterUrl: string | null; time: string }

/** The detail back as an object, or null when it is not ours (a page may dispatch anything). */
export function parseDetail(detail: unknown): ScriptCookieDetail | null {
  if (typeof detail !== 'string') return null;
  try {
    const d = JSON.parse(detail) as Partial<ScriptCookieDetail>;
    if (typeof d.cookie !== 'string' || typeof d.url !== 'string' || typeof d.time !== 'string') return null;
    return { cookie: d.cookie, url: d.url, time: d.time, setterUrl: typeof d.setterUrl === 'string' ? d.setterUrl : null };
  } catch {
    return null;
  }
}

/** The base of an early click's `detail`: the frame's time origin, in whole ms since 1970. */
export function clickEpoch(): number {
  return Math.floor(performance.timeOrigin);
}
