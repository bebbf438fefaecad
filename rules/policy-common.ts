/**
 * What the four policy rules (issue #16) share: "not applicable" when the collector did not look for
 * a policy or found none (the note lists what was tried), the evidence every finding carries (the
 * policy URL, the quote and its section), the legal reference, and their common messages.
 *
 * @example
 *   const na = policyMissing(input); if (na) return { notApplicable: na };
 */
import type { LocalizedText, MessageCatalog } from '../src/messages.ts';
import type { DraftNote, RuleInput } from '../src/rule.ts';
import { claimsOf, type Sourced } from '../src/policy-match.ts';

export const POLICY_LEGAL = {
  label: {
    en: 'GDPR art. 12–13 (transparent information) and CNIL délibération n° 2020-091 art. 2 (informing users about each tracker\'s purposes and lifetime)',
    fr: 'RGPD art. 12 et 13 (information transparente) et délibération de la CNIL n° 2020-091, art. 2 (information sur les finalités et la durée de vie de chaque traceur)',
  } satisfies LocalizedText,
  url: 'https://www.cnil.fr/fr/cookies-et-autres-traceurs/regles/cookies/lignes-directrices-modificatives-et-recommandation',
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

/** The "not applicable" note when there is no policy to hold the site to, else null. */
export function policyMissing(input: RuleInput): DraftNote | null {
  const policy = input.policy;
  if (!policy || typeof policy !== 'object') return { messageId: 'noPolicyStep' };
  if (Array.isArray(policy.documents) && policy.documents.length > 0) return null;
  const tried = (Array.isArray(policy.tried) ? policy.tried : []).slice(0, MAX_TRIED).map((t) => `${t.url} (${t.outcome})`);
  return { messageId: 'noPolicyFound', data: { tried: tried.length ? tried.join(', ') : '—' } };
}

/** Every claim of the policy, with its document's URL. */
export function policyClaims(input: RuleInput): Sourced[] {
  return claimsOf(input.policy);
}

/** The evidence of a claim: where it is and what it says. */
export function claimEvidence(c: Sourced): { policyUrl: string; quote: string; section: string } {
  return { policyUrl: c.policyUrl, quote: c.quote, section: c.section };
}

/** A quote short enough for a sentence. */
export function shortQuote(quote: string, max = 160): string {
  return quote.length > max ? `${quote.slice(0, max - 1)}…` : quote;
}

/** The policy's document URLs, for evidence. */
export function policyUrls(input: RuleInput): string[] {
  return (input.policy?.documents ?? []).map((d) => d.url);
}
