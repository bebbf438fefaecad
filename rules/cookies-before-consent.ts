/**
 * Rule: no cookie that requires consent may be present before the visitor has chosen (initial phase).
 *
 * @example evaluate({ url, finalUrl, phases: { initial } }, ctx) // one finding per non-exempt name+domain
 */
import type { RuleContext, RuleInput, RuleMeta, RuleOutput } from '../src/rule.ts';
import { CONSENT_LAW, joinText, LEGAL } from './legal.ts';
import { consentFindings } from './usable-observations.ts';

export const meta: RuleMeta = {
  id: 'cookies-before-consent',
  title: {
    en: 'No cookie requiring consent is set before the visitor chooses',
    fr: 'Aucun cookie soumis au consentement n\'est déposé avant le choix de l\'utilisateur',
  },
  failureTitle: {
    en: 'Cookies requiring consent are set before the visitor chooses',
    fr: 'Des cookies soumis au consentement sont déposés avant tout choix',
  },
  description: joinText([{
    en: 'Lists every cookie present after the page loaded with no interaction (first or third party, any frame, set by a ' +
      'response header or a script) that is not strictly necessary or consent storage. ',
    fr: 'Relève chaque cookie présent après le chargement de la page sans aucune interaction (interne ou tiers, dans ' +
      'n\'importe quel cadre, déposé par un en-tête de réponse ou un script) qui n\'est ni strictement nécessaire ni ' +
      'destiné à conserver le choix de consentement. ',
  }, CONSENT_LAW]),
  legalReference: LEGAL.guidelines,
  remedy: {
    en: 'Load the tags and scripts that set these cookies only after the visitor accepts (through the consent manager). ' +
      'If a cookie is strictly necessary, declare it in the config\'s `exemptCookies` with the reason.',
    fr: 'Ne chargez les balises et scripts qui déposent ces cookies qu\'après l\'acceptation du visiteur (par le ' +
      'gestionnaire de consentement). Si un cookie est strictement nécessaire, déclarez-le dans `exemptCookies` de la ' +
      'configuration avec sa justification.',
  },
  messages: {
    setBeforeConsent: {
      en: 'Cookie "{{name}}" ({{domain}}) is set before the visitor gave consent; {{reason}}.',
      fr: 'Le cookie « {{name}} » ({{domain}}) est déposé avant que le visiteur ait donné son consentement ; {{reason}}.',
    },
  },
  requiredObservations: ['initial'],
  defaultSeverity: 'error',
};

export function evaluate(input: RuleInput, ctx: RuleContext): RuleOutput {
  return { findings: consentFindings(input.phases.initial, 'initial', ctx, 'setBeforeConsent') };
}
