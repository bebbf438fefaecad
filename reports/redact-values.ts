/**
 * Removes personal data from a report unless the caller asked for it (`--include-values`): cookie
 * values, and the identifiers tracker requests carry (client/user ids, click ids, page and referrer
 * URLs — knowledge/identifier-parameters.json) in request URLs and bodies and in findings' evidence.
 * Every renderer gets the report's sites through here (reports/index.ts), so no format and no export
 * (the extension's included) holds them.
 */
import type { ReportSource, SiteAudit } from '../src/model.ts';
import { createIdentifierRedactor } from '../src/redact-identifiers.ts';
import { IDENTIFIER_PARAMETERS } from '../knowledge/index.ts';

export const IDENTIFIERS = createIdentifierRedactor(IDENTIFIER_PARAMETERS.entries);

/** Strings in evidence that are URLs (a GA hit's URL) get their identifier parameters redacted. */
function redactEvidence(value: unknown): unknown {
  if (typeof value === 'string') return /^https?:\/\//i.test(value) ? IDENTIFIERS.url(value) : value;
  if (Array.isArray(value)) return value.map(redactEvidence);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'postData' || k === 'body' ? IDENTIFIERS.body(v as string | null) : redactEvidence(v)]));
  }
  return value;
}

/** A copy of `site` without cookie values and request identifiers. */
export function redactSite(site: SiteAudit): SiteAudit {
  return {
    ...site,
    cookies: site.cookies.map((c) => ({ ...c, value: null })),
    requests: (site.requests ?? []).map((r) => ({ ...r, url: IDENTIFIERS.url(r.url), postData: IDENTIFIERS.body(r.postData) })),
    findings: site.findings.map((f) => ({
      ...f,
      ...(typeof f.message === 'string' ? { message: f.message.replace(/https?:\/\/\S+/gi, (u) => IDENTIFIERS.url(u)) } : {}),
      evidence: redactEvidence(f.evidence) as typeof f.evidence,
    })),
  };
}

/** `report` whose sites are redacted as they are read, or the report itself when values are wanted. */
export function redactedSource(report: ReportSource, includeValues: boolean): ReportSource {
  if (includeValues) return report;
  const { sites } = report;
  return { ...report, sites: { *[Symbol.iterator]() { for (const site of sites) yield redactSite(site); } } };
}
