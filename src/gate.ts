/**
 * CI gating on a report, lighthouse-ci style: pure functions that decide the exit code and say why;
 * the CLI only prints `summary` and exits with `exitCode`. The gate is a fold over the sites, one
 * at a time, keeping counts and capped lists, so it judges a report of any size in bounded memory.
 *
 * Exit codes: 0 pass · 1 a finding at the `failOn` level or above remains (after the baseline and
 * `maxFindings` allowances) · 3 a site could not be audited (or a rule errored on one) and
 * `allowErrors` is off. 1 wins over 3: a breach is a definite answer. (2 is the CLI's, for usage/config errors.)
 *
 * @example
 *   const result = gate(report, { failOn: 'error', baseline: old, maxFindings: maxFindingsFromConfig(config) });
 *   // or site by site: const run = startGate(options); run.add(site); … run.result()
 *   result.summary.forEach((line) => console.log(line));
 *   process.exitCode = result.exitCode;
 */
import { Baseline, findingsOfSite, type BaselineFinding, type SiteFinding } from './baseline.ts';
import { configForUrl, type ResolvedConfig } from './config.ts';
import type { ReportSource, Severity, SiteAudit } from './model.ts';

export type FailOn = Severity | 'never';
export const FAIL_ON: readonly FailOn[] = ['error', 'warn', 'never'];

/** Findings of `ruleId` tolerated on the site at `siteUrl` before the rule gates; null/undefined = none. */
export type MaxFindings = Record<string, number | null | undefined> | ((siteUrl: string, ruleId: string) => number | null | undefined);

export interface GateOptions {
  /** Lowest severity that fails the gate; default `error`. */
  failOn?: FailOn;
  /** Tolerate sites that could not be audited (and rule errors); default false. */
  allowErrors?: boolean;
  /** An earlier report (or its Baseline): only findings not already in it can fail the gate. */
  baseline?: Baseline | ReportSource | null;
  /** Allowance per rule, counted per site of the report (so per-URL overrides apply; two targets that land on one URL are two sites here). */
  maxFindings?: MaxFindings;
}

export interface UnauditedSite { url: string; code: string; message: string }
export interface RuleError { url: string; rule: string; message: string }

/**
 * Each list holds its first GATE_LIST_LIMIT items (`counts` has how many there are), so a gate over
 * 200,000 sites keeps and prints a bounded verdict; every finding is in the report files.
 */
export const GATE_LIST_LIMIT = 1000;

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
  fixed: BaselineFinding[];
  unauditedSites: UnauditedSite[];
  ruleErrors: RuleError[];
  /** How many items each list above has in all. */
  counts: Record<'failing' | 'tolerated' | 'newFindings' | 'knownFindings' | 'fixed' | 'unauditedSites' | 'ruleErrors', number>;
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

/** A list that keeps its first GATE_LIST_LIMIT items and counts them all. */
class Capped<T> {
  readonly items: T[] = [];
  count = 0;
  push(...items: T[]): void {
    for (const item of items) if (this.count++ < GATE_LIST_LIMIT) this.items.push(item);
  }
  /** The line saying how many were left out, when some were. */
  more(what: string): string[] {
    return this.count > this.items.length ? [`  … and ${this.count - this.items.length} more ${what} (every one is in the report files).`] : [];
  }
}

/** The gate, fed one site at a time (the report is never needed whole); `result()` once all are in. */
export interface GateRun {
  add(site: SiteAudit): void;
  result(): GateResult;
}

