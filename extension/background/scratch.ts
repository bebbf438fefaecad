/**
 * "Audit from scratch": removes the tab site's cookies (every host under its registrable domain, in
 * the tab's own cookie store) and storage, forgets the observations, then loads the page again, so the `initial` phase is a first visit.
 *
 * @example await auditFromScratch(tabId);
 */
import browser from 'webextension-polyfill';
import { siteOf } from '../../src/party.ts';
import * as cookieStores from './cookie-stores.ts';
import * as frames from './frames.ts';
import * as store from './store.ts';

function cookieUrl(c: browser.Cookies.Cookie): string {
  return `${c.secure ? 'https' : 'http'}://${c.domain.replace(/^\./, '')}${c.path}`;
}

async function removeCookies(site: string, storeId: string | undefined): Promise<void> {
  // getAll({domain}) returns the cookies of that domain and of all its subdomains; in the tab's own
  // store (an incognito or container tab's cookies are not the regular store's, and the other way round).
  const cookies = await browser.cookies.getAll({ domain: site, ...(storeId ? { storeId } : {}) });
  await Promise.all(cookies.map((c) =>
    browser.cookies.remove({ url: cookieUrl(c), name: c.name, storeId: c.storeId }).catch(() => null)));
}

/**
 * Firefox keeps a cross-site frame's localStorage in this site's partition (Total Cookie Protection)
 * under the frame's own host, which `browsingData` by host name does not reach (Chrome's removal by
 * origin does): a consent manager in an iframe would remember the last choice and show no banner.
 * Cleared from inside each cross-site frame whose storage is partitioned (no storage access);
 * a frame with storage access sees the other site's own storage, which is left alone.
 */
async function removePartitionedFrameStorage(tabId: number): Promise<void> {
  await browser.scripting.executeScript({
    target: { tabId, allFrames: true },
    func: async () => {
      if (window === window.top || await document.hasStorageAccess()) return;
      try { localStorage.clear(); } catch { /* storage disabled */ }
    },
  }).catch(() => undefined);
}

async function removeStorage(tabId: number, hosts: string[]): Promise<void> {
  const origins = hosts.flatMap((h) => [`https://${h}`, `http://${h}`]);
  const kinds = { cacheStorage: true, indexedDB: true, localStorage: true, serviceWorkers: true };
  try {
    // Chrome: by origin.
    await browser.browsingData.remove({ origins } as browser.BrowsingData.RemovalOptions, kinds);
  } catch {
    // Firefox: by host name, for the kinds that support it, and the cross-site frames' partitions.
    await browser.browsingData.remove({ hostnames: hosts }, { localStorage: true, indexedDB: true, serviceWorkers: true }).catch(() => null);
    await removePartitionedFrameStorage(tabId);
  }
}

export async function auditFromScratch(tabId: number): Promise<{ ok: true } | { ok: false; error: string }> {
  let url: URL;
  try {
    url = new URL((await browser.tabs.get(tabId)).url ?? '');
  } catch {
    return { ok: false, error: `Tab ${tabId} is not open: open the site again and retry.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, error: `Only web pages can be audited, not \`${url.protocol}\` pages.` };
  }
  const site = siteOf(url.hostname);
  const hosts = [...new Set([url.hostname, ...frames.hosts(tabId)])].filter((h) => siteOf(h) === site);
  await removeCookies(site, await cookieStores.ofTab(tabId));
  await removeStorage(tabId, hosts);
  store.set(tabId, undefined);
  frames.reset(tabId);
  // Leave the page first: its last beacons (sent while it unloads) must not count as the new visit's.
  await browser.tabs.update(tabId, { url: 'about:blank' });
  for (let i = 0; i < 60; i++) {
    const t = await browser.tabs.get(tabId);
    if (t.url === 'about:blank' && t.status === 'complete') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await browser.tabs.update(tabId, { url: url.href });
  return { ok: true };
}
