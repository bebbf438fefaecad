/**
 * The document_start part of the content script, kept tiny so it costs the page nothing: it
 * forwards the page-world hook's `document.cookie` writes (declared expiry as written) from the
 * very first one. Banner detection and clicks live in content.ts, injected once the page is idle.
 */
import browser from 'webextension-polyfill';
import type { ScriptCookieMessage } from '../messages.ts';
import { parseDetail, SCRIPT_COOKIE_EVENT } from './page-event.ts';

document.addEventListener(SCRIPT_COOKIE_EVENT, (event) => {
  const d = parseDetail((event as CustomEvent).detail);
  if (!d) return;
  const message: ScriptCookieMessage = { type: 'script-cookie', frameUrl: d.url, cookie: d.cookie, time: d.time, setterUrl: d.setterUrl };
  browser.runtime.sendMessage(message).catch(() => null);
});