/** Starts a gate run; see the module comment for the exit codes. */
export function startGate(options: GateOptions = {}): GateRun {
  const failOn = options.failOn ?? 'error';
  const baseline = options.baseline instanceof Baseline ? options.baseline
    : options.baseline ? Baseline.of(options.baseline.sites) : null;
  const match = baseline?.match() ?? null;
  const failing = new Capped<SiteFinding>();
  const tolerated = new Capped<SiteFinding>();
  const added = new Capped<SiteFinding>();
  const known = new Capped<SiteFinding>();
  const unaudited = new Capped<UnauditedSite>();
  const ruleErrors = new Capped<RuleError>();
  let sites = 0;
  const found = { all: 0, error: 0, warn: 0 };

  function add(site: SiteAudit): void {
    sites++;
    if (site.status !== 'ok') {
      unaudited.push({ url: site.url, code: site.error?.code ?? 'error', message: site.error?.message ?? 'unknown error' });
    } else {
      for (const r of site.rules) if (r.outcome === 'error') ruleErrors.push({ url: site.finalUrl || site.url, rule: r.id, message: r.notes.join(' ') || 'rule error' });
    }
    const all = findingsOfSite(site);
    for (const f of all) {
      found.all++;
      if (f.severity === 'error') found.error++;
      else if (f.severity === 'warn') found.warn++;
    }
    const diff = match ? match.site(site, all) : { known: [], added: all };
    known.push(...diff.known);
    added.push(...diff.added);
    // Allowances apply per site and rule, to the new findings that reach the threshold.
    const groups = new Map<string, SiteFinding[]>();
    for (const f of diff.added) {
      if (!reaches(f.severity, failOn)) continue;
      const g = groups.get(f.rule) ?? [];
      g.push(f);
      groups.set(f.rule, g);
    }
    for (const [rule, items] of groups) {
      (items.length > allowance(options.maxFindings, items[0]!.site, rule) ? failing : tolerated).push(...items);
    }
  }

  function result(): GateResult {
    const fixed = new Capped<BaselineFinding>();
    if (match) for (const f of match.fixed()) fixed.push(f);
    const blockedByErrors = !options.allowErrors && (unaudited.count > 0 || ruleErrors.count > 0);
    const exitCode: 0 | 1 | 3 = failing.count > 0 ? 1 : blockedByErrors ? 3 : 0;

    const summary: string[] = [];
    summary.push(`Audited ${sites - unaudited.count} of ${plural(sites, 'site')}: ${plural(found.all, 'finding')} (${found.error} error, ${found.warn} warn).`);
    if (baseline) {
      summary.push(`Against the baseline: ${added.count} new, ${known.count} already known, ${fixed.count} fixed.`);
      for (const f of fixed.items) summary.push(`  fixed: ${f.site} · ${f.rule}${f.cookie ? ` · ${f.cookie}` : ''}`);
      summary.push(...fixed.more('fixed findings'));
    }
    for (const f of failing.items) summary.push(describe(f));
    summary.push(...failing.more('failing findings'));
    if (tolerated.count > 0) summary.push(`${plural(tolerated.count, 'finding')} within the rules' maxFindings allowance.`);
    for (const s of unaudited.items) summary.push(`Could not audit ${s.url}: ${s.code}: ${s.message}`);
    summary.push(...unaudited.more('sites that could not be audited'));
    for (const e of ruleErrors.items) summary.push(`Rule ${e.rule} errored on ${e.url}: ${e.message}`);
    summary.push(...ruleErrors.more('rule errors'));
    if (exitCode === 1) {
      summary.push(`FAIL: ${plural(failing.count, 'finding')} at level ${failOn}${failOn === 'error' ? '' : ' or above'}${baseline ? ' not in the baseline' : ''}.`);
    } else if (exitCode === 3) {
      const what = [
        unaudited.count > 0 ? `${plural(unaudited.count, 'site')} could not be audited` : '',
        ruleErrors.count > 0 ? `${plural(ruleErrors.count, 'rule')} errored` : '',
      ].filter(Boolean).join(' and ');
      summary.push(`FAIL: ${what}; pass --allow-errors to tolerate this.`);
    } else {
      summary.push(failOn === 'never' ? 'PASS: --fail-on never, findings do not fail the run.' : `PASS: no finding at level ${failOn}${failOn === 'error' ? '' : ' or above'} to fail on.`);
    }
    return {
      exitCode, failing: failing.items, tolerated: tolerated.items, newFindings: added.items, knownFindings: known.items,
      fixed: fixed.items, unauditedSites: unaudited.items, ruleErrors: ruleErrors.items,
      counts: {
        failing: failing.count, tolerated: tolerated.count, newFindings: added.count, knownFindings: known.count,
        fixed: fixed.count, unauditedSites: unaudited.count, ruleErrors: ruleErrors.count,
      },
      summary,
    };
  }
  return { add, result };
}

/** Decides whether a report passes the gate, reading its sites once; see the module comment for the exit codes. */
export function gate(report: ReportSource, options: GateOptions = {}): GateResult {
  const run = startGate(options);
  for (const site of report.sites) run.add(site);
  return run.result();
}
