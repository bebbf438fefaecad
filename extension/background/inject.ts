/**
 * Injects banner detection (content.js) into one frame once it has loaded, so its parsing and its
 * first run never delay the page's `load`. Chrome targets the exact document (a frame that has
 * navigated since gets nothing); Firefox, without document ids, the frame.
 *
 * @example injectDetection(sender.tab.id, sender.frameId, sender.documentId);
 */
import browser from 'webextension-polyfill';

export const DETECTION_SCRIPT = 'content.js';

export function injectDetection(tabId: number, frameId: number, documentId: string | undefined): void {
  const target = documentId ? { tabId, documentIds: [documentId] } : { tabId, frameIds: [frameId] };
  browser.scripting.executeScript({ target, files: [DETECTION_SCRIPT] })
    // The frame went away meanwhile, or is a page the extension may not script.
    .catch(() => undefined);
}
