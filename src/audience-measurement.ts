/**
 * The CNIL's audience-measurement exemption (délibération n° 2020-091 art. 5), judged on what a
 * collector saw of one site: a cookie of an exemptable tool (Matomo…) is exempt when the conditions
 * checkable from outside hold — first-party cookie, lifetime ≤ 13 months from when it was set, hits to
 * the publisher's own or a per-publisher endpoint, no cookie of the tool on a third-party domain — and
 * its reason says what could not be checked. Pure.
 *
 * @example
 *   const judge = createAudienceJudge(KNOWLEDGE.audienceMeasurement!, { url: 'https://a.fr/', cookies, requestUrls });
 *   judge.cookie({ name: '_pk_id.1.ab12', domain: 'a.fr', setAt, declaredMaxAge: 33955200 })?.exempt // true
 *   judge.exemptHit('https://a.fr/matomo.php?idsite=1&rec=1') // true when Matomo meets the conditions on a.fr
 */
import type { AudienceConditionId, AudienceMeasurementKnowledge, AudienceTool } from './knowledge.ts';
import type { Exemption, ObservedCookie } from './model.ts';
import { catalogLookup, formatMessage, type MessageCatalog, type MessageData, type MessageRef } from './messages.ts';
import { addCalendarMonths, declaredExpiry, parseIso } from './declared-expiry.ts';
import { siteOf } from './party.ts';

/** What the classifier may know of a cookie: name and domain always, the rest when the collector recorded it. */
export type ClassifiableCookie = Pick<ObservedCookie, 'name' | 'domain'>
  & Partial<Pick<ObservedCookie, 'setAt' | 'declaredMaxAge' | 'declaredExpires' | 'storedExpires' | 'party'>>;

/** What the judge knows of the site: its URL, every cookie and every recorded request of the visit. */
export interface AudienceSite {
  url: string;
  cookies: readonly ClassifiableCookie[];
  requestUrls: readonly string[];
}

/**
 * The reasons' sentences (src/messages.ts convention), merged into src/exemption.ts's EXEMPTION_MESSAGES.
 * A condition is one message; a list of them is nested `amJoin`s.
 */
export const AUDIENCE_MESSAGES: MessageCatalog = {
  audienceExempt: {
    en: 'audience-measurement cookie ({{tool}}), exempt if configured as the CNIL requires: purposes limited, IP anonymised — not checkable from outside. Checked: {{checked}}. Source: CNIL délibération n° 2020-091 art. 5; {{source}}',
    fr: 'cookie de mesure d\'audience ({{tool}}), exempté s\'il est configuré comme l\'exige la CNIL : finalités limitées, adresse IP anonymisée — invérifiable de l\'extérieur. Vérifié : {{checked}}. Source : CNIL délibération n° 2020-091 art. 5 ; {{source}}',
  },
  audienceFailed: {
    en: 'requires consent: {{tool}} audience-measurement cookie, not exempt because {{failed}} (CNIL délibération n° 2020-091 art. 5)',
    fr: 'consentement requis : cookie de mesure d\'audience {{tool}}, non exempté car {{failed}} (CNIL délibération n° 2020-091 art. 5)',
  },
  amJoin: { en: '{{a}}; {{b}}', fr: '{{a}} ; {{b}}' },
  amFirstPartyMet: { en: 'first-party cookie (set on {{domain}})', fr: 'cookie interne (déposé sur {{domain}})' },
  amFirstPartyFailed: {
    en: 'first-party condition failed: set on the third-party domain {{domain}}',
    fr: 'condition « cookie interne » non remplie : déposé sur le domaine tiers {{domain}}',
  },
  amFirstPartyUnknown: {
    en: 'first-party condition unknown: the site\'s address is not known',
    fr: 'condition « cookie interne » invérifiable : l\'adresse du site est inconnue',
  },
  amLifetimeSession: { en: 'lifetime: session cookie', fr: 'durée de vie : cookie de session' },
  amLifetimeMet: {
    en: 'lifetime {{days}} days, within {{months}} months of when it was set',
    fr: 'durée de vie {{days}} jours, dans la limite de {{months}} mois après son dépôt',
  },
  amLifetimeFailed: {
    en: 'lifetime condition failed: {{days}} days, more than {{months}} months from when it was set',
    fr: 'condition de durée de vie non remplie : {{days}} jours, plus de {{months}} mois après son dépôt',
  },
  amLifetimeUnknown: {
    en: 'lifetime condition unknown: when the cookie was set was not recorded',
    fr: 'condition de durée de vie invérifiable : le moment du dépôt n\'a pas été enregistré',
  },
  amEndpointMet: { en: 'hits go to {{hosts}}', fr: 'les requêtes vont à {{hosts}}' },
  amEndpointNone: { en: 'no hit observed', fr: 'aucune requête de mesure observée' },
  amEndpointFailed: {
    en: 'endpoint condition failed: a hit goes to {{host}}, neither the site\'s own domain nor a per-publisher endpoint of {{tool}}',
    fr: 'condition de point de collecte non remplie : une requête va à {{host}}, ni le domaine du site ni un point de collecte propre à l\'éditeur chez {{tool}}',
  },
  amSharedMet: { en: 'no {{tool}} cookie on a third-party domain', fr: 'aucun cookie {{tool}} sur un domaine tiers' },
  amSharedFailed: {
    en: 'shared third-party domain condition failed: {{tool}} cookie "{{cookie}}" is held on the third-party domain {{domain}}',
    fr: 'condition de domaine tiers partagé non remplie : le cookie {{tool}} « {{cookie}} » est déposé sur le domaine tiers {{domain}}',
  },
};

