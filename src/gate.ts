/**
 * CI gating on a report, lighthouse-ci style: pure functions that decide the exit code and say why;
 * the CLI only prints `summary` and exits with `exitCode`.
 *
 * Exit codes: 0 pass · 1 a finding at the `failOn` level or above remains (after the baseline and
 * `maxFindings` allowances) · 3 a site could not be audited (or a rule errored on one) and
 * `allowErrors` is off. 1 wins over 3: a breach is a definite answer. (2 is the CLI's, for usage/config errors.)
 *
 * @example
 *   const result = gate(report, { failOn: 'error', baseline: old, maxFindings: maxFindingsFromConfig(config) });
 *   result.summary.forEach((line) => console.log(line));
 *   process.exitCode = result.exitCode;
 */
import { compareToBaseline, siteFindings, type SiteFinding } from './baseline.ts';
import { configForUrl, type ResolvedConfig } from './config.ts';
import type { Report, Severity } from './model.ts';

export type FailOn = Severity | 'never';
export const FAIL_ON: readonly FailOn[] = ['error', 'warn', 'never'];

/** Findings of `ruleId` tolerated on the site at `siteUrl` before the rule gates; null/undefined = none. */
export type MaxFindings = Record<string, number | null | undefined> | ((siteUrl: string, ruleId: string) => number | null | undefined);

export interface GateOptions {
  /** Lowest severity that fails the gate; default `error`. */
  failOn?: FailOn;
  /** Tolerate sites that could not be audited (and rule errors); default false. */
  allowErrors?: boolean;
  /** An earlier report: only findings not already in it can fail the gate. */
  baseline?: Report | null;
  /** Allowance per rule, counted per site (so per-URL overrides apply). */
  maxFindings?: MaxFindings;
}

export interface UnauditedSite { url: string; code: string; message: string }
export interface RuleError { url: string; rule: string; message: string }

export interface GateResult {
  exitCode: 0 | 1 | 3;
  /** Findings that make the gate fail. */
  failing: SiteFinding[];
  /** New findings at the gating level kept within a rule's `maxFindings` allowance. */
  tolerated: SiteFinding[];
  /** Findings not in the baseline (every finding when there is no baseline), any severity. */
  newFindings: SiteFinding[];
  /** Findings already in the baseline (empty without a baseline). */
  knownFindings: SiteFinding[];
  /** Baseline findings gone from sites audited again (empty without a baseline). */
  fixed: SiteFinding[];
  unauditedSites: UnauditedSite[];
  ruleErrors: RuleError[];
  /** Human-readable lines, in the order to print them. */
  summary: string[];
}

/** `maxFindings` read from a resolved config, per-URL overrides included. */
export function maxFindingsFromConfig(config: ResolvedConfig): (siteUrl: string, ruleId: string) => number | null {
  return (siteUrl, ruleId) => configForUrl(config, siteUrl).rules[ruleId]?.maxFindings ?? null;
}

/** True when a finding of `severity` reaches the `failOn` threshold. */
export function reaches(severity: Severity, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return failOn === 'warn' || severity === 'error';
}

function allowance(max: MaxFindings | undefined, siteUrl: string, ruleId: string): number {
  const value = typeof max === 'function' ? max(siteUrl, ruleId) : max?.[ruleId];
  return typeof value === 'number' && value > 0 ? value : 0;
}

const describe = (f: SiteFinding): string =>
  `${f.severity === 'error' ? '✗' : '!'} ${f.site} · ${f.rule}${f.cookie ? ` · ${f.cookie}${f.domain ? ` (${f.domain})` : ''}` : ''}: ${f.message}`;

const plural = (n: number, one: string, many = one + 's'): string => `${n} ${n === 1 ? one : many}`;

