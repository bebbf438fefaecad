/**
 * First or third party: compares registrable domains (tldts, public suffix list) of a cookie's
 * domain and of the visited site's final URL.
 *
 * @example
 *   partyOf('stats.g.doubleclick.net', 'https://www.example.fr/') // → 'third'
 *   partyOf('.example.fr', 'https://campus.example.fr/')        // → 'first'
 */
import { getDomain, getHostname } from 'tldts';
import type { Party } from './model.ts';

/** The registrable domain of a host (or the host itself for IPs, localhost and bare names). */
export function siteOf(host: string): string {
  const h = host.replace(/^\./, '').toLowerCase();
  return getDomain(h, { allowPrivateDomains: true }) ?? h;
}

export function partyOf(cookieDomain: string, siteUrl: string): Party {
  const siteHost = getHostname(siteUrl) ?? '';
  return siteOf(cookieDomain) === siteOf(siteHost) ? 'first' : 'third';
}
