/**
 * Which tab a cookie-jar event concerns. The jar names no tab, only its cookie store (Chrome: `0`
 * regular, `1` incognito; Firefox: `firefox-default`, `firefox-private`, `firefox-container-N`) and,
 * for a partitioned cookie (CHIPS, Firefox's Total Cookie Protection), the top-level site it is
 * kept under: an incognito or container tab's cookies, or another site's partition, never reach
 * this tab's record. Pure, so it is tested without a browser.
 *
 * @example inScope({ storeId: '1' }, { storeId: '0', site: 'a.test' }) // false: an incognito cookie
 */
import { siteOf } from '../../src/party.ts';

/** The stores a tab uses when the background does not know its store yet. */
export const DEFAULT_STORES: ReadonlySet<string> = new Set(['0', 'firefox-default']);

export interface JarCookieScope { storeId: string; partitionKey?: { topLevelSite?: string } | null }
export interface TabScope { storeId: string | undefined; site: string }

/** The registrable site of a `topLevelSite` (`https://a.test`, with or without a port), or null. */
function siteOfTopLevel(topLevelSite: string): string | null {
  try { return siteOf(new URL(topLevelSite).hostname); } catch { return null; }
}

export function inScope(cookie: JarCookieScope, tab: TabScope): boolean {
  const storeOk = tab.storeId === undefined ? DEFAULT_STORES.has(cookie.storeId) : cookie.storeId === tab.storeId;
  if (!storeOk) return false;
  const top = cookie.partitionKey?.topLevelSite;
  return top ? siteOfTopLevel(top) === tab.site : true;
}
