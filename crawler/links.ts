/**
 * Same-site links of a page, found in its HTML with cheerio, for `--pages N`.
 *
 * @example
 *   sameSiteLinks('<a href="/contact">…</a><a href="https://other.fr/">', 'https://www.ecole.fr/', 5)
 *   // → ['https://www.ecole.fr/contact']
 */
import { load } from 'cheerio';
import { siteOf } from '../src/party.ts';

export function sameSiteLinks(html: string, pageUrl: string, max: number): string[] {
  if (max <= 0) return [];
  let base: URL;
  try {
    base = new URL(pageUrl);
  } catch {
    return [];
  }
  const site = siteOf(base.hostname);
  const $ = load(html);
  const seen = new Set<string>([stripHash(base.href)]);
  const out: string[] = [];
  for (const el of $('a[href]').toArray()) {
    let url: URL;
    try {
      url = new URL($(el).attr('href') ?? '', base);
    } catch {
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    if (siteOf(url.hostname) !== site) continue;
    const href = stripHash(url.href);
    if (seen.has(href) || /\.(pdf|zip|docx?|xlsx?|pptx?|jpe?g|png|gif|svg|mp4|mp3|ics)$/i.test(url.pathname)) continue;
    seen.add(href);
    out.push(href);
    if (out.length >= max) break;
  }
  return out;
}

function stripHash(href: string): string {
  const i = href.indexOf('#');
  return i === -1 ? href : href.slice(0, i);
}