/** Decides whether a report passes the gate; see the module comment for the exit codes. */
export function gate(report: Report, options: GateOptions = {}): GateResult {
  const failOn = options.failOn ?? 'error';
  const all = siteFindings(report);
  const diff = options.baseline ? compareToBaseline(report, options.baseline) : { added: all, known: [], fixed: [] };

  // Allowances apply per site and rule, to the new findings that reach the threshold.
  const groups = new Map<string, { siteUrl: string; rule: string; items: SiteFinding[] }>();
  for (const f of diff.added) {
    if (!reaches(f.severity, failOn)) continue;
    const id = JSON.stringify([f.siteKey, f.rule]);
    const g = groups.get(id) ?? { siteUrl: f.site, rule: f.rule, items: [] };
    g.items.push(f);
    groups.set(id, g);
  }
  const failing: SiteFinding[] = [];
  const tolerated: SiteFinding[] = [];
  for (const g of groups.values()) {
    (g.items.length > allowance(options.maxFindings, g.siteUrl, g.rule) ? failing : tolerated).push(...g.items);
  }

  const unauditedSites: UnauditedSite[] = report.sites
    .filter((s) => s.status !== 'ok')
    .map((s) => ({ url: s.url, code: s.error?.code ?? 'error', message: s.error?.message ?? 'unknown error' }));
  const ruleErrors: RuleError[] = report.sites.filter((s) => s.status === 'ok').flatMap((s) =>
    s.rules.filter((r) => r.outcome === 'error').map((r) => ({ url: s.finalUrl || s.url, rule: r.id, message: r.notes.join(' ') || 'rule error' })));

  const blockedByErrors = !options.allowErrors && (unauditedSites.length > 0 || ruleErrors.length > 0);
  const exitCode: 0 | 1 | 3 = failing.length > 0 ? 1 : blockedByErrors ? 3 : 0;

  const summary: string[] = [];
  const audited = report.sites.length - unauditedSites.length;
  summary.push(`Audited ${audited} of ${plural(report.sites.length, 'site')}: ${plural(all.length, 'finding')} (${all.filter((f) => f.severity === 'error').length} error, ${all.filter((f) => f.severity === 'warn').length} warn).`);
  if (options.baseline) {
    summary.push(`Against the baseline: ${diff.added.length} new, ${diff.known.length} already known, ${diff.fixed.length} fixed.`);
    for (const f of diff.fixed) summary.push(`  fixed: ${f.site} · ${f.rule}${f.cookie ? ` · ${f.cookie}` : ''}`);
  }
  for (const f of failing) summary.push(describe(f));
  if (tolerated.length > 0) summary.push(`${plural(tolerated.length, 'finding')} within the rules' maxFindings allowance.`);
  for (const s of unauditedSites) summary.push(`Could not audit ${s.url}: ${s.code}: ${s.message}`);
  for (const e of ruleErrors) summary.push(`Rule ${e.rule} errored on ${e.url}: ${e.message}`);
  if (exitCode === 1) {
    summary.push(`FAIL: ${plural(failing.length, 'finding')} at level ${failOn}${failOn === 'error' ? '' : ' or above'}${options.baseline ? ' not in the baseline' : ''}.`);
  } else if (exitCode === 3) {
    const what = [
      unauditedSites.length > 0 ? `${plural(unauditedSites.length, 'site')} could not be audited` : '',
      ruleErrors.length > 0 ? `${plural(ruleErrors.length, 'rule')} errored` : '',
    ].filter(Boolean).join(' and ');
    summary.push(`FAIL: ${what}; pass --allow-errors to tolerate this.`);
  } else {
    summary.push(failOn === 'never' ? 'PASS: --fail-on never, findings do not fail the run.' : `PASS: no finding at level ${failOn}${failOn === 'error' ? '' : ' or above'} to fail on.`);
  }
  return {
    exitCode, failing, tolerated, newFindings: diff.added, knownFindings: diff.known, fixed: diff.fixed,
    unauditedSites, ruleErrors, summary,
  };
}
