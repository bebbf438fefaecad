/**
 * What counts as a failing site, in one place for the report's totals, the CLI's summary table and
 * the extension's badge: an audited site with at least one rule that failed. A rule that was not
 * applicable or broke is no failure; an unaudited site is counted apart, never as failing.
 *
 * @example failingRuleIds(site) // ['cookies-before-consent', 'consent-banner']
 */
import type { SiteAudit } from './model.ts';

export function failingRuleIds(site: Pick<SiteAudit, 'rules'>): string[] {
  return site.rules.filter((r) => r.outcome === 'fail').map((r) => r.id);
}

export function isFailingSite(site: Pick<SiteAudit, 'status' | 'rules'>): boolean {
  return site.status === 'ok' && failingRuleIds(site).length > 0;
}
