/**
 * The extension's only document_start script, in the page's own world (an isolated world there
 * would cost every frame a JavaScript context before the page can parse). Before any page script
 * it wraps the `document.cookie` setter so each write is kept exactly as written (declared
 * Max-Age/Expires included), and it notes the person's clicks. The isolated content script
 * (content.ts) arrives after the frame's `load`; it asks with CONNECT_EVENT, receives what was kept
 * and from then on every write as it happens, and catches clicks itself. It changes nothing else.
 */
import { clickEpoch, CONNECT_EVENT, EARLY_CLICK_EVENT, SCRIPT_COOKIE_EVENT, type ScriptCookieDetail } from './page-event.ts';

const descriptor = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
/** Writes and clicks kept until content.ts connects; null once it has. */
let kept: { cookies: ScriptCookieDetail[]; clicks: Array<{ target: EventTarget; time: number }> } | null = { cookies: [], clicks: [] };

/** The first web URL in the stack above us: the script that wrote the cookie, when it has a URL. */
function setterUrl(): string | null {
  const stack = new Error().stack ?? '';
  for (const m of stack.matchAll(/(https?:\/\/[^\s)]+?)(?::\d+){1,2}\)?$/gm)) return m[1] ?? null;
  return null;
}

function forward(detail: ScriptCookieDetail): void {
  document.dispatchEvent(new CustomEvent(SCRIPT_COOKIE_EVENT, { detail: JSON.stringify(detail) }));
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
        if (kept) kept.cookies.push(detail);
        else forward(detail);
      } catch {
        // Never break the page's own cookie write.
      }
    },
  });
}

const onClick = (event: MouseEvent): void => {
  // A page script's synthetic click is not the person's choice.
  const target = event.composedPath()[0];
  if (event.isTrusted && kept && target) kept.clicks.push({ target, time: Date.now() });
};
window.addEventListener('click', onClick, true);

document.addEventListener(CONNECT_EVENT, () => {
  if (!kept) return;
  const { cookies, clicks } = kept;
  kept = null;
  window.removeEventListener('click', onClick, true);
  for (const detail of cookies) forward(detail);
  for (const c of clicks) {
    const attached = (c.target as Node).isConnected;
    (attached ? c.target : document).dispatchEvent(new MouseEvent(EARLY_CLICK_EVENT, {
      detail: c.time - clickEpoch(), bubbles: true, composed: true, relatedTarget: attached ? null : c.target,
    }));
  }
});
