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
}