const lookup = catalogLookup(AUDIENCE_MESSAGES);

export interface ConditionResult { id: AudienceConditionId; met: boolean; message: MessageRef }

const ref = (messageId: string, data: MessageData = {}): MessageRef => ({ messageId, data });

/** Nests a list of messages into `amJoin`s so one placeholder holds them all. */
function joined(list: MessageRef[]): MessageRef {
  return list.slice(1).reduce((acc, next) => ref('amJoin', { a: acc, b: next }), list[0]);
}

export interface AudienceJudge {
  /** The verdict on a cookie of an exemptable tool, or null when the cookie belongs to none. */
  cookie(cookie: ClassifiableCookie): (Exemption & { conditions: ConditionResult[] }) | null;
  /** True when the URL is a hit of a tool that meets every condition on this site. */
  exemptHit(url: string): boolean;
}

const DAY_MS = 86_400_000;

function matcher(c: AudienceTool['cookies'][number]): (name: string) => boolean {
  if (c.match === 'exact') return (n) => n === c.pattern;
  if (c.match === 'prefix') return (n) => n.startsWith(c.pattern);
  try {
    const re = new RegExp(c.pattern);
    return (n) => re.test(n);
  } catch {
    return () => false; // a bad pattern is caught by `npm run lint:data`; never crash an audit on it
  }
}

/** Whether a URL path is a self-hosted hit of the tool (any host: the publisher's own endpoint). */
export function isAudienceHitPath(tool: Pick<AudienceTool, 'hitPaths'>, path: string): boolean {
  return tool.hitPaths.some((p) => path.endsWith(p));
}

function hostOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.hostname.toLowerCase().replace(/\.$/, '') : null;
  } catch {
    return null;
  }
}

function bare(domain: string): string {
  return (typeof domain === 'string' ? domain : '').toLowerCase().replace(/^\./, '');
}

