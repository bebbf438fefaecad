/**
 * The document_start part of the content script, kept tiny so it costs the page next to nothing:
 * it forwards the page-world hook's `document.cookie` writes (declared expiry as written) from the
 * very first one, catches the person's clicks, and once the frame has loaded asks the background
 * to inject banner detection (content.ts), which therefore never delays the page's `load`.
 */
import type { FrameLoadedMessage, ScriptCookieMessage } from '../messages.ts';
import { catchClicks } from './click-relay.ts';
import { parseDetail, SCRIPT_COOKIE_EVENT } from './page-event.ts';
import { sendToBackground } from './runtime.ts';

document.addEventListener(SCRIPT_COOKIE_EVENT, (event) => {
  const d = parseDetail((event as CustomEvent).detail);
  if (!d) return;
  const message: ScriptCookieMessage = { type: 'script-cookie', frameUrl: d.url, cookie: d.cookie, time: d.time, setterUrl: d.setterUrl };
  void sendToBackground(message);
});

catchClicks();

const loaded = (): void => { void sendToBackground({ type: 'frame-loaded', frameUrl: location.href } satisfies FrameLoadedMessage); };
// After the load event's own handlers (a task later), so the injection is not part of the load.
if (document.readyState === 'complete') setTimeout(loaded, 0);
else window.addEventListener('load', () => setTimeout(loaded, 0), { once: true });
