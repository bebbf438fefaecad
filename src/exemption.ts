/**
 * Decides whether a cookie may be set without consent, and says why: the site's config first,
 * then the curated list of strictly necessary / consent-storage cookies (knowledge/exempt-cookies.json),
 * then the CNIL's audience-measurement conditions, then the consent manager's own record of the choice
 * recognised by provenance (src/consent-record.ts); anything else requires consent. The Open Cookie Database only labels cookies, it never exempts one.
 *
 * @example
 *   const classify = createClassifier(KNOWLEDGE, [{ name: 'shop_cart', reason: 'cart contents' }]);
 *   classify({ name: 'PHPSESSID', domain: 'a.fr' }).matchedBy; // 'exempt:PHPSESSID'
 *   classify({ name: '_ga', domain: 'a.fr' }).reason;          // 'requires consent: Google Analytics Analytics cookie'
 *   classify({ name: '_ga', domain: 'a.fr' }).reasonId;        // 'consentKnown' (EXEMPTION_MESSAGES), with `reasonData`
 */
import type { Exemption, Phase, PhaseObservations } from './model.ts';
import type { ExemptEntry, Knowledge, OcdEntry } from './knowledge.ts';
import { consentRecordsOf } from './consent-record.ts';
import { createCmpScriptTest } from './cmp-names.ts';
import { namedCookieKey } from './cookie-key.ts';
import { createTrackerMatcher } from './trackers.ts';
import { AUDIENCE_MESSAGES, createAudienceJudge, type AudienceSite, type ClassifiableCookie } from './audience-measurement.ts';
import { catalogLookup, formatMessage, type MessageCatalog, type MessageData, type MessageRef } from './messages.ts';

/**
 * The reasons a cookie is exempt or not (`Exemption.reasonId`), and the names of the CNIL and Open
 * Cookie Database categories they mention (`category:<name>`, `ocdCategory:<name>`).
 */
export const EXEMPTION_MESSAGES: MessageCatalog = {
  exemptByConfig: {
    en: 'exempt by configuration: {{reason}}',
    fr: 'exempté par la configuration : {{reason}}',
  },
  exemptListed: {
    en: '{{category}} cookie, exempt from consent ({{description}} Source: {{source}})',
    fr: 'cookie de {{category}}, exempté de consentement ({{description}} Source : {{source}})',
  },
  exemptListedVendor: {
    en: '{{category}} cookie, exempt from consent ({{vendor}}: {{description}} Source: {{source}})',
    fr: 'cookie de {{category}}, exempté de consentement ({{vendor}} : {{description}} Source : {{source}})',
  },
  consentRecord: {
    en: 'consent-storage cookie, exempt from consent: the consent manager\'s own record of the visitor\'s choice, recognised by ' +
      'provenance whatever its name — written by the script of {{cmp}}, {{script}}, at the visitor\'s click on its banner ' +
      '(on refusing, and on accepting when that was recorded), and the only cookie that script wrote on refusal (Source: CNIL ' +
      'délibération n° 2020-091 art. 5, cookies keeping the choice expressed on consent)',
    fr: 'cookie de stockage du consentement, exempté : l\'enregistrement du choix du visiteur par le gestionnaire de ' +
      'consentement, reconnu par sa provenance quel que soit son nom — écrit par le script de {{cmp}}, {{script}}, au clic du ' +
      'visiteur sur son bandeau (au refus, et à l\'acceptation quand elle a été enregistrée), seul cookie que ce script écrit au ' +
      'refus (Source : CNIL délibération n° 2020-091 art. 5, traceurs conservant le choix exprimé sur le consentement)',
  },
  consentKnown: {
    en: 'requires consent: {{platform}} {{category}} cookie',
    fr: 'consentement requis : cookie {{platform}} de catégorie {{category}}',
  },
  consentUnknown: {
    en: 'unknown cookie: consent required',
    fr: 'cookie inconnu : consentement requis',
  },
  'category:session': { en: 'session', fr: 'session' },
  'category:authentication': { en: 'authentication', fr: 'authentification' },
  'category:security': { en: 'security', fr: 'sécurité' },
  'category:load-balancing': { en: 'load-balancing', fr: 'répartition de charge' },
  'category:bot-protection': { en: 'bot-protection', fr: 'protection contre les robots' },
  'category:consent-storage': { en: 'consent-storage', fr: 'stockage du consentement' },
  'ocdCategory:Functional': { en: 'Functional', fr: 'fonctionnel' },
  'ocdCategory:Marketing': { en: 'Marketing', fr: 'marketing' },
  'ocdCategory:Analytics': { en: 'Analytics', fr: 'mesure d\'audience' },
  'ocdCategory:Security': { en: 'Security', fr: 'sécurité' },
  'ocdCategory:Necessary': { en: 'Necessary', fr: 'nécessaire' },
  'ocdCategory:Personalization': { en: 'Personalization', fr: 'personnalisation' },
  ...AUDIENCE_MESSAGES,
};

const lookup = catalogLookup(EXEMPTION_MESSAGES);

/** A category name as a message: translated when known, shown as written otherwise. */
function categoryRef(prefix: 'category' | 'ocdCategory', name: string): MessageRef {
  return { messageId: `${prefix}:${name}`, message: name };
}

/** The reason fields of an Exemption: the English `reason` rendered from `reasonId` + `reasonData`. */
function reasonOf(reasonId: string, reasonData: MessageData): Pick<Exemption, 'reason' | 'reasonId' | 'reasonData'> {
  return { reason: formatMessage(EXEMPTION_MESSAGES[reasonId].en, reasonData, 'en', lookup), reasonId, reasonData };
}

