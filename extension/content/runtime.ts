/**
 * The one extension API the content scripts use, without webextension-polyfill (10 KB to parse in
 * every frame): Firefox's `browser.runtime`, else Chrome's `chrome.runtime` (promise-based in MV3).
 *
 * @example void sendToBackground({ type: 'banner-click-result', worked: true });
 */
interface RuntimeLike { sendMessage(message: unknown): Promise<unknown> }

const api = globalThis as { browser?: { runtime?: RuntimeLike }; chrome?: { runtime?: RuntimeLike } };

/** Posts a message to the background; resolves to its answer, or null when it is gone (reload, update). */
export function sendToBackground(message: unknown): Promise<unknown> {
  const runtime = api.browser?.runtime ?? api.chrome?.runtime;
  try {
    return runtime ? Promise.resolve(runtime.sendMessage(message)).catch(() => null) : Promise.resolve(null);
  } catch {
    return Promise.resolve(null); // the extension context is invalidated
  }
}
