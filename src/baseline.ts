/**
 * Matching findings against a baseline report: by site (final URL origin + path, normalised), rule,
 * and cookie (name + domain). Pure, so it bundles anywhere.
 *
 * @example
 *   const match = Baseline.of(old.sites).match();
 *   for (const site of current.sites) match.site(site, findingsOfSite(site)); // { known, added }
 *   [...match.fixed()];  // baseline findings gone from a site audited again
 */
import type { Finding, SiteAudit } from './model.ts';

/** A finding with the site it belongs to and its matching key. */
export interface SiteFinding extends Finding {
  /** The site's final URL (or its requested URL when it has none). */
  site: string;
  /** Normalised site key, e.g. `https://example.fr/shop`. */
  siteKey: string;
  /** `siteKey`, rule, cookie name and domain joined; equal keys are the same finding. */
  key: string;
}

/**
 * `https://WWW.Example.fr:443/shop/?q=1#x` → `https://www.example.fr/shop`: scheme and host lower case,
 * default port, query and fragment dropped, trailing slash trimmed. Unparseable text is kept trimmed.
 */
export function siteKey(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return raw.trim().toLowerCase();
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return u.href;
  const path = u.pathname.replace(/\/+$/, '');
  return `${u.protocol}//${u.host}${path}`;
}

/** The key of one site: its final URL, falling back to the URL it was asked for. */
export function keyOfSite(site: Pick<SiteAudit, 'url' | 'finalUrl'>): string {
  return siteKey(site.finalUrl || site.url);
}

const normDomain = (d: string | undefined): string => (d ?? '').trim().toLowerCase().replace(/^\./, '');

/** The identity of a finding: site, rule, and for per-cookie rules the cookie name and domain. */
export function findingKey(sKey: string, f: Pick<Finding, 'rule' | 'cookie' | 'domain'>): string {
  return JSON.stringify([sKey, f.rule, f.cookie ?? '', normDomain(f.domain)]);
}

/** Every finding of one site with its site and key, in report order. */
export function findingsOfSite(site: SiteAudit): SiteFinding[] {
  const sKey = keyOfSite(site);
  return site.findings.map((f) => ({ ...f, site: site.finalUrl || site.url, siteKey: sKey, key: findingKey(sKey, f) }));
}

/** A baseline finding, by what identifies it (the baseline keeps no more of it). */
export interface BaselineFinding {
  site: string;
  siteKey: string;
  rule: string;
  cookie?: string;
  domain?: string;
  key: string;
}

interface BaselineSite {
  /** The first baseline site's final URL (or requested URL) with this key, as printed. */
  site: string;
  /** Finding key → how many times the baseline has it. */
  keys: Map<string, number>;
}

/**
 * A baseline report reduced to what matching needs: per site key, its findings' keys counted
 * (a multiset: two hits of one key in the baseline excuse two now, not three). Built from the
 * sites one at a time, so a baseline of any size is never in memory whole.
 */
export class Baseline {
  private readonly bySite = new Map<string, BaselineSite>();

  static of(sites: Iterable<SiteAudit>): Baseline {
    const baseline = new Baseline();
    for (const site of sites) baseline.add(site);
    return baseline;
  }

  add(site: SiteAudit): void {
    if (site.findings.length === 0) return;
    const sKey = keyOfSite(site);
    let entry = this.bySite.get(sKey);
    if (!entry) this.bySite.set(sKey, entry = { site: site.finalUrl || site.url, keys: new Map() });
    for (const f of site.findings) {
      const key = findingKey(sKey, f);
      entry.keys.set(key, (entry.keys.get(key) ?? 0) + 1);
    }
  }

  /** A fresh matching of current findings against this baseline (the baseline itself is not changed). */
  match(): BaselineMatch {
    return new BaselineMatch(this.bySite);
  }
}

/**
 * Current sites matched against a baseline, one at a time: each current finding is known (it uses
 * up one of the baseline's) or new; at the end, the baseline findings left over are fixed where
 * their site was audited again and the rule ran to a verdict there (an unreachable site or a rule
 * switched off fixes nothing).
 */
export class BaselineMatch {
  private readonly left = new Map<string, Map<string, number>>();
  private readonly judged = new Map<string, Set<string>>();

  constructor(private readonly bySite: ReadonlyMap<string, BaselineSite>) {}

  /** Splits one current site's findings into known and new; call once per site, in report order. */
  site(site: SiteAudit, findings: readonly SiteFinding[]): { known: SiteFinding[]; added: SiteFinding[] } {
    const sKey = keyOfSite(site);
    const entry = this.bySite.get(sKey);
    if (!entry) return { known: [], added: [...findings] };
    let left = this.left.get(sKey);
    if (!left) this.left.set(sKey, left = new Map(entry.keys));
    const known: SiteFinding[] = [];
    const added: SiteFinding[] = [];
    for (const f of findings) {
      const n = left.get(f.key) ?? 0;
      if (n > 0) {
        left.set(f.key, n - 1);
        known.push(f);
      } else {
        added.push(f);
      }
    }
    if (site.status === 'ok') {
      let rules = this.judged.get(sKey);
      if (!rules) this.judged.set(sKey, rules = new Set());
      // Only a verdict fixes: not-applicable (e.g. no reject control could be clicked this run) and error say nothing.
      for (const r of site.rules) if (r.outcome === 'pass' || r.outcome === 'fail') rules.add(r.id);
    }
    return { known, added };
  }

  /** The baseline findings gone (one per hit left over, in baseline order), once every current site is in. */
  *fixed(): Generator<BaselineFinding> {
    for (const [sKey, entry] of this.bySite) {
      const rules = this.judged.get(sKey);
      if (!rules) continue;
      for (const [key, n] of this.left.get(sKey)!) {
        const [, rule, cookie, domain] = JSON.parse(key) as [string, string, string, string];
        if (n === 0 || !rules.has(rule)) continue;
        const f: BaselineFinding = { site: entry.site, siteKey: sKey, rule, ...(cookie ? { cookie } : {}), ...(domain ? { domain } : {}), key };
        for (let i = 0; i < n; i++) yield f;
      }
    }
  }
}
