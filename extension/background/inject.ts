/**
 * Injects banner detection (content.js) into each frame once it has loaded (webNavigation's
 * onCompleted comes after the frame's `load`), so its parsing and its first run never delay the
 * page. Chrome targets the exact document (a frame that has navigated since gets nothing);
 * Firefox, without document ids, the frame.
 *
 * @example injectOnLoad(); // once, synchronously, at the background's start
 */
import browser from 'webextension-polyfill';

export const DETECTION_SCRIPT = 'content.js';

type Completed = browser.WebNavigation.OnCompletedDetailsType & { documentId?: string };

export function injectDetection(tabId: number, frameId: number, documentId: string | undefined): void {
  const target = documentId ? { tabId, documentIds: [documentId] } : { tabId, frameIds: [frameId] };
  browser.scripting.executeScript({ target, files: [DETECTION_SCRIPT] })
    // The frame went away meanwhile, or is a page the extension may not script.
    .catch(() => undefined);
}

export function injectOnLoad(): void {
  browser.webNavigation.onCompleted.addListener((d: Completed) => {
    if (d.tabId >= 0) injectDetection(d.tabId, d.frameId, d.documentId);
  });
}
