/**
 * Legal references the rules cite, in one place so the wording and links stay consistent, in
 * English and French like every text of a rule.
 *
 * @example meta.legalReference = LEGAL.guidelines;
 */
import type { LocalizedText } from '../src/messages.ts';

export const LEGAL = {
  guidelines: {
    label: {
      en: 'CNIL délibération n° 2020-091 du 17 septembre 2020 (lignes directrices « cookies et autres traceurs ») and n° 2020-092 (recommandation)',
      fr: 'CNIL, délibération n° 2020-091 du 17 septembre 2020 (lignes directrices « cookies et autres traceurs ») et n° 2020-092 (recommandation)',
    },
    url: 'https://www.cnil.fr/fr/cookies-et-autres-traceurs/regles/cookies/lignes-directrices-modificatives-et-recommandation',
  },
  analytics: {
    label: {
      en: 'CNIL: conditions for exempting audience-measurement trackers from consent (13-month lifetime, délibération n° 2020-091)',
      fr: 'CNIL : conditions d\'exemption de consentement des traceurs de mesure d\'audience (durée de vie de 13 mois, délibération n° 2020-091)',
    },
    url: 'https://www.cnil.fr/fr/cookies-et-autres-traceurs/regles/cookies-solutions-pour-les-outils-de-mesure-daudience',
  },
  gaAip: {
    label: {
      en: 'Google Analytics Measurement Protocol v1, parameter `aip` (anonymize IP)',
      fr: 'Google Analytics Measurement Protocol v1, paramètre `aip` (anonymisation de l\'adresse IP)',
    },
    url: 'https://developers.google.com/analytics/devguides/collection/protocol/v1/parameters#aip',
  },
} as const satisfies Record<string, { label: LocalizedText; url: string }>;

/** The sentence every consent rule ends its description with. */
export const CONSENT_LAW: LocalizedText = {
  en: 'Art. 82 loi Informatique et Libertés and directive 2002/58/EC (ePrivacy) art. 5(3) require prior consent for any ' +
    'reading or writing on the visitor\'s terminal except what is strictly necessary or stores the consent choice ' +
    '(CNIL délibérations n° 2020-091 and n° 2020-092 of 17 September 2020).',
  fr: 'L\'article 82 de la loi Informatique et Libertés et l\'article 5(3) de la directive 2002/58/CE (ePrivacy) imposent ' +
    'un consentement préalable à toute lecture ou écriture sur le terminal du visiteur, sauf ce qui est strictement ' +
    'nécessaire ou conserve le choix de consentement (délibérations de la CNIL n° 2020-091 et n° 2020-092 du 17 septembre 2020).',
};

/** Joins texts language by language: `join([a, ' ', CONSENT_LAW])`; a string counts for both. */
export function joinText(parts: ReadonlyArray<LocalizedText | string>): LocalizedText {
  const pick = (lang: 'en' | 'fr') => parts.map((p) => (typeof p === 'string' ? p : p[lang])).join('');
  return { en: pick('en'), fr: pick('fr') };
}
