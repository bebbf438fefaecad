/**
 * Read-only views of a report shared by the renderers: the outcome of each site × rule, totals,
 * the share of sites failing each rule. Never a verdict of its own: it only counts what the report says.
 * The digest is folded one site at a time, so the renderers know the totals and the rule columns
 * before they stream the sites.
 *
 * @example
 *   cellOutcome(site, 'cookie-lifetime'); // 'fail'
 *   digestReport(report).totals.sitesFailing; // 1
 */
import type { Outcome, ReportSource, RuleResult, SiteAudit } from '../src/model.ts';
import { orderRuleIds } from './rule-info.ts';
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

/** What the renderers need to know of all the sites before writing any: totals, rule columns and titles. */
export interface ReportDigest {
  /** Every rule id the report mentions, in registry order first, then any unknown ones as met. */
  ids: string[];
  /** The title the first result of each rule gives (for a rule the registry does not know). */
  titles: Map<string, string | undefined>;
  totals: Totals;
  /** The label of the first site (the HTML title names a lone site). */
  firstLabel: string | null;
}

interface RuleCount { fail: number; pass: number; notApplicable: number; error: number; findings: number }

/** The digest, fed one site at a time in report order. */
export class DigestFold {
  private readonly rules = new Map<string, RuleCount>();
  private readonly titles = new Map<string, string | undefined>();
  private readonly n = { sites: 0, audited: 0, errorSites: 0, sitesFailing: 0, findings: 0, errors: 0, warnings: 0, cookies: 0 };
  private firstLabel: string | null = null;

  private count(id: string): RuleCount {
    let c = this.rules.get(id);
    if (!c) this.rules.set(id, c = { fail: 0, pass: 0, notApplicable: 0, error: 0, findings: 0 });
    return c;
  }

  add(site: SiteAudit): void {
    const n = this.n;
    if (n.sites++ === 0) this.firstLabel = siteLabel(site);
    for (const r of site.rules) {
      this.count(r.id);
      if (!this.titles.has(r.id)) this.titles.set(r.id, r.title);
    }
    for (const f of site.findings) {
      this.count(f.rule).findings++;
      n.findings++;
      if (f.severity === 'error') n.errors++;
      else if (f.severity === 'warn') n.warnings++;
    }
    // A site that could not be audited is an `error` cell in every column: counted at the end.
    if (site.status === 'error') n.errorSites++;
    else {
      for (const id of new Set(site.rules.map((r) => r.id))) {
        const cell = cellOutcome(site, id);
        const c = this.count(id);
        if (cell === 'fail') c.fail++;
        else if (cell === 'pass') c.pass++;
        else if (cell === 'not-applicable') c.notApplicable++;
        else if (cell === 'error') c.error++;
      }
    }
    if (site.status === 'ok') n.audited++;
    if (isFailingSite(site)) n.sitesFailing++;
    n.cookies += site.cookies.length;
  }

  result(head: Pick<ReportSource, 'config'>): ReportDigest {
    const n = this.n;
    const ids = orderRuleIds(this.rules.keys(), head.config);
    const rules: RuleStat[] = ids.map((id) => {
      const c = this.rules.get(id) ?? { fail: 0, pass: 0, notApplicable: 0, error: 0, findings: 0 };
      return { id, fail: c.fail, pass: c.pass, notApplicable: c.notApplicable, error: c.error + n.errorSites, judged: c.fail + c.pass, findings: c.findings };
    });
    return {
      ids,
      titles: this.titles,
      firstLabel: this.firstLabel,
      totals: {
        sites: n.sites, audited: n.audited, unaudited: n.sites - n.audited, sitesFailing: n.sitesFailing,
        findings: n.findings, errors: n.errors, warnings: n.warnings, cookies: n.cookies, rules,
      },
    };
  }
}

/** The digest of a report, reading its sites once. */
export function digestReport(report: ReportSource): ReportDigest {
  const fold = new DigestFold();
  for (const site of report.sites) fold.add(site);
  return fold.result(report);
}

export function totals(report: ReportSource): Totals {
  return digestReport(report).totals;
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
