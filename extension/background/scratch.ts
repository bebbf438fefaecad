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

type JarCookie = browser.Cookies.Cookie & { partitionKey?: { topLevelSite?: string } };

async function removeCookies(site: string, storeId: string | undefined): Promise<void> {
  const inStore = storeId ? { storeId } : {};
  // getAll({domain}) returns the cookies of that domain and of all its subdomains; in the tab's own
  // store (an incognito or container tab's cookies are not the regular store's, and the other way round).
  // Cross-site frames' cookies kept in this site's partition (Firefox's Total Cookie Protection, CHIPS)
  // are this site's too, whatever their domain: a first visit has none.
  const partitions = [`https://${site}`, `http://${site}`];
  const [own, ...partitioned] = await Promise.all([
    browser.cookies.getAll({ domain: site, ...inStore }),
    ...partitions.map((topLevelSite) =>
      browser.cookies.getAll({ partitionKey: { topLevelSite }, ...inStore } as browser.Cookies.GetAllDetailsType).catch(() => [])),
  ]);
  // Only cookies in this site's partition: a browser may add unpartitioned ones of every site to the answer.
  const inPartition = (partitioned.flat() as JarCookie[]).filter((c) => partitions.includes(c.partitionKey?.topLevelSite ?? ''));
  await Promise.all([...own as JarCookie[], ...inPartition].map((c) =>
    browser.cookies.remove({ url: cookieUrl(c), name: c.name, storeId: c.storeId, ...(c.partitionKey ? { partitionKey: c.partitionKey } : {}) } as browser.Cookies.RemoveDetailsType).catch(() => null)));
}

/** At most this many removed cross-site frames are opened again to clear their partition (a page may have made hundreds). */
const MAX_REOPENED = 10;

/**
 * Firefox keeps a cross-site frame's storage in this site's partition (Total Cookie Protection)
 * under the frame's own host, which `browsingData` by host name does not reach (Chrome's removal by
 * origin does): a consent manager in an iframe would remember the last choice and show no banner.
 * Cleared from inside each cross-site frame whose storage is partitioned (no storage access); a
 * frame the page has already removed (a hosted consent manager removes its frame once answered) is
 * first opened again, hidden, from its origin's root. A frame with storage access sees the other
 * site's own storage, which is left alone.
 */
async function removePartitionedFrameStorage(tabId: number, site: string): Promise<void> {
  const crossSite = frames.origins(tabId).filter((o) => siteOf(new URL(o).hostname) !== site).slice(0, MAX_REOPENED);
  const mark = `cookie-audit-scratch-${crypto.randomUUID()}`;
  await browser.scripting.executeScript({
    target: { tabId },
    args: [crossSite, mark],
    func: async (origins: string[], cls: string) => {
      const open = new Set([...document.querySelectorAll('iframe')].map((f) => { try { return new URL(f.src).origin; } catch { return ''; } }));
      await Promise.all(origins.filter((o) => !open.has(o)).map((o) => new Promise<void>((done) => {
        const f = document.createElement('iframe');
        f.className = cls;
        f.style.cssText = 'display:none';
        f.addEventListener('load', () => done(), { once: true });
        setTimeout(done, 5000);
        f.src = `${o}/`;
        document.documentElement.appendChild(f);
      })));
    },
  }).catch(() => undefined);
  await browser.scripting.executeScript({
    target: { tabId, allFrames: true },
    func: async () => {
      if (window === window.top || await document.hasStorageAccess()) return;
      try { localStorage.clear(); } catch { /* storage disabled */ }
      try { sessionStorage.clear(); } catch { /* storage disabled */ }
    },
  }).catch(() => undefined);
  await browser.scripting.executeScript({
    target: { tabId },
    args: [mark],
    func: (cls: string) => { for (const f of document.querySelectorAll(`iframe.${cls}`)) f.remove(); },
  }).catch(() => undefined);
}

async function removeStorage(tabId: number, site: string, hosts: string[]): Promise<void> {
  const origins = hosts.flatMap((h) => [`https://${h}`, `http://${h}`]);
  const kinds = { cacheStorage: true, indexedDB: true, localStorage: true, serviceWorkers: true };
  try {
    // Chrome: by origin.
    await browser.browsingData.remove({ origins } as browser.BrowsingData.RemovalOptions, kinds);
  } catch {
    // Firefox: by host name, for the kinds that support it, and the cross-site frames' partitions.
    await browser.browsingData.remove({ hostnames: hosts }, { localStorage: true, indexedDB: true, serviceWorkers: true }).catch(() => null);
    await removePartitionedFrameStorage(tabId, site);
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
  // Storage first: reopening a removed frame to clear its partition may set cookies, removed next.
  await removeStorage(tabId, site, hosts);
  await removeCookies(site, await cookieStores.ofTab(tabId));
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
