/**
 * Rule: every non-exempt cookie the site sets should be declared in its policy, by name (a table
 * row, a wildcard like `_ga_*`, a sentence naming it) or at least by its vendor (the policy names
 * Google Analytics and the cookie is Google Analytics's). CookieBlock (Bollinger et al., USENIX
 * Security 2022) found undeclared cookies the commonest inconsistency.
 *
 * @example the policy's table lists `_ga` and `_gid`; the site also sets `_fbp` (Meta Pixel, not named) → one finding
 */
import type { Phase } from '../src/model.ts';
import { PHASES } from '../src/model.ts';
import { claimsOfKind, cookieVendors, declaringClaim, vendorClaimFor } from '../src/policy-match.ts';
import type { DraftFinding, RuleContext, RuleInput, RuleMeta, RuleOutput } from '../src/rule.ts';
import { POLICY_MESSAGES, POLICY_META, readPolicy } from './policy-common.ts';
import { cookieOrigin, usableCookies } from './usable-observations.ts';
import { namedCookieKey } from '../src/cookie-key.ts';

export const meta: RuleMeta = {
  id: 'policy-cookie-declaration',
  title: {
    en: 'The policy declares the cookies the site sets',
    fr: 'La politique déclare les cookies déposés par le site',
  },
  failureTitle: {
    en: 'Potentially undeclared cookies: the site sets cookies its policy does not name',
    fr: 'Cookies potentiellement non déclarés : le site dépose des cookies que sa politique ne cite pas',
  },
  description: {
    en: 'Holds each non-exempt cookie seen in any phase against the site\'s own privacy or cookie policy: it should be ' +
      'declared by name (a table row, a wildcard such as _ga_*, or a sentence naming it) or at least by its vendor. ' +
      'The CNIL requires the information given before consent to name each tracker\'s purposes and who places it ' +
      '(délibération n° 2020-091, art. 2; GDPR art. 13). Not applicable when no policy was found or the policy names ' +
      'no cookie and no vendor at all.',
    fr: 'Confronte chaque cookie non exempté, vu dans n\'importe quelle phase, à la politique de confidentialité ou de ' +
      'cookies du site : il devrait y être déclaré par son nom (ligne d\'un tableau, motif comme _ga_*, ou phrase qui le ' +
      'nomme) ou au moins par son éditeur. La CNIL exige que l\'information donnée avant le consentement précise les ' +
      'finalités de chaque traceur et qui le dépose (délibération n° 2020-091, art. 2 ; RGPD art. 13). Non applicable ' +
      'lorsqu\'aucune politique n\'a été trouvée ou qu\'elle ne cite ni cookie ni éditeur.',
  },
  ...POLICY_META,
  remedy: {
    en: 'List every cookie in the policy\'s cookie table (name, purpose, lifetime, provider), or stop setting the ones it does not need.',
    fr: 'Listez chaque cookie dans le tableau des cookies de la politique (nom, finalité, durée, éditeur), ou cessez de déposer ceux qui ne sont pas nécessaires.',
  },
  messages: {
    ...POLICY_MESSAGES,
    noDeclarations: {
      en: 'The policy names no cookie and no vendor: nothing to hold the cookies against.',
      fr: 'La politique ne cite aucun cookie ni aucun éditeur : rien à quoi confronter les cookies.',
    },
    undeclared: {
      en: 'Potential gap: cookie "{{name}}" ({{domain}}) was set in the {{phase}} phase, but the policy ({{policy}}) names neither it nor its vendor{{vendors}}.',
      fr: 'Écart potentiel : le cookie « {{name}} » ({{domain}}) a été déposé en phase {{phase}}, mais la politique ({{policy}}) ne cite ni ce cookie ni son éditeur{{vendors}}.',
    },
    vendorsKnown: {
      en: ' ({{list}})',
      fr: ' ({{list}})',
    },
  },
};

export function evaluate(input: RuleInput, ctx: RuleContext): RuleOutput {
  const policy = readPolicy(input);
  if ('notApplicable' in policy) return policy;
  const claims = policy.claims;
  const declared = claimsOfKind(claims, 'cookie-declared');
  const named = claimsOfKind(claims, 'cookie-lifetime').filter((c) => typeof c.scope === 'object' && 'cookie' in c.scope);
  const vendors = claimsOfKind(claims, 'vendor');
  if (declared.length + named.length + vendors.length === 0) return { notApplicable: { messageId: 'noDeclarations' } };
  const findings: DraftFinding[] = [];
  const seen = new Set<string>();
  for (const phase of PHASES as readonly Phase[]) {
    for (const cookie of usableCookies(input.phases[phase])) {
      const key = namedCookieKey(cookie);
      if (seen.has(key)) continue;
      seen.add(key);
      const exemption = ctx.classify(cookie);
      if (exemption.exempt) continue;
      const cookieVendorNames = cookieVendors(cookie, exemption, ctx);
      if (declaringClaim(cookie.name, claims) || vendorClaimFor(cookieVendorNames, claims)) continue;
      findings.push({
        cookie: cookie.name, domain: cookie.domain, phase,
        messageId: 'undeclared',
        data: {
          name: cookie.name, domain: cookie.domain, phase, policy: policy.urls.join(', '),
          vendors: cookieVendorNames.length ? { messageId: 'vendorsKnown', data: { list: cookieVendorNames.join(', ') } } : '',
        },
        evidence: {
          policyUrls: policy.urls,
          observed: { ...cookieOrigin(cookie), phase, exemption: exemption.reason },
          cookieVendors: cookieVendorNames,
          declaredNames: declared.map((d) => d.name).slice(0, 50),
          namedVendors: vendors.map((v) => v.name),
        },
      });
    }
  }
  return { findings };
}
