/**
 * The one module that reads the knowledge JSON in this folder. Each file has a schema beside it;
 * `npm run lint:data` (scripts/lint-data.ts) and test/knowledge.test.ts validate them.
 *
 * @example KNOWLEDGE.exemptCookies.find((e) => e.pattern === 'PHPSESSID')?.category // 'session'
 */
import type { BannerWording } from '../banner/wording.ts';
import type { PolicyVocabulary } from '../policy/vocabulary.ts';
import type { IdentifierParameter } from '../src/redact-identifiers.ts';
import type { AudienceMeasurementKnowledge, CmpNameEntry, ExemptEntry, RefusalProminence, Knowledge, OcdEntry, PolicyVendorEntry, TrackerEntry } from '../src/knowledge.ts';
import audienceJson from './audience-measurement.json' with { type: 'json' };
import refusalProminenceJson from './refusal-prominence.json' with { type: 'json' };
import bannerWordingJson from './banner-wording.json' with { type: 'json' };
import exemptJson from './exempt-cookies.json' with { type: 'json' };
import ocdJson from './open-cookie-database.json' with { type: 'json' };
import trackersJson from './trackers.json' with { type: 'json' };
import policyVocabularyJson from './policy-vocabulary.json' with { type: 'json' };
import cmpNamesJson from './cmp-names.json' with { type: 'json' };
import identifierParametersJson from './identifier-parameters.json' with { type: 'json' };

export const EXEMPT_COOKIES = exemptJson as unknown as { description: string; entries: ExemptEntry[] };
export const OPEN_COOKIE_DATABASE = ocdJson as unknown as { notice: string; license: string; source: string; entries: OcdEntry[] };
export const TRACKERS = trackersJson as unknown as { description: string; entries: TrackerEntry[] };
export const AUDIENCE_MEASUREMENT = audienceJson as unknown as AudienceMeasurementKnowledge & { description: string };
export const REFUSAL_PROMINENCE = refusalProminenceJson as unknown as RefusalProminence & { description: string; source: string };
export const BANNER_WORDING = bannerWordingJson as unknown as BannerWording;
export const CMP_NAMES = cmpNamesJson as unknown as { description: string; entries: CmpNameEntry[] };
/** What the policy extractor (policy/) reads: links, terms, durations, vendors… */
export const POLICY_VOCABULARY = policyVocabularyJson as unknown as PolicyVocabulary;
/** The policy vocabulary's vendors, as the engine matches them. */
export const POLICY_VENDORS: PolicyVendorEntry[] = POLICY_VOCABULARY.vendors.entries.map(({ name, category, aliases }) => ({ name, category, aliases }));
/** The request parameters that identify a visitor, redacted from reports (reports/redact-values.ts). */
export const IDENTIFIER_PARAMETERS = identifierParametersJson as unknown as { description: string; entries: IdentifierParameter[] };

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
