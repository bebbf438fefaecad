/**
 * What a rule module exports, the way a Lighthouse audit is declared: `meta` plus a pure `evaluate()`.
 * Every sentence a rule produces is declared in `meta.messages` in English and French, ESLint style,
 * and findings, notes and "not applicable" reasons name a message id with their data
 * (src/messages.ts); the engine renders the English `message`, the renderers the report's language.
 *
 * @example
 *   export const meta: RuleMeta = {
 *     id: 'cookie-lifetime', title: { en: 'Cookies expire…', fr: 'Les cookies expirent…' }, …,
 *     messages: { tooLong: { en: 'Cookie "{{name}}" lives {{days}} days.', fr: 'Le cookie « {{name}} » vit {{days}} jours.' } },
 *   };
 *   export function evaluate(obs: RuleInput, ctx: RuleContext): RuleOutput {
 *     return { findings: [{ cookie: '_ga', messageId: 'tooLong', data: { name: '_ga', days: 730 }, evidence: {} }] };
 *   }
 */
import type { LocalizedText, MessageCatalog, MessageData } from './messages.ts';
import type { Exemption, Finding, ObservedCookie, ObservedPolicy, Phase, PhaseObservations, Severity } from './model.ts';
import type { RefusalProminence } from './knowledge.ts';

export type { LocalizedText, MessageCatalog, MessageData } from './messages.ts';

export interface RuleMeta {
  /** A noun, equal to the file name `rules/<id>.ts`. */
  id: string;
  /** Shown when the rule passes. */
  title: LocalizedText;
  /** Shown when it fails. */
  failureTitle: LocalizedText;
  /** What it checks and why, with its legal source (CNIL / ePrivacy reference). */
  description: LocalizedText;
  /** Where to read the law, for reports. */
  legalReference: { label: LocalizedText; url: string };
  /** What the site owner should do when it fails. */
  remedy: LocalizedText;
  /**
   * Every sentence of its findings, notes and "not applicable" reasons, by message id:
   * `{ en, fr }` templates with `{{placeholders}}` filled from the finding's `data`.
   */
  messages: MessageCatalog;
  /** The phases the rule reads; the runner passes only these. */
  requiredObservations: readonly Phase[];
  defaultSeverity: Severity;
}

/** The subset of a site's observations a rule declared; phases that were not observed are absent. */
export interface RuleInput {
  url: string;
  finalUrl: string;
  phases: Partial<Record<Phase, PhaseObservations>>;
  /** The site's policy as the collector read it (absent when it did not look: extension, `--policy off`). */
  policy?: ObservedPolicy;
}

/** Pure helpers and settings the runner hands to every rule. */
export interface RuleContext {
  /** Resolved configuration values the rules read. */
  maxLifetimeMonths: number;
  /** Exempt or not, and why. */
  classify(cookie: Pick<ObservedCookie, 'name' | 'domain'> & Partial<ObservedCookie>): Exemption;
  /**
   * True when a request is a hit of an audience-measurement tool that meets the CNIL's exemption conditions
   * on this site (knowledge/audience-measurement.json): such a hit needs no consent. Absent = never.
   */
  exemptHit?(url: string): boolean;
  /** Thresholds for a refusal much less prominent than acceptance (knowledge/refusal-prominence.json); absent: not judged. */
  refusalProminence?: RefusalProminence;
  /** Name of the tracker/analytics service a URL belongs to, or null. */
  trackerOf(url: string): string | null;
  /**
   * Names of the policy vocabulary's vendors a label stands for (a tracker service, a cookie's
   * platform), from the engine's knowledge; absent = none known.
   */
  policyVendorsOf?(label: string | null | undefined): string[];
}

/**
 * A finding before the runner stamps its rule id and configured severity and renders its English
 * `message` from `messageId` (a key of the rule's `meta.messages`) and `data`.
 */
export type DraftFinding = Omit<Finding, 'rule' | 'severity' | 'message' | 'messageId' | 'data'> & {
  messageId: string;
  data?: MessageData;
  /** `warn` lowers this finding below the rule's level (a lesser breach); it never raises it. */
  severity?: 'warn';
};

/** A note or a "not applicable" reason: a key of the rule's `meta.messages` and its data. */
export interface DraftNote {
  messageId: string;
  data?: MessageData;
}

/** What `evaluate()` returns: findings (none = pass, with optional notes) or "not applicable" with why. */
export type RuleOutput =
  | { findings: DraftFinding[]; notes?: DraftNote[] }
  | { notApplicable: DraftNote };

export interface RuleModule {
  meta: RuleMeta;
  evaluate(input: RuleInput, context: RuleContext): RuleOutput;
}
