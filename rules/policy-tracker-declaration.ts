/**
 * Rule: every tracker service the site calls should be named in its policy; Google Analytics sent
 * through a first-party proxy (a /collect on the site's own host with a UA-/G- property id) counts
 * as Google Analytics. Libert (WWW 2018) and webXray check named third parties the same way.
 *
 * @example the policy speaks of "cookies de mesure d'audience" but never of Google Analytics; hits go to /collect on the site → one finding
 */
import { PHASES } from '../src/model.ts';
import { claimsOfKind, vendorClaimFor } from '../src/policy-match.ts';
import type { DraftFinding, RuleContext, RuleInput, RuleMeta, RuleOutput } from '../src/rule.ts';
import { parseGaRequest } from './ga-hits.ts';
import { POLICY_MESSAGES, POLICY_META, readPolicy } from './policy-common.ts';
import { usableRequests } from './usable-observations.ts';

export const meta: RuleMeta = {
  id: 'policy-tracker-declaration',
  title: {
    en: 'The policy names the tracker services the site uses',
    fr: 'La politique nomme les services de suivi utilisés par le site',
  },
  failureTitle: {
    en: 'Potentially undeclared trackers: the site calls services its policy does not name',
    fr: 'Traceurs potentiellement non déclarés : le site appelle des services que sa politique ne nomme pas',
  },
  description: {
    en: 'Lists the tracker and analytics services the site sent requests to in any phase (Google Analytics through a ' +
      'first-party proxy included) and checks that the site\'s policy names each one. Visitors must be told who ' +
      'places or reads trackers on their device (GDPR art. 13; CNIL délibération n° 2020-091, art. 2). Not applicable ' +
      'when no policy was found or it names no vendor and no kind of provider.',
    fr: 'Relève les services de suivi et de mesure d\'audience appelés par le site dans toutes les phases (Google ' +
      'Analytics via un proxy interne compris) et vérifie que la politique du site nomme chacun d\'eux. Le visiteur doit ' +
      'savoir qui dépose ou lit des traceurs sur son terminal (RGPD art. 13 ; délibération de la CNIL n° 2020-091, ' +
      'art. 2). Non applicable lorsqu\'aucune politique n\'a été trouvée ou qu\'elle ne cite aucun éditeur ni type de prestataire.',
  },
  ...POLICY_META,
  remedy: {
    en: 'Name each service (and its provider) in the policy, with its purpose and the cookies it sets.',
    fr: 'Nommez chaque service (et son éditeur) dans la politique, avec sa finalité et les cookies qu\'il dépose.',
  },
  messages: {
    ...POLICY_MESSAGES,
    noVendorClaims: {
      en: 'The policy names no vendor and no kind of provider: nothing to hold the trackers against.',
      fr: 'La politique ne cite aucun éditeur ni type de prestataire : rien à quoi confronter les traceurs.',
    },
    unnamed: {
      en: 'Potential gap: the site sent requests to {{service}} ({{host}}), which the policy ({{policy}}) does not name.',
      fr: 'Écart potentiel : le site a envoyé des requêtes à {{service}} ({{host}}), que la politique ({{policy}}) ne nomme pas.',
    },
    unnamedProxied: {
      en: 'Potential gap: the site sent {{service}} hits through its own host ({{host}}, a first-party proxy), and the policy ({{policy}}) does not name {{service}}.',
      fr: 'Écart potentiel : le site a envoyé des appels {{service}} par son propre domaine ({{host}}, un proxy interne), et la politique ({{policy}}) ne nomme pas {{service}}.',
    },
  },
};

export function evaluate(input: RuleInput, ctx: RuleContext): RuleOutput {
  const policy = readPolicy(input);
  if ('notApplicable' in policy) return policy;
  const claims = policy.claims;
  const vendors = claimsOfKind(claims, 'vendor');
  if (vendors.length + claimsOfKind(claims, 'category').length === 0) return { notApplicable: { messageId: 'noVendorClaims' } };
  const services = new Map<string, { host: string; url: string; proxied: boolean; phases: string[] }>();
  for (const phase of PHASES) {
    for (const r of usableRequests(input.phases[phase])) {
      let service = ctx.trackerOf(r.url);
      let proxied = false;
      if (!service) {
        const hits = parseGaRequest(r);
        if (hits?.some((h) => h.proxied)) { service = 'Google Analytics'; proxied = true; }
      }
      if (!service) continue;
      const had = services.get(service);
      if (had) { if (!had.phases.includes(phase)) had.phases.push(phase); continue; }
      let host = '';
      try { host = new URL(r.url).hostname; } catch { /* kept empty */ }
      services.set(service, { host, url: r.url, proxied, phases: [phase] });
    }
  }
  const findings: DraftFinding[] = [];
  for (const [service, seen] of services) {
    const names = ctx.policyVendorsOf?.(service) ?? [];
    const lower = service.toLowerCase();
    const named = names.length
      ? vendorClaimFor(names, claims) !== null
      : vendors.some((v) => v.name.toLowerCase() === lower) || claims.some((c) => c.quote.toLowerCase().includes(lower));
    if (named) continue;
    findings.push({
      domain: seen.host,
      messageId: seen.proxied ? 'unnamedProxied' : 'unnamed',
      data: { service, host: seen.host, policy: policy.urls.join(', ') },
      evidence: {
        policyUrls: policy.urls,
        observed: { service, requestUrl: seen.url.slice(0, 500), proxied: seen.proxied, phases: seen.phases },
        namedVendors: vendors.map((v) => v.name),
        categories: claimsOfKind(claims, 'category').map((c) => ({ category: c.category, quote: c.quote, section: c.section, policyUrl: c.policyUrl })),
      },
    });
  }
  return { findings };
}
