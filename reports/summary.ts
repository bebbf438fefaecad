/**
 * Read-only views of a report shared by the renderers: the outcome of each site × rule, totals,
 * the share of sites failing each rule. Never a verdict of its own: it only counts what the report says.
 *
 * @example
 *   cellOutcome(site, 'cookie-lifetime'); // 'fail'
 */
import type { Outcome, Report, RuleResult, SiteAudit } from '../src/model.ts';
import { reportRuleIds } from './rule-info.ts';
import { isFailingSite } from '../src/site-verdict.ts';

/** A grid cell: the rule's outcome, or `error` for a site that could not be audited, `absent` when the rule did not run. */
export type Cell = Outcome | 'absent';

export function ruleResult(site: SiteAudit, ruleId: string): RuleResult | undefined {
  return site.rules.find((r) => r.id === ruleId);
}

export function cellOutcome(site: SiteAudit, ruleId: string): Cell {
  if (site.status === 'error') return 'error';
  return ruleResult(site, ruleId)?.outcome ?? 'absent';
}

export interface RuleStat {
  id: string;
  fail: number;
  pass: number;
  notApplicable: number;
  error: number;
  /** Sites the rule judged (pass or fail): the denominator of the share failing. */
  judged: number;
  findings: number;
}

export interface Totals {
  sites: number;
  audited: number;
  unaudited: number;
  sitesFailing: number;
  findings: number;
  errors: number;
  warnings: number;
  cookies: number;
  rules: RuleStat[];
}

export function totals(report: Report): Totals {
  const ids = reportRuleIds(report);
  const rules: RuleStat[] = ids.map((id) => {
    const stat: RuleStat = { id, fail: 0, pass: 0, notApplicable: 0, error: 0, judged: 0, findings: 0 };
    for (const site of report.sites) {
      const cell = cellOutcome(site, id);
      if (cell === 'fail') stat.fail++;
      else if (cell === 'pass') stat.pass++;
      else if (cell === 'not-applicable') stat.notApplicable++;
      else if (cell === 'error') stat.error++;
      stat.findings += site.findings.filter((f) => f.rule === id).length;
    }
    stat.judged = stat.fail + stat.pass;
    return stat;
  });
  const findings = report.sites.flatMap((s) => s.findings);
  return {
    sites: report.sites.length,
    audited: report.sites.filter((s) => s.status === 'ok').length,
    unaudited: report.sites.filter((s) => s.status !== 'ok').length,
    sitesFailing: report.sites.filter(isFailingSite).length,
    findings: findings.length,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warn').length,
    cookies: report.sites.reduce((n, s) => n + s.cookies.length, 0),
    rules,
  };
}

/** The host to show for a site, e.g. `www.example.fr`; the raw text when it is not a URL. */
export function siteLabel(site: Pick<SiteAudit, 'url' | 'finalUrl'>): string {
  const raw = site.finalUrl || site.url;
  try {
    const u = new URL(raw);
    return u.host + (u.pathname !== '/' ? u.pathname : '');
  } catch {
    return raw;
  }
}

/** True for an http(s) URL, the only kind a report ever turns into a link. */
export function isWebUrl(raw: string | null | undefined): raw is string {
  if (!raw) return false;
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
