/**
 * Reads a site's privacy and cookie policy (issue #16), after its phases: the best cookie-policy and
 * privacy-policy links of the initial page and its banner (policy-finder.ts), then one cookie-policy
 * link found inside them, else the vocabulary's common paths (until two answer with the same page,
 * as a site that answers any path alike does). Each page is read RENDERED (consent
 * tools build their cookie tables with scripts) in a fresh browser context of the policy step's own, whose
 * cookies are never counted, and kept only when it reads as a policy. A per-run cache makes one document
 * fetched once however many sites link to it.
 *
 * @example
 *   const cache = new PolicyCache();
 *   const policy = await readPolicy(browser, { pageUrl: 'https://a.fr/', links, configured: null }, { cache, timeout: 30000, settle: 3000 });
 *   policy.documents[0]?.claims // [{ kind: 'cookie-declared', name: '_ga', lifetimeDays: 395.68, … }]
 */
import { createHash } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'puppeteer-core';
import { extractClaims, POLICY_VOCABULARY, type PolicyVocabulary } from '../policy/index.ts';
import type { ObservedPolicy, PolicyDocument, PolicyKind } from '../src/model.ts';
import { withDeadline } from './wait.ts';
import { linksOfHtml, policyCandidates, rankLinks, readsAsPolicy, withoutHash, type PageLink } from './policy-finder.ts';

/** One rendered page as read (or why it could not be). */
export interface FetchedPage {
  /** The URL after redirects. */
  url: string;
  status: number | null;
  html: string;
  /** The visible text (document.body.innerText). */
  text: string;
  error: string | null;
}

/** Largest page kept, in characters. */
const MAX_HTML = 3_000_000;

/** Pages read in this run, by URL: a policy linked from 35 subdomains is rendered once. */
export class PolicyCache {
  private readonly pages = new Map<string, Promise<FetchedPage>>();
  /** How many pages were actually rendered (the rest came from the cache). */
  renders = 0;
  get(url: string, render: () => Promise<FetchedPage>): Promise<FetchedPage> {
    const key = withoutHash(url);
    let hit = this.pages.get(key);
    if (!hit) {
      this.renders++;
      hit = render();
      this.pages.set(key, hit);
    }
    return hit;
  }
}

export interface PolicyReadOptions {
  cache: PolicyCache;
  /** Navigation time limit, ms. */
  timeout: number;
  /** The crawl's settle time; a policy page waits at most 1.5 s of it for its scripts. */
  settle: number;
  vocab?: PolicyVocabulary;
  signal?: AbortSignal;
}

/** Renders one page in the policy step's own context (never a phase's) and reads its HTML and text. */
export async function renderPage(context: BrowserContext, url: string, o: Pick<PolicyReadOptions, 'timeout' | 'settle'>): Promise<FetchedPage> {
  let page: Page | null = null;
  try {
    page = await context.newPage();
    page.on('dialog', (d) => void d.dismiss().catch(() => {}));
    const response = await page.goto(url, { waitUntil: 'load', timeout: o.timeout });
    const status = response?.status() ?? null;
    if (status !== null && status >= 400) return { url: page.url(), status, html: '', text: '', error: null };
    // Consent tools fill their declaration tables from a script after load.
    await new Promise((r) => setTimeout(r, Math.min(1500, Math.max(300, o.settle))));
    await page.waitForNetworkIdle({ idleTime: 300, timeout: 3000 }).catch(() => {});
    const html = (await page.content()).slice(0, MAX_HTML);
    const text = String(await page.evaluate('document.body ? document.body.innerText : ""').catch(() => '')).slice(0, MAX_HTML);
    return { url: page.url(), status, html, text, error: null };
  } catch (error) {
    return { url, status: null, html: '', text: '', error: error instanceof Error ? error.message.split('\n')[0]!.slice(0, 300) : String(error) };
  } finally {
    await page?.close().catch(() => {});
  }
}

/** A page already read under another URL and not a policy: the site answers any path alike, so the common paths stop. */
const SAME_PAGE = 'same-page';

