/**
 * Finds a site's privacy and cookie policy among links (issue #16): same-site links scored by their
 * text and URL with the policy vocabulary (cookie policy > privacy policy > legal notice; Libert,
 * WWW 2018; webXray), the best of each kind chosen, and a fetched page kept only when it reads as a
 * policy (long enough, enough verification terms). Pure: no browser.
 *
 * @example
 *   const best = policyCandidates([{ href: '/cookies', text: 'Gestion des cookies', inBanner: true }], 'https://a.fr/', POLICY_VOCABULARY);
 *   // [{ url: 'https://a.fr/cookies', kind: 'cookie-policy', score: 13, text: 'Gestion des cookies', inBanner: true }]
 */
import { load } from 'cheerio';
import { matchForm } from '../policy/normalise.ts';
import type { PolicyVocabulary } from '../policy/vocabulary.ts';
import type { PolicyKind } from '../src/model.ts';
import { siteOf } from '../src/party.ts';

/** A link as the page showed it. */
export interface PageLink {
  href: string;
  text: string;
  /** True when it sits in the consent banner (a fixed or sticky layer, a dialog, a banner frame). */
  inBanner?: boolean;
}

export interface PolicyCandidate {
  url: string;
  kind: PolicyKind;
  score: number;
  text: string;
  inBanner: boolean;
}

const KIND_RANK: Record<PolicyKind, number> = { 'cookie-policy': 3, 'privacy-policy': 2, 'legal-notice': 1 };
const FILE = /\.(pdf|zip|docx?|xlsx?|pptx?|jpe?g|png|gif|svg|mp4|mp3|ics)$/i;

/** The URL without its fragment. */
export function withoutHash(href: string): string {
  const i = href.indexOf('#');
  return i === -1 ? href : href.slice(0, i);
}

/** Scores one link; null when it is not a same-site http(s) link that reads like a policy. */
export function scoreLink(link: PageLink, pageUrl: string, vocab: PolicyVocabulary): PolicyCandidate | null {
  let url: URL;
  let base: URL;
  try {
    base = new URL(pageUrl);
    url = new URL(link.href, base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (siteOf(url.hostname) !== siteOf(base.hostname) || FILE.test(url.pathname)) return null;
  const text = matchForm(link.text ?? '').slice(0, 200);
  let path = url.pathname.toLowerCase();
  try {
    path = decodeURIComponent(path);
  } catch { /* keep it encoded */ }
  path = path.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  let best: { kind: PolicyKind; score: number } | null = null;
  const consider = (kind: PolicyKind, score: number) => {
    if (!best || score > best.score || (score === best.score && KIND_RANK[kind] > KIND_RANK[best.kind])) best = { kind, score };
  };
  let textScore = 0;
  for (const t of vocab.policyLinks.text) {
    if (containsWords(text, t.term.toLowerCase()) && t.score > textScore) { textScore = t.score; consider(t.kind, t.score); }
  }
  let urlScore = 0;
  for (const u of vocab.policyLinks.url) {
    if (path.includes(u.term) && u.score > urlScore) { urlScore = u.score; if (!textScore) consider(u.kind, u.score); }
  }
  if (!best) return null;
  const found = best as { kind: PolicyKind; score: number };
  return { url: withoutHash(url.href), kind: found.kind, score: textScore + urlScore, text: (link.text ?? '').trim().slice(0, 200), inBanner: link.inBanner === true };
}

function containsWords(text: string, term: string): boolean {
  const i = text.indexOf(term);
  if (i < 0) return false;
  const before = i === 0 ? ' ' : text[i - 1]!;
  const after = text[i + term.length] ?? ' ';
  return !/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after);
}

/** Every scored link, best first, one entry per URL (its best score). */
export function rankLinks(links: readonly PageLink[], pageUrl: string, vocab: PolicyVocabulary): PolicyCandidate[] {
  const byUrl = new Map<string, PolicyCandidate>();
  for (const l of links) {
    const c = scoreLink(l, pageUrl, vocab);
    if (!c) continue;
    const had = byUrl.get(c.url);
    if (!had || c.score > had.score) byUrl.set(c.url, { ...c, inBanner: c.inBanner || (had?.inBanner ?? false) });
    else if (c.inBanner && !had.inBanner) had.inBanner = true;
  }
  const self = withoutHash(pageUrl);
  return [...byUrl.values()].filter((c) => c.url !== self).sort((a, b) => b.score - a.score || KIND_RANK[b.kind] - KIND_RANK[a.kind]);
}

/**
 * The links to read: the best cookie policy and the best privacy policy; a legal notice only when
 * neither is linked (French sites often put their cookie section there).
 */
export function policyCandidates(links: readonly PageLink[], pageUrl: string, vocab: PolicyVocabulary): PolicyCandidate[] {
  const ranked = rankLinks(links, pageUrl, vocab);
  const cookie = ranked.find((c) => c.kind === 'cookie-policy');
  const privacy = ranked.find((c) => c.kind === 'privacy-policy' && c.url !== cookie?.url);
  const out = [cookie, privacy].filter((c): c is PolicyCandidate => c !== undefined);
  if (out.length === 0) {
    const legal = ranked.find((c) => c.kind === 'legal-notice');
    if (legal) out.push(legal);
  }
  return out;
}

/** The links of an HTML document (for the cookie-policy link inside a privacy policy). */
export function linksOfHtml(html: string): PageLink[] {
  const $ = load(html);
  return $('a[href]').toArray().slice(0, 2000).map((el) => ({ href: $(el).attr('href') ?? '', text: $(el).text() || ($(el).attr('aria-label') ?? '') }));
}

/** True when the text reads as a policy: long enough and with enough distinct verification terms. */
export function readsAsPolicy(text: string, vocab: PolicyVocabulary): boolean {
  const lower = matchForm(text);
  if (lower.length < vocab.verification.minChars) return false;
  const found = vocab.verification.terms.filter((t) => lower.includes(t.toLowerCase()));
  return new Set(found).size >= vocab.verification.minTerms;
}
