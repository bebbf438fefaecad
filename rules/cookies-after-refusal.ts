/**
 * Rule: after the visitor clicked "reject", no cookie that requires consent may be present (refused phase).
 *
 * @example evaluate({ url, finalUrl, phases: { refused } }, ctx) // not applicable unless a reject click worked
 */
import type { RuleContext, RuleInput, RuleMeta, RuleOutput } from '../src/rule.ts';
import { CONSENT_LAW, LEGAL } from './legal.ts';
import { consentFindings } from './usable-observations.ts';

export const meta: RuleMeta = {
  id: 'cookies-after-refusal',
  title: 'Refusing consent is respected',
  failureTitle: 'Cookies requiring consent are set after the visitor refused',
  description:
    'After clicking the banner\'s reject control, lists every cookie present that is not strictly necessary or ' +
    'consent storage. Refusing must be as easy as accepting and must be respected (CNIL délibération n° 2020-092, ' +
    'recommandation). ' + CONSENT_LAW,
  legalReference: LEGAL.guidelines,
  remedy:
    'Make the consent manager block these tags when the visitor refuses, and delete cookies set before the choice. ' +
    'If a cookie is strictly necessary, declare it in the config\'s `exemptCookies` with the reason.',
  requiredObservations: ['refused'],
  defaultSeverity: 'error',
};

export function evaluate(input: RuleInput, ctx: RuleContext): RuleOutput {
  const refused = input.phases.refused;
  if (!refused) return { notApplicable: 'The refused phase was not observed (no visit after clicking reject).' };
  const banner = refused.banner;
  if (!banner || banner.clicked !== 'reject') {
    return { notApplicable: 'No reject control was clicked in the refused phase (none found on the banner), so refusal could not be tested.' };
  }
  if (banner.clickWorked === false) {
    return { notApplicable: 'The click on the reject control did not take effect (banner still shown), so refusal could not be tested.' };
  }
  return {
    findings: consentFindings(refused, 'refused', ctx,
      (c, why) => `Cookie "${c.name}" (${c.domain}) is present after the visitor refused consent; ${why}.`,
      { cmp: banner.cmp ?? null }),
  };
}
