/**
 * What the four policy rules (issue #16) share: "not applicable" when the collector did not look for
 * a policy or found none (the note lists what was tried), the evidence every finding carries (the
 * policy URL, the quote and its section), the legal reference, and their common messages.
 *
 * @example
 *   export const meta: RuleMeta = { id: 'policy-x', …, ...POLICY_META, messages: { ...POLICY_MESSAGES, … } };
 *   const policy = readPolicy(input); if ('notApplicable' in policy) return policy; // else policy.claims, policy.urls
 */
import type { LocalizedText, MessageCatalog } from '../src/messages.ts';
import type { DraftNote, RuleInput, RuleMeta } from '../src/rule.ts';
import { claimsOf, type Sourced } from '../src/policy-match.ts';

const POLICY_LEGAL = {
  label: {
    en: 'GDPR art. 12–13 (transparent information) and CNIL délibération n° 2020-091 art. 2 (informing users about each tracker\'s purposes and lifetime)',
    fr: 'RGPD art. 12 et 13 (information transparente) et délibération de la CNIL n° 2020-091, art. 2 (information sur les finalités et la durée de vie de chaque traceur)',
  } satisfies LocalizedText,
  url: 'https://www.cnil.fr/fr/cookies-et-autres-traceurs/regles/cookies/lignes-directrices-modificatives-et-recommandation',
};

/** What every policy rule's meta says alike: the law, the phases it reads, and a warning (a policy is read, not proven). */
export const POLICY_META: Pick<RuleMeta, 'legalReference' | 'requiredObservations' | 'defaultSeverity'> = {
  legalReference: POLICY_LEGAL,
  requiredObservations: ['initial', 'accepted', 'refused'],
  defaultSeverity: 'warn',
};

/** The messages every policy rule declares. */
export const POLICY_MESSAGES: MessageCatalog = {
  noPolicyStep: {
    en: 'Not checked: this collector did not look for the site\'s privacy or cookie policy.',
    fr: 'Non vérifié : ce collecteur n\'a pas cherché la politique de confidentialité ou de cookies du site.',
  },
  noPolicyFound: {
    en: 'No privacy or cookie policy was found (tried: {{tried}}).',
    fr: 'Aucune politique de confidentialité ou de cookies n\'a été trouvée (essayé : {{tried}}).',
  },
};

/** At most this many URLs are listed in the "not found" note. */
const MAX_TRIED = 12;

/** The policy's claims and document URLs, or the "not applicable" note (a rule's output) when there is no policy to hold the site to. */
export function readPolicy(input: RuleInput): { claims: Sourced[]; urls: string[] } | { notApplicable: DraftNote } {
  const policy = input.policy;
  if (!policy || typeof policy !== 'object') return { notApplicable: { messageId: 'noPolicyStep' } };
  if (!Array.isArray(policy.documents) || policy.documents.length === 0) {
    const tried = (Array.isArray(policy.tried) ? policy.tried : []).slice(0, MAX_TRIED).map((t) => `${t.url} (${t.outcome})`);
    return { notApplicable: { messageId: 'noPolicyFound', data: { tried: tried.length ? tried.join(', ') : '—' } } };
  }
  return { claims: claimsOf(policy), urls: policy.documents.map((d) => d.url) };
}

/** The evidence of a claim: where it is and what it says. */
export function claimEvidence(c: Sourced): { policyUrl: string; quote: string; section: string } {
  return { policyUrl: c.policyUrl, quote: c.quote, section: c.section };
}

/** A quote short enough for a sentence. */
export function shortQuote(quote: string, max = 160): string {
  return quote.length > max ? `${quote.slice(0, max - 1)}…` : quote;
}
