/**
 * Legal references the rules cite, in one place so the wording and links stay consistent.
 *
 * @example meta.legalReference = LEGAL.guidelines;
 */
export const LEGAL = {
  guidelines: {
    label: 'CNIL délibération n° 2020-091 du 17 septembre 2020 (lignes directrices « cookies et autres traceurs ») and n° 2020-092 (recommandation)',
    url: 'https://www.cnil.fr/fr/cookies-et-autres-traceurs/regles/cookies/lignes-directrices-modificatives-et-recommandation',
  },
  analytics: {
    label: 'CNIL: conditions for exempting audience-measurement trackers from consent (13-month lifetime, délibération n° 2020-091)',
    url: 'https://www.cnil.fr/fr/cookies-et-autres-traceurs/regles/cookies-solutions-pour-les-outils-de-mesure-daudience',
  },
  gaAip: {
    label: 'Google Analytics Measurement Protocol v1, parameter `aip` (anonymize IP)',
    url: 'https://developers.google.com/analytics/devguides/collection/protocol/v1/parameters#aip',
  },
} as const;

/** The sentence every consent rule ends its description with. */
export const CONSENT_LAW =
  'Art. 82 loi Informatique et Libertés and directive 2002/58/EC (ePrivacy) art. 5(3) require prior consent for any ' +
  'reading or writing on the visitor\'s terminal except what is strictly necessary or stores the consent choice ' +
  '(CNIL délibérations n° 2020-091 and n° 2020-092 of 17 September 2020).';