interface Want { url: string; kind: PolicyKind; foundBy: PolicyDocument['foundBy']; linkText: string | null }

/**
 * Finds and reads the policy. `configured` (`--policy URL`, `policyUrl`) replaces the search: that
 * one document is read, whatever it looks like.
 */
export async function readPolicy(
  browser: Browser, site: { pageUrl: string; links: readonly PageLink[]; configured: string | null }, o: PolicyReadOptions,
): Promise<ObservedPolicy> {
  const vocab = o.vocab ?? POLICY_VOCABULARY;
  const policy: ObservedPolicy = { mode: site.configured ? 'url' : 'auto', documents: [], tried: [] };
  const seen = new Set<string>();
  // One fresh context for the whole policy step: its cookies are never read, and it is closed at the end.
  const own: { context: Promise<BrowserContext> | null } = { context: null };
  const contextOf = () => (own.context ??= browser.createBrowserContext({ downloadBehavior: { policy: 'deny' } }));
  try {
    return await find();
  } finally {
    const opened = own.context;
    if (opened) await opened.then((c) => withDeadline(c.close(), 10_000, () => new Error('context close timed out'))).catch(() => {});
  }

  async function find(): Promise<ObservedPolicy> {
  // Pages read that were not policies, by content: a site that answers every path with one page
  // (a catch-all, its home page) would otherwise have each common path rendered in vain.
  const notPolicies = new Set<string>();
  const read = async (want: Want, mustRead: boolean): Promise<FetchedPage | null> => {
    const key = withoutHash(want.url);
    if (seen.has(key) || o.signal?.aborted) return null;
    seen.add(key);
    const page = await o.cache.get(key, async () => renderPage(await contextOf(), key, o));
    let outcome: string;
    if (page.error) outcome = `error: ${page.error}`;
    else if (page.status !== null && page.status >= 400) outcome = `http-${page.status}`;
    else if (!mustRead && !readsAsPolicy(page.text || page.html, vocab)) {
      const content = createHash('sha256').update(page.text || page.html).digest('hex');
      outcome = notPolicies.has(content) ? SAME_PAGE : 'not-a-policy';
      notPolicies.add(content);
    } else outcome = 'policy';
    policy.tried.push({ url: key, outcome });
    if (outcome !== 'policy') return null;
    if (policy.documents.some((d) => d.url === withoutHash(page.url))) return null;
    policy.documents.push({
      url: withoutHash(page.url), kind: want.kind, foundBy: want.foundBy, linkText: want.linkText,
      claims: extractClaims(page.html, vocab),
    });
    return page;
  };

  if (site.configured) {
    await read({ url: site.configured, kind: 'privacy-policy', foundBy: 'config', linkText: null }, true);
    return policy;
  }
  const kept: FetchedPage[] = [];
  for (const c of policyCandidates(site.links, site.pageUrl, vocab)) {
    const page = await read({ url: c.url, kind: c.kind, foundBy: c.inBanner ? 'banner-link' : 'page-link', linkText: c.text }, false);
    if (page) kept.push(page);
  }
  // A privacy policy that points to a separate cookie policy: one such link is followed.
  if (!policy.documents.some((d) => d.kind === 'cookie-policy')) {
    for (const page of kept) {
      const inner = rankLinks(linksOfHtml(page.html), page.url, vocab).find((c) => c.kind === 'cookie-policy' && !seen.has(c.url));
      if (inner) {
        await read({ url: inner.url, kind: 'cookie-policy', foundBy: 'policy-link', linkText: inner.text }, false);
        break;
      }
    }
  }
  if (policy.documents.length === 0) {
    const origin = new URL(site.pageUrl).origin;
    for (const path of vocab.policyLinks.commonPaths) {
      const kind: PolicyKind = /cookie/i.test(path) ? 'cookie-policy' : /legal|mentions/i.test(path) ? 'legal-notice' : 'privacy-policy';
      if (await read({ url: `${origin}${path}`, kind, foundBy: 'common-path', linkText: null }, false)) break;
      if (policy.tried.at(-1)?.outcome === SAME_PAGE) break;
    }
  }
  return policy;
  }
}
