/**
 * The background (Chrome service worker / Firefox background script): registers every listener
 * synchronously at start, as MV3 requires to be woken by events. It is the only part with state.
 */
import browser from 'webextension-polyfill';
import { scheduleBadge } from './audit.ts';
import { dispatch } from './dispatch.ts';
import { injectOnLoad } from './inject.ts';
import { observeCookies } from './observe-cookies.ts';
import { forgetTab, observeRequests } from './observe-requests.ts';
import * as store from './store.ts';

observeRequests();
observeCookies();
injectOnLoad();
store.onChange((tabId) => scheduleBadge(tabId));

browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) =>
  dispatch(message, sender, browser.runtime.id));

browser.tabs.onRemoved.addListener((tabId) => {
  forgetTab(tabId);
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
