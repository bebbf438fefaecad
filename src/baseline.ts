/**
 * Matching findings against a baseline report: by site (final URL origin + path, normalised), rule,
 * and cookie (name + domain). Pure, so it bundles anywhere.
 *
 * @example
 *   const diff = compareToBaseline(current, baseline);
 *   diff.added;  // findings not in the baseline
 *   diff.fixed;  // baseline findings gone from a site audited again
 */
import type { Finding, Report, SiteAudit } from './model.ts';

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

/** Every finding of a report with its site and key, in report order. */
export function siteFindings(report: Report): SiteFinding[] {
  return report.sites.flatMap((site) => {
    const sKey = keyOfSite(site);
    return site.findings.map((f) => ({ ...f, site: site.finalUrl || site.url, siteKey: sKey, key: findingKey(sKey, f) }));
  });
}

export interface BaselineDiff {
  /** Current findings with no counterpart in the baseline. */
  added: SiteFinding[];
  /** Current findings already in the baseline. */
  known: SiteFinding[];
  /**
   * Baseline findings gone from the current report, counted only where the site was audited again
   * and the rule ran to a verdict there (an unreachable site or a rule switched off fixes nothing).
   */
  fixed: SiteFinding[];
}

/**
 * Splits the current findings into new and known, and lists what was fixed.
 * Keys are matched as a multiset: two hits of one key in the baseline excuse two now, not three.
 */
export function compareToBaseline(current: Report, baseline: Report): BaselineDiff {
  const remaining = new Map<string, SiteFinding[]>();
  for (const f of siteFindings(baseline)) {
    const list = remaining.get(f.key) ?? [];
    list.push(f);
    remaining.set(f.key, list);
  }
  const added: SiteFinding[] = [];
  const known: SiteFinding[] = [];
  for (const f of siteFindings(current)) {
    const list = remaining.get(f.key);
    if (list && list.length > 0) {
      list.shift();
      known.push(f);
    } else {
      added.push(f);
    }
  }
  const judged = new Set<string>();
  for (const site of current.sites) {
    if (site.status !== 'ok') continue;
    const sKey = keyOfSite(site);
    // Only a verdict fixes: not-applicable (e.g. no reject control could be clicked this run) and error say nothing.
    for (const r of site.rules) if (r.outcome === 'pass' || r.outcome === 'fail') judged.add(JSON.stringify([sKey, r.id]));
  }
  const fixed = [...remaining.values()].flat().filter((f) => judged.has(JSON.stringify([f.siteKey, f.rule])));
  return { added, known, fixed };
}
