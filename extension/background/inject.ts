/**
 * Injects banner detection (content.js) into each frame once it has loaded (webNavigation's
 * onCompleted comes after the frame's `load`), so its parsing and its first run never delay the
 * page; a frame whose load is long overdue gets it all the same. Chrome targets the exact document
 * (a frame that has navigated since gets nothing); Firefox, without document ids, the frame.
 *
 * @example injectOnLoad(); // once, synchronously, at the background's start
 */
import browser from 'webextension-polyfill';

export const DETECTION_SCRIPT = 'content.js';

type Completed = browser.WebNavigation.OnCompletedDetailsType & { documentId?: string };

/** The exact document where the browser names it (Chrome), else the frame. */
function targetOf(tabId: number, frameId: number, documentId: string | undefined) {
  return documentId ? { tabId, documentIds: [documentId] } : { tabId, frameIds: [frameId] };
}

export function injectDetection(tabId: number, frameId: number, documentId: string | undefined): void {
  browser.scripting.executeScript({ target: targetOf(tabId, frameId, documentId), files: [DETECTION_SCRIPT] })
    // The frame went away meanwhile, or is a page the extension may not script.
    .catch(() => undefined);
}

/** How long after DOMContentLoaded a frame still loading (a request that never ends) waits for detection. */
const OVERDUE_LOAD_MS = 10_000;

/** Injects detection unless the frame has loaded meanwhile (its onCompleted did it, or will). */
async function injectIfStillLoading(tabId: number, frameId: number, documentId: string | undefined): Promise<void> {
  const [state] = await browser.scripting.executeScript({ target: targetOf(tabId, frameId, documentId), func: () => document.readyState })
    .catch(() => []);
  if (state && state.result !== 'complete') injectDetection(tabId, frameId, documentId);
}

export function injectOnLoad(): void {
  browser.webNavigation.onCompleted.addListener((d: Completed) => {
    if (d.tabId >= 0) injectDetection(d.tabId, d.frameId, d.documentId);
  });
  browser.webNavigation.onDOMContentLoaded.addListener((d: Completed) => {
    if (d.tabId >= 0) setTimeout(() => void injectIfStillLoading(d.tabId, d.frameId, d.documentId), OVERDUE_LOAD_MS);
  });
}
