/**
 * The background (Chrome service worker / Firefox background script): registers every listener
 * synchronously at start, as MV3 requires to be woken by events. It is the only part with state.
 */
import browser from 'webextension-polyfill';
import { scheduleBadge } from './audit.ts';
import { dispatch } from './dispatch.ts';
import * as frames from './frames.ts';
import { injectOnLoad } from './inject.ts';
import { forget as forgetCookieStore, watchCookieStores } from './cookie-stores.ts';
import { observeCookies } from './observe-cookies.ts';
import { forgetTab, observeRequests } from './observe-requests.ts';
import * as store from './store.ts';

observeRequests();
watchCookieStores();
observeCookies();
injectOnLoad();
store.onChange((tabId) => scheduleBadge(tabId));

const self = { id: browser.runtime.id, origin: browser.runtime.getURL('') };
browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => dispatch(message, sender, self));

// When each frame's document starts: the earliest time anything reported from inside it can be.
browser.webNavigation.onCommitted.addListener((d) => {
  if (d.tabId >= 0) frames.committed(d.tabId, d.frameId, d.timeStamp);
});

browser.tabs.onRemoved.addListener((tabId) => {
  forgetTab(tabId);
  forgetCookieStore(tabId);
  store.set(tabId, undefined);
});

browser.tabs.onReplaced.addListener((added, removed) => {
  // Prerendered or instant pages swap the tab id: the visit goes on under the new one.
  const tab = store.get(removed);
  store.set(removed, undefined);
  if (tab) store.set(added, tab);
});

browser.tabs.onUpdated.addListener((tabId, change) => {
  // Leaving the web (new-tab page, browser pages): nothing to audit there.
  if (change.url && !/^https?:/.test(change.url)) store.set(tabId, undefined);
});
