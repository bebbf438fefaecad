/**
 * The DOM event the page-world hook and the isolated content script share for cookie writes.
 * Its detail is a JSON string: strings cross the worlds' boundary in every browser.
 */
export const SCRIPT_COOKIE_EVENT = 'cookie-audit:script-cookie';

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
