/**
 * "Policy vs practice" (issue #16), the rows every renderer shows: each claim of the site's policy
 * with its quote and section, what the audit saw, and the verdict. Findings of the policy rules come
 * first (their quote, their sentence as what was seen); the other checkable claims follow as "no
 * contradiction seen". Plain data: each format escapes it its own way.
 *
 * @example policyRows(site, 'fr')[0] // { claim: 'Durée annoncée', quote: '_ga | … | 13 mois', section: 'Cookies', seen: 'Écart potentiel : …', verdict: 'fail', policyUrl: '…' }
 */
import type { Lang } from '../src/messages.ts';
import type { SiteAudit } from '../src/model.ts';
import type { PolicyClaim } from '../src/claim-contract.ts';
import { t } from './i18n.ts';
import { findingText } from './sentences.ts';

export const POLICY_RULES = ['policy-cookie-declaration', 'policy-tracker-declaration', 'policy-cookie-lifetime', 'policy-claims'];

export interface PolicyRow {
  claim: string;
  quote: string;
  section: string;
  seen: string;
  verdict: 'fail' | 'pass';
  policyUrl: string;
}

/** At most this many rows per site. */
export const MAX_POLICY_ROWS = 60;

const SHOWN_KINDS: ReadonlyArray<PolicyClaim['kind']> = [
  'no-cookies-before-consent', 'no-cookies-at-all', 'ip-anonymised', 'banner', 'consent-validity',
  'cookie-lifetime', 'cookie-declared', 'vendor', 'implied-consent',
];

function claimLabel(c: PolicyClaim, lang: Lang): string {
  const label = t(lang, `policy.kind.${c.kind}`);
  if (c.kind === 'cookie-declared') return `${label}: ${c.name}`;
  if (c.kind === 'vendor') return `${label}: ${c.name}`;
  return label;
}

/** The rows of one site; empty when no policy was read. */
export function policyRows(site: SiteAudit, lang: Lang): PolicyRow[] {
  const docs = site.policy?.documents ?? [];
  if (docs.length === 0) return [];
  const rows: PolicyRow[] = [];
  const flagged = new Set<string>();
  for (const f of site.findings.filter((x) => POLICY_RULES.includes(x.rule))) {
    const ev = f.evidence ?? {};
    const quote = typeof ev.quote === 'string' ? ev.quote : '';
    if (quote) flagged.add(quote);
    const urls = Array.isArray(ev.policyUrls) ? ev.policyUrls.filter((u): u is string => typeof u === 'string') : [];
    rows.push({
      claim: t(lang, `policy.rule.${f.rule}`),
      quote,
      section: typeof ev.section === 'string' ? ev.section : '',
      seen: findingText(f, lang),
      verdict: 'fail',
      policyUrl: typeof ev.policyUrl === 'string' ? ev.policyUrl : urls[0] ?? docs[0]!.url,
    });
  }
  for (const d of docs) {
    for (const c of Array.isArray(d.claims) ? d.claims : []) {
      if (!SHOWN_KINDS.includes(c.kind) || flagged.has(c.quote)) continue;
      rows.push({ claim: claimLabel(c, lang), quote: c.quote, section: c.section, seen: '—', verdict: 'pass', policyUrl: d.url });
    }
  }
  return rows.slice(0, MAX_POLICY_ROWS);
}

/** One line on what was read: the documents, or what was tried. */
export function policySummary(site: SiteAudit, lang: Lang): string | null {
  const p = site.policy;
  if (!p) return null;
  if (p.documents.length === 0) {
    const tried = p.tried.slice(0, 10).map((x) => `${x.url} (${x.outcome})`).join(', ');
    return t(lang, 'policy.none', { tried: tried || '—' });
  }
  return p.documents.map((d) => `${t(lang, `policy.docKind.${d.kind}`)}: ${d.url} (${t(lang, `policy.foundBy.${d.foundBy}`)})`).join(' · ');
}

/** How the policy speaks of a cookie, in one short phrase. */
export function cookiePolicyText(c: SiteAudit['cookies'][number], lang: Lang): string {
  const p = c.policy;
  if (!p) return '';
  const by = p.declaredBy === 'name' ? t(lang, 'policy.cookie.byName') : p.declaredBy === 'vendor' ? t(lang, 'policy.cookie.byVendor') : t(lang, 'policy.cookie.undeclared');
  const life = p.claimedSession ? t(lang, 'policy.cookie.session') : p.claimedDays !== null ? t(lang, 'policy.cookie.days', { days: Math.round(p.claimedDays) }) : '';
  return [by, life].filter(Boolean).join(' · ');
}
