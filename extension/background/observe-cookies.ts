/**
 * cookies.onChanged: the jar's side of each cookie. It gives the stored expiry of header cookies,
 * reveals script-set cookies (document.cookie, cookieStore) and removals (the only source of
 * removals: a page can claim any write). The jar names no tab, so a cookie goes to every tab of its
 * cookie store (and, when partitioned, of its top-level site: cookie-scope.ts) that already knows
 * it or whose frames its domain covers.
 *
 * @example observeCookies(); // once, synchronously, at the worker's start
 */
import browser from 'webextension-polyfill';
import { siteOf } from '../../src/party.ts';
import { inScope } from './cookie-scope.ts';
import * as cookieStores from './cookie-stores.ts';
import * as frames from './frames.ts';
import * as store from './store.ts';
import { forgetCookie, jarCookieRecord, recordConsentCookie, recordCookie, type CookieRecord, type TabRecord } from './tab-state.ts';
import { jarKey } from '../../src/cookie-key.ts';

function domainCovers(cookie: CookieRecord, host: string): boolean {
  return cookie.hostOnly ? host === cookie.domain : host === cookie.domain || host.endsWith(`.${cookie.domain}`);
}

function knows(tab: TabRecord, key: string): boolean {
  return tab.phases[tab.phase]?.cookies.some((c) => jarKey(c) === key) ?? false;
}

function onChanged(change: browser.Cookies.OnChangedChangeInfoType): void {
  const record = jarCookieRecord(change.cookie, new Date());
  const key = jarKey(record);
  for (const tabId of store.ids()) {
    const tab = store.get(tabId);
    if (!tab) continue;
    let site = '';
    try { site = siteOf(new URL(tab.finalUrl).hostname); } catch { /* keep empty */ }
    if (!inScope(change.cookie as browser.Cookies.Cookie & { partitionKey?: { topLevelSite?: string } }, { storeId: cookieStores.of(tabId), site })) continue;
    const known = knows(tab, key);
    const hosts = frames.hosts(tabId);
    if (hosts.length === 0) { try { hosts.push(new URL(tab.finalUrl).hostname); } catch { /* keep empty */ } }
    if (!known && !hosts.some((h) => domainCovers(record, h))) continue;
    if (change.removed) {
      // An overwrite is followed by the new cookie's own event: nothing left the jar.
      if (change.cause !== 'overwrite') store.update(tabId, (t) => forgetCookie(t, record));
    } else {
      // Not seen in a response header: a page script set it. A TC string's value is kept (src/tcf.ts).
      store.update(tabId, (t) => recordConsentCookie(recordCookie(t, known ? record : { ...record, source: 'script' }),
        { name: record.name, value: change.cookie.value, domain: record.domain, path: record.path, setAt: record.setAt }));
    }
  }
}

export function observeCookies(): void {
  browser.cookies.onChanged.addListener(onChanged);
}
