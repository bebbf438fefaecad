/**
 * What a rule module exports, the way a Lighthouse audit is declared: `meta` plus a pure `evaluate()`.
 *
 * @example
 *   export const meta: RuleMeta = { id: 'cookie-lifetime', requiredObservations: ['initial', 'accepted', 'refused'], … };
 *   export function evaluate(obs: RuleInput, ctx: RuleContext): RuleOutput { return { findings: [] }; }
 */
import type { Exemption, Finding, ObservedCookie, Phase, PhaseObservations, Severity } from './model.ts';

export interface RuleMeta {
  /** A noun, equal to the file name `rules/<id>.ts`. */
  id: string;
  /** Shown when the rule passes. */
  title: string;
  /** Shown when it fails. */
  failureTitle: string;
  /** What it checks and why, with its legal source (CNIL / ePrivacy reference). */
  description: string;
  /** Where to read the law, for reports. */
  legalReference: { label: string; url: string };
  /** What the site owner should do when it fails. */
  remedy: string;
  /** The phases the rule reads; the runner passes only these. */
  requiredObservations: readonly Phase[];
  defaultSeverity: Severity;
}

/** The subset of a site's observations a rule declared; phases that were not observed are absent. */
export interface RuleInput {
  url: string;
  finalUrl: string;
  phases: Partial<Record<Phase, PhaseObservations>>;
}

/** Pure helpers and settings the runner hands to every rule. */
export interface RuleContext {
  /** Resolved configuration values the rules read. */
  maxLifetimeMonths: number;
  /** Exempt or not, and why. */
  classify(cookie: Pick<ObservedCookie, 'name' | 'domain'>): Exemption;
  /** Name of the tracker/analytics service a URL belongs to, or null. */
  trackerOf(url: string): string | null;
}

/** A finding before the runner stamps its rule id and configured severity. */
export type DraftFinding = Omit<Finding, 'rule' | 'severity'>;

/** What `evaluate()` returns: findings (none = pass, with optional notes) or "not applicable" with why. */
export type RuleOutput =
  | { findings: DraftFinding[]; notes?: string[] }
  | { notApplicable: string };

export interface RuleModule {
  meta: RuleMeta;
  evaluate(input: RuleInput, context: RuleContext): RuleOutput;
}
