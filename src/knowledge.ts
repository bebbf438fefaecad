/**
 * The shapes of the knowledge the engine is given (exempt cookies, Open Cookie Database, trackers).
 * Types only: the data itself lives in knowledge/ and is passed in by whoever creates the engine,
 * so the engine stays pure and testable with any data (tldts' model).
 *
 * @example createEngine({ rules: RULES, knowledge: KNOWLEDGE })
 */

/** CNIL categories of cookies exempt from consent (délibération n° 2020-091). */
export type ExemptCategory = 'session' | 'authentication' | 'security' | 'load-balancing' | 'bot-protection' | 'consent-storage';

export interface ExemptEntry {
  pattern: string;
  match: 'exact' | 'prefix' | 'regex';
  category: ExemptCategory;
  vendor?: string;
  description: string;
  source: string;
}

export interface OcdEntry {
  id: string;
  name: string;
  prefix?: boolean;
  platform: string;
  category: string;
  description: string;
}

export interface TrackerEntry {
  host: string;
  path?: string;
  service: string;
}

/** What the engine knows about the world, as plain data. */
export interface Knowledge {
  exemptCookies: readonly ExemptEntry[];
  openCookieDatabase: readonly OcdEntry[];
  trackers: readonly TrackerEntry[];
  /** Exemptable audience-measurement tools; without it no cookie is exempt as audience measurement. */
  audienceMeasurement?: AudienceMeasurementKnowledge;
  /** When a refusal control counts as much less prominent than the accept control (rule reject-option). */
  refusalProminence?: RefusalProminence;
  /**
   * Vendors a privacy policy may name, with their aliases (knowledge/policy-vocabulary.json `vendors`):
   * the policy rules match a tracker or a cookie's platform to the vendors a policy names. Absent = none.
   */
  policyVendors?: readonly PolicyVendorEntry[];
  /** Consent managers' product names (knowledge/cmp-names.json); absent: banners keep the collector's names. */
  cmpNames?: readonly CmpNameEntry[];
}

/** A consent manager as users know it, with the autoconsent rule names and banner elements that identify it. */
export interface CmpNameEntry {
  product: string;
  autoconsent: readonly string[];
  /** Steps of the heuristic's CSS path that are the product's own: `#id` or a custom element's tag. */
  selectors?: readonly string[];
  /** File names its script is distributed as: only these can write its record of the choice (src/consent-record.ts). */
  scripts?: readonly string[];
  source: string;
}

/** A vendor of the policy vocabulary: canonical name, category, the names a policy may use. */
export interface PolicyVendorEntry {
  name: string;
  category: 'analytics' | 'advertising' | 'social' | 'other';
  aliases: readonly string[];
}

/** A condition of the audience-measurement exemption a collector can check from outside. */
export type AudienceConditionId = 'first-party' | 'lifetime' | 'endpoint' | 'no-shared-third-party';

/** One exemptable audience-measurement tool (knowledge/audience-measurement.json `tools[]`). */
export interface AudienceTool {
  id: string;
  name: string;
  cookies: ReadonlyArray<{ pattern: string; match: 'exact' | 'prefix' | 'regex'; description: string }>;
  crossSiteIdentifiers: readonly string[];
  hitPaths: readonly string[];
  publisherHosts: readonly string[];
  source: string;
  cnilListing: string;
}

/** Audience measurement exempt from consent under conditions (CNIL délibération n° 2020-091 art. 5). */
export interface AudienceMeasurementKnowledge {
  maxLifetimeMonths: number;
  conditions: ReadonlyArray<{ id: AudienceConditionId; label: string; description: string; source: string }>;
  notCheckable: string;
  tools: readonly AudienceTool[];
  neverExempt: ReadonlyArray<{ name: string; cookies: readonly string[]; reason: string; source: string }>;
}

/** knowledge/refusal-prominence.json: the thresholds reject-option warns on. */
export interface RefusalProminence {
  /** Refusal box area / accept box area below which refusal is much less prominent. */
  minAreaRatio: number;
  /** Refusal as text or a link against a filled accept button is much less prominent. */
  textAgainstFilledButton: boolean;
}
