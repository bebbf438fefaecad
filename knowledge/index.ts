/**
 * The one module that reads the knowledge JSON in this folder. Each file has a schema beside it;
 * `npm run lint:data` (scripts/lint-data.ts) and test/knowledge.test.ts validate them.
 *
 * @example KNOWLEDGE.exemptCookies.find((e) => e.pattern === 'PHPSESSID')?.category // 'session'
 */
import type { BannerWording } from '../banner/wording.ts';
import type { AudienceMeasurementKnowledge, CmpNameEntry, ExemptEntry, RefusalProminence, Knowledge, OcdEntry, PolicyVendorEntry, TrackerEntry } from '../src/knowledge.ts';
import audienceJson from './audience-measurement.json' with { type: 'json' };
import refusalProminenceJson from './refusal-prominence.json' with { type: 'json' };
import bannerWordingJson from './banner-wording.json' with { type: 'json' };
import exemptJson from './exempt-cookies.json' with { type: 'json' };
import ocdJson from './open-cookie-database.json' with { type: 'json' };
import trackersJson from './trackers.json' with { type: 'json' };
import policyVocabularyJson from './policy-vocabulary.json' with { type: 'json' };
import cmpNamesJson from './cmp-names.json' with { type: 'json' };

export const EXEMPT_COOKIES = exemptJson as unknown as { description: string; entries: ExemptEntry[] };
export const OPEN_COOKIE_DATABASE = ocdJson as unknown as { notice: string; license: string; source: string; entries: OcdEntry[] };
export const TRACKERS = trackersJson as unknown as { description: string; entries: TrackerEntry[] };
export const AUDIENCE_MEASUREMENT = audienceJson as unknown as AudienceMeasurementKnowledge & { description: string };
export const REFUSAL_PROMINENCE = refusalProminenceJson as unknown as RefusalProminence & { description: string; source: string };
export const BANNER_WORDING = bannerWordingJson as unknown as BannerWording;
export const CMP_NAMES = cmpNamesJson as unknown as { description: string; entries: CmpNameEntry[] };
/** The policy vocabulary's vendors (the extractor itself reads the whole file through policy/vocabulary.ts). */
export const POLICY_VENDORS = (policyVocabularyJson as unknown as { vendors: { entries: PolicyVendorEntry[] } }).vendors.entries
  .map(({ name, category, aliases }) => ({ name, category, aliases }));

/** What the engine is created with. */
export const KNOWLEDGE: Knowledge = {
  exemptCookies: EXEMPT_COOKIES.entries,
  openCookieDatabase: OPEN_COOKIE_DATABASE.entries,
  trackers: TRACKERS.entries,
  audienceMeasurement: AUDIENCE_MEASUREMENT,
  refusalProminence: REFUSAL_PROMINENCE,
  policyVendors: POLICY_VENDORS,
  cmpNames: CMP_NAMES.entries,
};