export type { AudienceSite, ClassifiableCookie } from './audience-measurement.ts';

/** A cookie the site's config declares exempt (src/config.ts `ExtraExemptCookie` fits). */
export interface ExtraExemption {
  name: string;
  prefix?: boolean;
  reason: string;
  category?: string | null;
}

/** Name and domain decide most cookies; an audience-measurement cookie also needs its expiry and the site (see `site`). */
export type Classifier = (cookie: ClassifiableCookie) => Exemption;

type Matcher = (name: string) => boolean;

function entryMatcher(entry: ExemptEntry): Matcher | null {
  if (entry.match === 'exact') return (name) => name === entry.pattern;
  if (entry.match === 'prefix') return (name) => name.startsWith(entry.pattern);
  try {
    const re = new RegExp(entry.pattern);
    return (name) => re.test(name);
  } catch {
    return null; // a bad pattern in the data is caught by test/knowledge.test.ts; never crash an audit on it
  }
}

/** Open Cookie Database lookup: exact name first, then the longest wildcard prefix. */
export function createOcdLookup(entries: readonly OcdEntry[]): (name: string) => OcdEntry | null {
  const exact = new Map<string, OcdEntry>();
  const prefixes: OcdEntry[] = [];
  for (const e of entries) {
    if (e.prefix) prefixes.push(e);
    else if (!exact.has(e.name)) exact.set(e.name, e);
  }
  prefixes.sort((a, b) => b.name.length - a.name.length);
  return (name) => exact.get(name) ?? prefixes.find((e) => name.startsWith(e.name)) ?? null;
}

/**
 * `__Secure-` and `__Host-` are attribute prefixes the browser enforces, not part of what the cookie is:
 * `__Host-next-auth.csrf-token` is NextAuth's CSRF token.
 */
function namesToTry(name: string): string[] {
  const m = /^__(?:Secure|Host)-(.+)$/.exec(name);
  return m ? [name, m[1]] : [name];
}

/** What the classifier may know of the visit: its URL, cookies and requests (audience measurement) and its phases (consent records). */
export interface ClassifierSite extends AudienceSite {
  phases?: Partial<Record<Phase, PhaseObservations>>;
}

// Open Cookie Database categories that say a cookie tracks: such a cookie is never taken for a consent record.
const NOT_TRACKING = new Set(['Necessary', 'Functional', 'Security']);

/**
 * `site` (the visit's URL, cookies and recorded requests) lets audience-measurement cookies be judged on the
 * CNIL's conditions (src/audience-measurement.ts); without it they require consent like any unknown tracker.
 * Its `phases` let a consent manager's record of the choice be recognised by provenance (src/consent-record.ts).
 */
export function createClassifier(
  knowledge: Pick<Knowledge, 'exemptCookies' | 'openCookieDatabase' | 'audienceMeasurement'> & Partial<Pick<Knowledge, 'trackers' | 'cmpNames'>>,
  extra: readonly ExtraExemption[] = [], site?: ClassifierSite,
): Classifier {
  const audience = site && knowledge.audienceMeasurement ? createAudienceJudge(knowledge.audienceMeasurement, site) : null;
  const curated = knowledge.exemptCookies
    .map((entry) => ({ entry, test: entryMatcher(entry) }))
    .filter((c): c is { entry: ExemptEntry; test: Matcher } => c.test !== null);
  const ocd = createOcdLookup(knowledge.openCookieDatabase);
  const records = consentRecordsOf(site?.phases, {
    trackerOf: createTrackerMatcher(knowledge.trackers ?? []),
    trackingLabel: (name) => namesToTry(name).map(ocd).some((e) => e !== null && !NOT_TRACKING.has(e.category)),
    consentManagerScript: createCmpScriptTest(knowledge.cmpNames ?? []),
  });

  return (cookie) => {
    const name = typeof cookie?.name === 'string' ? cookie.name : '';
    const names = namesToTry(name);
    const label = names.map(ocd).find((e) => e !== null) ?? null;
    const known = label ? { platform: label.platform, category: label.category, description: label.description } : null;

    for (const x of extra) {
      if (names.some((n) => (x.prefix ? n.startsWith(x.name) : n === x.name))) {
        return { exempt: true, category: x.category ?? null, ...reasonOf('exemptByConfig', { reason: x.reason }), matchedBy: `config:${x.name}`, known };
      }
    }
    for (const { entry, test } of curated) {
      if (name !== '' && names.some(test)) {
        const data: MessageData = { category: categoryRef('category', entry.category), description: entry.description, source: entry.source };
        return {
          exempt: true, category: entry.category,
          ...(entry.vendor ? reasonOf('exemptListedVendor', { ...data, vendor: entry.vendor }) : reasonOf('exemptListed', data)),
          matchedBy: `exempt:${entry.pattern}`, known,
        };
      }
    }
    const measured = audience?.cookie(cookie) ?? null;
    if (measured) {
      const { conditions: _conditions, ...verdict } = measured;
      return { ...verdict, known };
    }
    const record = records.get(namedCookieKey({ name, domain: typeof cookie?.domain === 'string' ? cookie.domain : '' }));
    if (record) {
      return { exempt: true, category: 'consent-storage', ...reasonOf('consentRecord', { script: record.script, cmp: record.cmp }), matchedBy: 'provenance:consent-record', known };
    }
    if (label) {
      return {
        exempt: false, category: null,
        ...reasonOf('consentKnown', { platform: label.platform, category: categoryRef('ocdCategory', label.category) }),
        matchedBy: `ocd:${label.id}`, known,
      };
    }
    return { exempt: false, category: null, ...reasonOf('consentUnknown', {}), matchedBy: null, known: null };
  };
}
