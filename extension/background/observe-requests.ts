/**
 * webRequest listeners: a new visit starts at a tab's first top-level request to another site;
 * Set-Cookie response headers (redirects, frames and subresources included) become header cookies
 * with their declared expiry; requests of interest are kept with a small body.
 *
 * @example observeRequests(); // once, synchronously, at the worker's start
 */
import browser from 'webextension-polyfill';
import { keptUrl } from '../../src/capped.ts';
import { siteOf } from '../../src/party.ts';
import * as cookieStores from './cookie-stores.ts';
import * as frames from './frames.ts';
import { bodyText, type RequestBodyLike } from './request-body.ts';
import * as store from './store.ts';
import { noteDropped, recordRequest, recordWrite, startVisit, type TabRecord } from './tab-state.ts';
import { ENGINE } from '../../defaults/engine.ts';

/** Chrome adds `documentLifecycle`; Firefox adds `documentUrl`. */
type Extra = { documentUrl?: string; documentLifecycle?: string };
type BeforeRequest = browser.WebRequest.OnBeforeRequestDetailsType & Extra;
type HeadersReceived = browser.WebRequest.OnHeadersReceivedDetailsType & Extra;

/** A request of a page being unloaded (its last beacons during a reload) belongs to no visit we record. */
function fromLeavingPage(d: Extra): boolean {
  return d.documentLifecycle === 'pending_deletion';
}

/** The top-level request that started each tab's visit, so its redirects stay in the same visit. */
const visitRequest = new Map<number, string>();

function hostOf(url: string): string | null {
  try { return new URL(url).hostname; } catch { return null; }
}

function isWeb(url: string): boolean {
  return url.startsWith('http://') || url.startsWith('https://');
}

/** webRequest types named the way Puppeteer names them, so both collectors agree. */
export function resourceTypeOf(type: string): string {
  switch (type) {
    case 'main_frame': case 'sub_frame': return 'document';
    case 'xmlhttprequest': return 'xhr';
    case 'beacon': return 'ping';
    case 'imageset': return 'image';
    case 'csp_report': return 'cspviolationreport';
    default: return type;
  }
}

/** The URL of the frame that issued a request (for a frame's own document: its parent). */
function issuerFrame(d: { tabId: number; type: string; frameId: number; parentFrameId: number; documentUrl?: string }): string | null {
  if (d.type === 'main_frame') return null;
  if (d.documentUrl) return d.documentUrl;
  return frames.url(d.tabId, d.type === 'sub_frame' ? d.parentFrameId : d.frameId);
}

function onBeforeRequest(d: BeforeRequest): void {
  if (d.tabId < 0 || fromLeavingPage(d)) return;
  const now = new Date(d.timeStamp).toISOString();
  if (d.type === 'main_frame') {
    if (!isWeb(d.url)) return;
    const tab = store.get(d.tabId);
    const redirectOfVisit = visitRequest.get(d.tabId) === d.requestId;
    const host = hostOf(d.url);
    const otherSite = !tab || host === null || siteOf(host) !== siteOf(hostOf(tab.finalUrl) ?? '');
    if (!redirectOfVisit && otherSite) {
      visitRequest.set(d.tabId, d.requestId);
      if (cookieStores.of(d.tabId) === undefined) void cookieStores.refresh();
      store.set(d.tabId, startVisit(d.url, now));
    }
    if (!redirectOfVisit) frames.reset(d.tabId);
    frames.set(d.tabId, 0, d.url);
  } else if (d.type === 'sub_frame' && !frames.set(d.tabId, d.frameId, d.url)) {
    store.update(d.tabId, (tab) => noteDropped(tab, 'frames'));
  }
  if (!ENGINE.isRequestOfInterest(d.url)) return;
  store.update(d.tabId, (tab) => recordRequest(tab, {
    url: keptUrl(d.url),
    method: d.method,
    resourceType: resourceTypeOf(d.type),
    frameUrl: issuerFrame(d),
    postData: d.method === 'GET' ? null : bodyText(d.requestBody as RequestBodyLike | undefined),
    time: now,
  }));
}

function onHeadersReceived(d: HeadersReceived): void {
  if (d.tabId < 0 || fromLeavingPage(d)) return;
  const isVisitDocument = d.type === 'main_frame' && visitRequest.get(d.tabId) === d.requestId;
  if (isVisitDocument && (d.statusCode < 300 || d.statusCode >= 400)) {
    store.update(d.tabId, (tab) => ({ ...tab, finalUrl: d.url, httpStatus: d.statusCode }));
  }
  const lines = (d.responseHeaders ?? [])
    .filter((h) => h.name.toLowerCase() === 'set-cookie')
    // Firefox joins repeated Set-Cookie headers with a newline: that is header folding, not cookie syntax.
    .flatMap((h) => (h.value ?? '').split('\n'));
  if (lines.length === 0) return;
  const at = new Date(d.timeStamp);
  const frameUrl = d.type === 'main_frame' || d.type === 'sub_frame' ? d.url : issuerFrame(d);
  store.update(d.tabId, (tab) => lines.reduce<TabRecord>((t, raw) => recordWrite(t, raw, d.url, { origin: 'header', setterUrl: d.url, frameUrl, time: at }), tab));
}

/** Chrome hides Set-Cookie from extensions unless asked with `extraHeaders`; Firefox has no such option. */
function headerOptions(): browser.WebRequest.OnHeadersReceivedOptions[] {
  const chromeApi = (globalThis as { chrome?: { webRequest?: { OnHeadersReceivedOptions?: Record<string, string> } } }).chrome;
  const extra = chromeApi?.webRequest?.OnHeadersReceivedOptions?.EXTRA_HEADERS;
  return extra ? ['responseHeaders', extra as browser.WebRequest.OnHeadersReceivedOptions] : ['responseHeaders'];
}

/** Forgets the request bookkeeping of a closed tab. */
export function forgetTab(tabId: number): void {
  visitRequest.delete(tabId);
  frames.reset(tabId);
}

export function observeRequests(): void {
  const filter = { urls: ['<all_urls>'] };
  browser.webRequest.onBeforeRequest.addListener(onBeforeRequest, filter, ['requestBody']);
  browser.webRequest.onHeadersReceived.addListener(onHeadersReceived, filter, headerOptions());
}
