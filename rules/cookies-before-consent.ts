/**
 * Rule: no cookie that requires consent may be present before the visitor has chosen (initial phase).
 *
 * @example evaluate({ url, finalUrl, phases: { initial } }, ctx) // one finding per non-exempt name+domain
 */
import type { RuleContext, RuleInput, RuleMeta, RuleOutput } from '../src/rule.ts';
import { CONSENT_LAW, LEGAL } from './legal.ts';
import { consentFindings } from './usable-observations.ts';

export const meta: RuleMeta = {
  id: 'cookies-before-consent',
  title: 'No cookie requiring consent is set before the visitor chooses',
  failureTitle: 'Cookies requiring consent are set before the visitor chooses',
  description:
    'Lists every cookie present after the page loaded with no interaction (first or third party, any frame, set by a ' +
    'response header or a script) that is not strictly necessary or consent storage. ' + CONSENT_LAW,
  legalReference: LEGAL.guidelines,
  remedy:
    'Load the tags and scripts that set these cookies only after the visitor accepts (through the consent manager). ' +
    'If a cookie is strictly necessary, declare it in the config\'s `exemptCookies` with the reason.',
  requiredObservations: ['initial'],
  defaultSeverity: 'error',
};

export function evaluate(input: RuleInput, ctx: RuleContext): RuleOutput {
  return {
    findings: consentFindings(input.phases.initial, 'initial', ctx,
      (c, why) => `Cookie "${c.name}" (${c.domain}) is set before the visitor gave consent; ${why}.`),
  };
}
