/**
 * Rule: the policy's statements should hold on the site. Contradictions are findings: "no cookie
 * before consent" but non-exempt cookies in the initial phase; "IP anonymised" but Universal
 * Analytics hits without `aip`; a banner promised but none shown; consent kept longer than the
 * policy says (the consent cookie's lifetime); "no cookies" but cookies. Implied consent in the text
 * ("by continuing to browse you accept") and a site outside the hosts the policy lists are notes.
 *
 * @example "Aucun cookie n'est déposé sans votre consentement." and _ga in the initial phase → one finding
 */
import type { ObservedCookie, Phase } from '../src/model.ts';
import { PHASES } from '../src/model.ts';
import { claimsOfKind, lifetimeTolerance, type Sourced } from '../src/policy-match.ts';
import type { DraftFinding, DraftNote, RuleContext, RuleInput, RuleMeta, RuleOutput } from '../src/rule.ts';
import { declaredExpiry, parseIso } from '../src/declared-expiry.ts';
import { parseGaRequest } from './ga-hits.ts';
import { claimEvidence, POLICY_MESSAGES, POLICY_META, readPolicy, shortQuote } from './policy-common.ts';
import { usableCookies, usableRequests } from './usable-observations.ts';
import { namedCookieKey } from '../src/cookie-key.ts';

export const meta: RuleMeta = {
  id: 'policy-claims',
  title: {
    en: 'The site does what its policy states',
    fr: 'Le site fait ce qu\'annonce sa politique',
  },
  failureTitle: {
    en: 'Potential contradiction: the site does not do what its policy states',
    fr: 'Contradiction potentielle : le site ne fait pas ce qu\'annonce sa politique',
  },
  description: {
    en: 'Holds the statements of the site\'s privacy or cookie policy against the audit: no cookie before consent ' +
      '(non-exempt cookies in the initial phase), IP anonymised (Universal Analytics hits without aip), a consent ' +
      'banner (none shown), how long consent is kept (the consent cookie\'s lifetime), no cookies at all (cookies ' +
      'seen). Implied consent ("by continuing to browse you accept", which the CNIL does not accept as consent, ' +
      'délibération n° 2020-091 art. 2) and a site outside the hosts the policy lists are reported as notes. Not ' +
      'applicable when no policy was found or it makes none of these statements.',
    fr: 'Confronte les affirmations de la politique de confidentialité ou de cookies du site à l\'audit : aucun cookie ' +
      'avant consentement (cookies non exemptés en phase initiale), IP anonymisée (appels Universal Analytics sans aip), ' +
      'un bandeau de consentement (aucun affiché), la durée de conservation du consentement (durée de vie du cookie de ' +
      'consentement), aucun cookie (cookies vus). Le consentement implicite (« en poursuivant votre navigation vous ' +
      'acceptez », que la CNIL n\'admet pas comme consentement, délibération n° 2020-091 art. 2) et un site absent des ' +
      'domaines listés par la politique sont signalés en note. Non applicable lorsqu\'aucune politique n\'a été trouvée ' +
      'ou qu\'elle ne fait aucune de ces affirmations.',
  },
  ...POLICY_META,
  remedy: {
    en: 'Make the site do what the policy states (or correct the policy so that it describes what the site does).',
    fr: 'Faites faire au site ce qu\'annonce la politique (ou corrigez la politique pour qu\'elle décrive ce que fait le site).',
  },
  messages: {
    ...POLICY_MESSAGES,
    noStatements: {
      en: 'The policy makes no statement this rule can check (consent first, IP anonymised, banner, consent lifetime, no cookies).',
      fr: 'La politique ne fait aucune affirmation que cette règle sait vérifier (consentement préalable, IP anonymisée, bandeau, durée du consentement, aucun cookie).',
    },
    cookiesBeforeConsent: {
      en: 'Potential contradiction: the policy states "{{quote}}", but {{count}} non-exempt cookie{{count||s}} ({{cookies}}) {{count|was|were}} set before any interaction.',
      fr: 'Contradiction potentielle : la politique affirme « {{quote}} », mais {{count}} cookie{{count||s}} non exempté{{count||s}} ({{cookies}}) {{count|a été déposé|ont été déposés}} avant toute interaction.',
    },
    cookiesDespiteNone: {
      en: 'Potential contradiction: the policy states "{{quote}}", but {{count}} cookie{{count||s}} ({{cookies}}) {{count|was|were}} seen.',
      fr: 'Contradiction potentielle : la politique affirme « {{quote}} », mais {{count}} cookie{{count||s}} ({{cookies}}) {{count|a été vu|ont été vus}}.',
    },
    ipNotAnonymised: {
      en: 'Potential contradiction: the policy states "{{quote}}", but {{count}} Google Analytics hit{{count||s}} ({{tids}}) lacked the aip parameter.',
      fr: 'Contradiction potentielle : la politique affirme « {{quote}} », mais {{count}} appel{{count||s}} Google Analytics ({{tids}}) {{count|n\'avait|n\'avaient}} pas le paramètre aip.',
    },
    noBanner: {
      en: 'Potential contradiction: the policy states "{{quote}}", but no consent banner was seen.',
      fr: 'Contradiction potentielle : la politique affirme « {{quote}} », mais aucun bandeau de consentement n\'a été vu.',
    },
    consentKeptLonger: {
      en: 'Potential contradiction: the policy says consent is kept {{claimed}} days ("{{quote}}"), but the consent cookie "{{name}}" is declared to last {{days}} days.',
      fr: 'Contradiction potentielle : la politique annonce une conservation du consentement de {{claimed}} jours (« {{quote}} »), mais le cookie de consentement « {{name}} » est déclaré pour {{days}} jours.',
    },
    impliedConsent: {
      en: 'Note: the policy treats continued browsing as consent ("{{quote}}"); the CNIL does not accept that as consent.',
      fr: 'Note : la politique considère la poursuite de la navigation comme un consentement (« {{quote}} ») ; la CNIL ne l\'admet pas comme consentement.',
    },
    outsideHosts: {
      en: 'Note: the policy lists the sites it covers ({{list}}), and {{host}} is not among them.',
      fr: 'Note : la politique liste les sites qu\'elle couvre ({{list}}), et {{host}} n\'en fait pas partie.',
    },
  },
};

