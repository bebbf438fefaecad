/**
 * Rule: a cookie's declared expiry should not exceed what the site's policy says of it. The most
 * specific claim wins: its table row or a sentence naming it, then a sentence about its vendor, then
 * one about all cookies; a small tolerance (a day, or 2 %) absorbs the rounding of months and years.
 * A cookie the policy calls "session" that is persistent is a finding too (CookieBlock's
 * session/persistent swap).
 *
 * @example the policy's table says "_ga | 13 mois"; the site declares _ga for 730 days → one finding
 */
import type { Phase } from '../src/model.ts';
import { PHASES } from '../src/model.ts';
import { cookieVendors, lifetimeFor, lifetimeTolerance } from '../src/policy-match.ts';
import type { DraftFinding, RuleContext, RuleInput, RuleMeta, RuleOutput } from '../src/rule.ts';
import { declaredExpiry, parseIso } from '../src/declared-expiry.ts';
import { claimEvidence, POLICY_MESSAGES, POLICY_META, readPolicy, shortQuote } from './policy-common.ts';
import { cookieOrigin, usableCookies } from './usable-observations.ts';
import { namedCookieKey } from '../src/cookie-key.ts';

export const meta: RuleMeta = {
  id: 'policy-cookie-lifetime',
  title: {
    en: 'Cookies live no longer than the policy says',
    fr: 'Les cookies ne vivent pas plus longtemps que ne l\'annonce la politique',
  },
  failureTitle: {
    en: 'Potential mismatch: cookies live longer than the policy says',
    fr: 'Écart potentiel : des cookies vivent plus longtemps que ne l\'annonce la politique',
  },
  description: {
    en: 'Compares each cookie\'s declared lifetime (Max-Age, else Expires, from when it was set) with the lifetime the ' +
      'site\'s policy gives it: its table row or a sentence naming it, else a sentence about its vendor, else one about ' +
      'all cookies (the most specific wins), with a tolerance of a day or 2 %. A cookie the policy calls a session ' +
      'cookie must not be persistent. The lifetime is part of the information owed before consent (CNIL délibération ' +
      'n° 2020-091, art. 2). Not applicable when no policy was found or it states no lifetime.',
    fr: 'Compare la durée de vie déclarée de chaque cookie (Max-Age, sinon Expires, depuis son dépôt) à celle que lui ' +
      'donne la politique du site : sa ligne de tableau ou une phrase qui le nomme, sinon une phrase sur son éditeur, ' +
      'sinon une phrase sur tous les cookies (la plus précise l\'emporte), avec une tolérance d\'un jour ou de 2 %. Un ' +
      'cookie que la politique dit « de session » ne doit pas être persistant. La durée de vie fait partie de ' +
      'l\'information due avant le consentement (délibération de la CNIL n° 2020-091, art. 2). Non applicable ' +
      'lorsqu\'aucune politique n\'a été trouvée ou qu\'elle n\'annonce aucune durée.',
  },
  ...POLICY_META,
  remedy: {
    en: 'Make the cookie\'s Max-Age/Expires match the policy, or correct the lifetime the policy states.',
    fr: 'Alignez le Max-Age/Expires du cookie sur la politique, ou corrigez la durée qu\'elle annonce.',
  },
  messages: {
    ...POLICY_MESSAGES,
    noLifetimeClaims: {
      en: 'The policy states no cookie lifetime.',
      fr: 'La politique n\'annonce aucune durée de vie de cookie.',
    },
    longerThanClaimed: {
      en: 'Potential mismatch: cookie "{{name}}" ({{domain}}) is declared to last {{days}} days, but the policy says {{claimed}} days ("{{quote}}").',
      fr: 'Écart potentiel : le cookie « {{name}} » ({{domain}}) est déclaré pour {{days}} jours, mais la politique annonce {{claimed}} jours (« {{quote}} »).',
    },
    sessionButPersistent: {
      en: 'Potential mismatch: the policy calls cookie "{{name}}" ({{domain}}) a session cookie ("{{quote}}"), but it is declared to last {{days}} days.',
      fr: 'Écart potentiel : la politique présente le cookie « {{name}} » ({{domain}}) comme un cookie de session (« {{quote}} »), mais il est déclaré pour {{days}} jours.',
    },
  },
};

const DAY_MS = 86_400_000;

export function evaluate(input: RuleInput, ctx: RuleContext): RuleOutput {
  const policy = readPolicy(input);
  if ('notApplicable' in policy) return policy;
  const claims = policy.claims;
  const hasLifetime = claims.some((c) => c.kind === 'cookie-lifetime' || (c.kind === 'cookie-declared' && (c.lifetimeDays !== undefined || c.session)));
  if (!hasLifetime) return { notApplicable: { messageId: 'noLifetimeClaims' } };
  const findings: DraftFinding[] = [];
  const judged = new Set<string>();
  for (const phase of PHASES as readonly Phase[]) {
    for (const cookie of usableCookies(input.phases[phase])) {
      const key = namedCookieKey(cookie);
      if (judged.has(key)) continue;
      const setAtMs = parseIso(cookie.setAt);
      if (setAtMs === null) continue;
      const expiry = declaredExpiry(cookie, setAtMs);
      if (!expiry) continue; // a session cookie outlives no claim
      const claim = lifetimeFor(cookie.name, claims, cookieVendors(cookie, ctx.classify(cookie), ctx));
      if (!claim) continue;
      const days = Math.round(((expiry.expiresAtMs - setAtMs) / DAY_MS) * 10) / 10;
      const base = { name: cookie.name, domain: cookie.domain, days: Math.round(days), quote: shortQuote(claim.claim.quote) };
      const evidence = {
        ...claimEvidence(claim.claim), scope: claim.scope,
        observed: { ...cookieOrigin(cookie), phase, declaredMaxAge: cookie.declaredMaxAge ?? null, declaredExpires: cookie.declaredExpires ?? null, lifetimeDays: days, basis: expiry.basis },
      };
      if (claim.session) {
        judged.add(key);
        findings.push({ cookie: cookie.name, domain: cookie.domain, phase, messageId: 'sessionButPersistent', data: base, evidence: { ...evidence, claimed: 'session' } });
        continue;
      }
      if (claim.maxDays === null || days <= claim.maxDays + lifetimeTolerance(claim.maxDays)) continue;
      judged.add(key);
      const claimed = Math.round(claim.maxDays * 10) / 10;
      findings.push({
        cookie: cookie.name, domain: cookie.domain, phase, messageId: 'longerThanClaimed',
        data: { ...base, claimed }, evidence: { ...evidence, claimedDays: claimed },
      });
    }
  }
  return { findings };
}
