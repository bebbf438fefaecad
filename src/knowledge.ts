/**
 * Typed views of the JSON knowledge under rules/ (exempt cookies, Open Cookie Database, trackers).
 * The files are validated against their schemas in test/knowledge.test.ts; here they are only typed.
 *
 * @example EXEMPT_COOKIES.entries.find((e) => e.pattern === 'PHPSESSID')?.category // 'session'
 */
import exemptJson from '../rules/exempt-cookies.json' with { type: 'json' };
import ocdJson from '../rules/open-cookie-database.json' with { type: 'json' };
import trackersJson from '../rules/trackers.json' with { type: 'json' };

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

export const EXEMPT_COOKIES = exemptJson as unknown as { description: string; entries: ExemptEntry[] };
export const OPEN_COOKIE_DATABASE = ocdJson as unknown as { notice: string; license: string; source: string; entries: OcdEntry[] };
export const TRACKERS = trackersJson as unknown as { description: string; entries: TrackerEntry[] };