const CHECKED = ['no-cookies-before-consent', 'no-cookies-at-all', 'ip-anonymised', 'banner', 'consent-validity', 'implied-consent', 'hosts'];
const DAY_MS = 86_400_000;
const MAX_LISTED = 8;

function listed(names: string[]): string {
  return names.length > MAX_LISTED ? `${names.slice(0, MAX_LISTED).join(', ')}, …` : names.join(', ');
}

function uniqueCookies(phases: ReadonlyArray<Phase>, input: RuleInput): Array<ObservedCookie & { phase: Phase }> {
  const seen = new Set<string>();
  const out: Array<ObservedCookie & { phase: Phase }> = [];
  for (const phase of phases) {
    for (const c of usableCookies(input.phases[phase])) {
      if (seen.has(namedCookieKey(c))) continue;
      seen.add(namedCookieKey(c));
      out.push({ ...c, phase });
    }
  }
  return out;
}

export function evaluate(input: RuleInput, ctx: RuleContext): RuleOutput {
  const policy = readPolicy(input);
  if ('notApplicable' in policy) return policy;
  const claims = policy.claims.filter((c) => CHECKED.includes(c.kind));
  if (claims.length === 0) return { notApplicable: { messageId: 'noStatements' } };
  const first = (kind: string): Sourced | undefined => claims.find((c) => c.kind === kind);
  const findings: DraftFinding[] = [];
  const notes: DraftNote[] = [];
  const finding = (claim: Sourced, messageId: string, data: Record<string, string | number>, observed: Record<string, unknown>): void => {
    findings.push({ messageId, data: { quote: shortQuote(claim.quote), ...data }, evidence: { ...claimEvidence(claim), claim: claim.kind, observed } });
  };

  const consentFirst = first('no-cookies-before-consent');
  if (consentFirst) {
    const early = uniqueCookies(['initial'], input).filter((c) => !ctx.classify(c).exempt);
    if (early.length) {
      finding(consentFirst, 'cookiesBeforeConsent', { count: early.length, cookies: listed(early.map((c) => c.name)) },
        { phase: 'initial', cookies: early.map((c) => ({ name: c.name, domain: c.domain })) });
    }
  }

  const none = first('no-cookies-at-all');
  if (none) {
    const all = uniqueCookies(PHASES, input);
    if (all.length) {
      finding(none, 'cookiesDespiteNone', { count: all.length, cookies: listed(all.map((c) => c.name)) },
        { cookies: all.map((c) => ({ name: c.name, domain: c.domain, phase: c.phase })) });
    }
  }

  const ip = first('ip-anonymised');
  if (ip) {
    const bare = PHASES.flatMap((phase) => usableRequests(input.phases[phase]).flatMap((r) => (parseGaRequest(r) ?? [])
      .filter((h) => h.version === 'ua' && !h.anonymised).map((h) => ({ ...h, phase }))));
    if (bare.length) {
      const tids = [...new Set(bare.map((h) => h.tid ?? '?'))];
      finding(ip, 'ipNotAnonymised', { count: bare.length, tids: listed(tids) },
        { hits: bare.slice(0, 10).map((h) => ({ url: h.url.slice(0, 500), tid: h.tid, phase: h.phase, proxied: h.proxied })) });
    }
  }

  const banner = first('banner');
  if (banner) {
    const shown = PHASES.some((p) => input.phases[p]?.banner?.detected === true);
    if (!shown && input.phases.initial) finding(banner, 'noBanner', {}, { bannerDetected: false });
  }

  const validity = claimsOfKind(claims, 'consent-validity');
  if (validity.length) {
    const claim = validity.reduce((a, b) => (b.maxDays > a.maxDays ? b : a));
    for (const c of uniqueCookies(['accepted', 'refused'], input)) {
      if (ctx.classify(c).category !== 'consent-storage') continue;
      const setAt = parseIso(c.setAt);
      const expiry = setAt === null ? null : declaredExpiry(c, setAt);
      if (!expiry || setAt === null) continue;
      const days = Math.round((expiry.expiresAtMs - setAt) / DAY_MS);
      if (days <= claim.maxDays + lifetimeTolerance(claim.maxDays)) continue;
      finding(claim, 'consentKeptLonger', { claimed: Math.round(claim.maxDays), name: c.name, days },
        { cookie: { name: c.name, domain: c.domain, phase: c.phase, declaredMaxAge: c.declaredMaxAge ?? null, declaredExpires: c.declaredExpires ?? null, lifetimeDays: days } });
      break;
    }
  }

  const implied = first('implied-consent');
  if (implied) notes.push({ messageId: 'impliedConsent', data: { quote: shortQuote(implied.quote) } });

  const hosts = claimsOfKind(claims, 'hosts');
  if (hosts.length) {
    let host = '';
    try { host = new URL(input.finalUrl || input.url).hostname.toLowerCase().replace(/^www\./, ''); } catch { /* none */ }
    const list = [...new Set(hosts.flatMap((h) => h.list.map((x) => x.toLowerCase().replace(/^www\./, ''))))];
    if (host && !list.includes(host)) notes.push({ messageId: 'outsideHosts', data: { host, list: listed(list) } });
  }
  return { findings, notes };
}
