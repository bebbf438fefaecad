/**
 * The cookie store of each tab (incognito and Firefox container tabs have their own), from
 * `cookies.getAllCookieStores()`, refreshed whenever a tab appears or a visit starts in a tab the
 * background does not know yet. Memory only.
 *
 * @example watchCookieStores(); cookieStores.of(tabId) // '0', '1', 'firefox-container-2'…
 */
import browser from 'webextension-polyfill';

const storeOfTab = new Map<number, string>();
let refreshing: Promise<void> | null = null;

export function refresh(): Promise<void> {
  refreshing ??= browser.cookies.getAllCookieStores().then((stores) => {
    storeOfTab.clear();
    for (const s of stores) for (const t of s.tabIds) storeOfTab.set(t, s.id);
  }).catch(() => undefined).finally(() => { refreshing = null; });
  return refreshing;
}

/** The tab's cookie store, or undefined while unknown. */
export function of(tabId: number): string | undefined {
  return storeOfTab.get(tabId);
}

/** The tab's cookie store, asking the browser when it is not known yet. */
export async function ofTab(tabId: number): Promise<string | undefined> {
  if (!storeOfTab.has(tabId)) await refresh();
  return storeOfTab.get(tabId);
}

export function forget(tabId: number): void {
  storeOfTab.delete(tabId);
}

export function watchCookieStores(): void {
  browser.tabs.onCreated.addListener((tab) => {
    const id = (tab as { cookieStoreId?: string }).cookieStoreId;
    if (tab.id !== undefined && id) storeOfTab.set(tab.id, id);
    else void refresh();
  });
  void refresh();
}
