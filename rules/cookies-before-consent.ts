/**
 * Rule: no cookie that requires consent may be present before the visitor has chosen (initial phase).
 *
 * @example evaluate({ url, finalUrl, phases: { initial } }, ctx) // one finding per non-exempt name+domain
 */
import type { DraftFinding, RuleContext, RuleInput, RuleMeta, RuleOutput } from '../src/rule.ts';
import { CONSENT_LAW, LEGAL } from './legal.ts';
import { cookieKey, cookieOrigin, usableCookies } from './observed.ts';

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
  const findings: DraftFinding[] = [];
  const seen = new Set<string>();
  for (const cookie of usableCookies(input.phases.initial)) {
    const key = cookieKey(cookie);
    if (seen.has(key)) continue;
    seen.add(key);
    const exemption = ctx.classify(cookie);
    if (exemption.exempt) continue;
    findings.push({
      cookie: cookie.name,
      domain: cookie.domain,
      phase: 'initial',
      message: `Cookie "${cookie.name}" (${cookie.domain}) is set before the visitor gave consent; ${exemption.reason}.`,
      evidence: { ...cookieOrigin(cookie), exemption: exemption.reason, known: exemption.known },
    });
  }
  return { findings };
}
