/**
 * Runs in the page's own world at document_start, before any page script: wraps the
 * `document.cookie` setter so each write is passed, exactly as written (declared Max-Age/Expires
 * included), to our isolated content script through a DOM event. It changes nothing else.
 */
import { SCRIPT_COOKIE_EVENT, type ScriptCookieDetail } from './page-event.ts';

const descriptor = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');

/** The first web URL in the stack above us: the script that wrote the cookie, when it has a URL. */
function setterUrl(): string | null {
  const stack = new Error().stack ?? '';
  for (const m of stack.matchAll(/(https?:\/\/[^\s)]+?)(?::\d+){1,2}\)?$/gm)) return m[1] ?? null;
  return null;
}

if (descriptor?.set && descriptor.get) {
  const { get, set } = descriptor;
  Object.defineProperty(Document.prototype, 'cookie', {
    configurable: true,
    enumerable: descriptor.enumerable,
    get,
    set(this: Document, value: string) {
      set.call(this, value);
      try {
        const detail: ScriptCookieDetail = { cookie: String(value), url: this.URL, setterUrl: setterUrl(), time: new Date().toISOString() };
        this.dispatchEvent(new CustomEvent(SCRIPT_COOKIE_EVENT, { detail: JSON.stringify(detail) }));
      } catch {
        // Never break the page's own cookie write.
      }
    },
  });
}
