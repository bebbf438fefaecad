/**
 * Rule: after the visitor clicked "reject", no cookie that requires consent may be present (refused phase).
 *
 * @example evaluate({ url, finalUrl, phases: { refused } }, ctx) // not applicable unless a reject click worked
 */
import type { DraftFinding, RuleContext, RuleInput, RuleMeta, RuleOutput } from '../src/rule.ts';
import { CONSENT_LAW, LEGAL } from './legal.ts';
import { cookieKey, cookieOrigin, usableCookies } from './observed.ts';

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
  const findings: DraftFinding[] = [];
  const seen = new Set<string>();
  for (const cookie of usableCookies(refused)) {
    const key = cookieKey(cookie);
    if (seen.has(key)) continue;
    seen.add(key);
    const exemption = ctx.classify(cookie);
    if (exemption.exempt) continue;
    findings.push({
      cookie: cookie.name,
      domain: cookie.domain,
      phase: 'refused',
      message: `Cookie "${cookie.name}" (${cookie.domain}) is present after the visitor refused consent; ${exemption.reason}.`,
      evidence: { ...cookieOrigin(cookie), exemption: exemption.reason, known: exemption.known, cmp: banner.cmp ?? null },
    });
  }
  return { findings };
}