export function createAudienceJudge(knowledge: AudienceMeasurementKnowledge, site: AudienceSite): AudienceJudge {
  const siteHost = hostOf(site.url);
  const siteDomain = siteHost ? siteOf(siteHost) : null;
  const tools = knowledge.tools.map((tool) => ({ tool, tests: tool.cookies.map((c) => ({ entry: c, test: matcher(c) })) }));
  const months = knowledge.maxLifetimeMonths;
  const cookies = site.cookies.filter((c) => c && typeof c.name === 'string');

  const isFirstParty = (c: ClassifiableCookie): boolean =>
    siteDomain !== null && (c.party ? c.party === 'first' : siteOf(bare(c.domain)) === siteDomain);
  const testsOf = (tool: AudienceTool) => tools.find((t) => t.tool === tool)!.tests;
  const ownsCookie = (tool: AudienceTool, name: string): boolean =>
    testsOf(tool).some((t) => t.test(name)) || tool.crossSiteIdentifiers.includes(name);

  /** A URL that is a hit of the tool: its host is under a publisher host, or its path ends with a hit path. */
  const hitOf = (tool: AudienceTool, url: string): { host: string; perPublisher: boolean } | null => {
    const host = hostOf(url);
    if (!host) return null;
    const under = tool.publisherHosts.find((h) => host === h || host.endsWith(`.${h}`));
    if (under) return { host, perPublisher: host !== under };
    return isAudienceHitPath(tool, new URL(url).pathname) ? { host, perPublisher: false } : null;
  };

  /** The site-wide conditions of a tool (endpoint, no cookie on a shared third-party domain), computed once. */
  const siteWide = new Map<string, ConditionResult[]>();
  const toolConditions = (tool: AudienceTool): ConditionResult[] => {
    const known = siteWide.get(tool.id);
    if (known) return known;
    const hits = site.requestUrls.map((u) => hitOf(tool, u)).filter((h): h is { host: string; perPublisher: boolean } => h !== null);
    const stray = hits.find((h) => !(h.perPublisher || (siteDomain !== null && siteOf(h.host) === siteDomain)));
    const endpoint: ConditionResult = stray
      ? { id: 'endpoint', met: false, message: ref('amEndpointFailed', { host: stray.host, tool: tool.name }) }
      : { id: 'endpoint', met: true, message: hits.length ? ref('amEndpointMet', { hosts: [...new Set(hits.map((h) => h.host))].join(', ') }) : ref('amEndpointNone') };
    const shared = cookies.find((c) => ownsCookie(tool, c.name) && !isFirstParty(c));
    const thirdParty: ConditionResult = shared
      ? { id: 'no-shared-third-party', met: false, message: ref('amSharedFailed', { tool: tool.name, cookie: shared.name, domain: bare(shared.domain) }) }
      : { id: 'no-shared-third-party', met: true, message: ref('amSharedMet', { tool: tool.name }) };
    const out = [endpoint, thirdParty];
    siteWide.set(tool.id, out);
    return out;
  };

  const firstParty = (c: ClassifiableCookie): ConditionResult => {
    if (siteDomain === null) return { id: 'first-party', met: false, message: ref('amFirstPartyUnknown') };
    return isFirstParty(c)
      ? { id: 'first-party', met: true, message: ref('amFirstPartyMet', { domain: bare(c.domain) }) }
      : { id: 'first-party', met: false, message: ref('amFirstPartyFailed', { domain: bare(c.domain) }) };
  };

  const lifetime = (c: ClassifiableCookie): ConditionResult => {
    const hasExpiry = c.declaredMaxAge != null || c.declaredExpires != null || c.storedExpires != null;
    if (!hasExpiry) return { id: 'lifetime', met: true, message: ref('amLifetimeSession') };
    const setAtMs = parseIso(c.setAt);
    if (setAtMs === null) return { id: 'lifetime', met: false, message: ref('amLifetimeUnknown') };
    const expiry = declaredExpiry(c as ObservedCookie, setAtMs);
    if (!expiry) return { id: 'lifetime', met: true, message: ref('amLifetimeSession') };
    const days = Math.round((expiry.expiresAtMs - setAtMs) / DAY_MS);
    const ok = expiry.expiresAtMs <= addCalendarMonths(setAtMs, months);
    return { id: 'lifetime', met: ok, message: ref(ok ? 'amLifetimeMet' : 'amLifetimeFailed', { days, months }) };
  };

  const allMet = new Map<string, boolean>();
  const toolMeetsAll = (tool: AudienceTool): boolean => {
    const known = allMet.get(tool.id);
    if (known !== undefined) return known;
    const own = cookies.filter((c) => testsOf(tool).some((t) => t.test(c.name)));
    const ok = toolConditions(tool).every((r) => r.met) && own.every((c) => firstParty(c).met && lifetime(c).met);
    allMet.set(tool.id, ok);
    return ok;
  };

  const reason = (reasonId: string, reasonData: MessageData) =>
    ({ reason: formatMessage(AUDIENCE_MESSAGES[reasonId].en, reasonData, 'en', lookup), reasonId, reasonData });

  return {
    cookie(c) {
      const name = typeof c?.name === 'string' ? c.name : '';
      for (const { tool, tests } of tools) {
        const hit = tests.find((t) => t.test(name));
        if (!hit) continue;
        const conditions = [firstParty(c), lifetime(c), ...toolConditions(tool)];
        const failed = conditions.filter((r) => !r.met);
        const base = { matchedBy: `audience:${tool.id}:${hit.entry.pattern}`, known: null, conditions };
        if (failed.length === 0) {
          return {
            ...base, exempt: true, category: 'audience-measurement',
            ...reason('audienceExempt', { tool: tool.name, checked: joined(conditions.map((r) => r.message)), source: tool.source }),
          };
        }
        return {
          ...base, exempt: false, category: null,
          ...reason('audienceFailed', {
            tool: tool.name, failed: joined(failed.map((r) => r.message)), failedConditions: failed.map((r) => r.id).join(','),
          }),
        };
      }
      return null;
    },
    exemptHit(url) {
      return tools.some(({ tool }) => hitOf(tool, url) !== null && toolMeetsAll(tool));
    },
  };
}
