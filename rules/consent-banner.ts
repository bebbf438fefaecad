/**
 * Rule: a site that sets cookies requiring consent or calls trackers must show a consent banner on arrival.
 *
 * @example a site with `_ga` and no banner in the initial phase fails; a site with only PHPSESSID is not applicable
 */
import type { Phase } from '../src/model.ts';
import { PHASES } from '../src/model.ts';
import type { RuleContext, RuleInput, RuleMeta, RuleOutput } from '../src/rule.ts';
import { CONSENT_LAW, LEGAL } from './legal.ts';
import { usableCookies, usableRequests } from './usable-observations.ts';

export const meta: RuleMeta = {
  id: 'consent-banner',
  title: 'A consent banner is shown',
  failureTitle: 'Trackers or cookies need consent but no consent banner is shown',
  description:
    'When the site sets a cookie that is not exempt or calls a tracker or analytics service (in any phase), a consent ' +
    'banner must be shown when the visitor arrives, before anything is stored. ' + CONSENT_LAW,
  legalReference: LEGAL.guidelines,
  remedy: 'Install a consent manager (e.g. tarteaucitron.js, Klaro, Orejime, vanilla-cookieconsent) and load trackers only after consent, or remove the trackers.',
  requiredObservations: ['initial', 'accepted', 'refused'],
  defaultSeverity: 'error',
};

/** At most this many examples of each kind go into the evidence. */
const EXAMPLES = 10;

export function evaluate(input: RuleInput, ctx: RuleContext): RuleOutput {
  const cookies = new Map<string, { cookie: string; domain: string; phase: Phase; reason: string }>();
  const trackers = new Map<string, { service: string; url: string; phase: Phase }>();
  for (const phase of PHASES) {
    const observed = input.phases[phase];
    for (const c of usableCookies(observed)) {
      const key = `${c.name}\u0000${c.domain}`;
      if (cookies.has(key)) continue;
      const exemption = ctx.classify(c);
      if (!exemption.exempt) cookies.set(key, { cookie: c.name, domain: c.domain, phase, reason: exemption.reason });
    }
    for (const r of usableRequests(observed)) {
      const service = ctx.trackerOf(r.url);
      if (service && !trackers.has(service)) trackers.set(service, { service, url: r.url, phase });
    }
  }
  if (cookies.size === 0 && trackers.size === 0) {
    return { notApplicable: 'No tracker or non-exempt cookie: no banner needed.' };
  }
  const initial = input.phases.initial;
  if (!initial) return { notApplicable: 'The initial phase was not observed, so whether a banner is shown on arrival is unknown.' };
  if (initial.banner?.detected === true) return { findings: [] };

  const services = [...trackers.keys()];
  const names = [...cookies.values()].map((c) => c.cookie);
  const needs = [
    services.length ? `calls ${services.slice(0, 5).join(', ')}${services.length > 5 ? '…' : ''}` : '',
    names.length ? `sets ${names.length} cookie${names.length > 1 ? 's' : ''} requiring consent (${names.slice(0, 5).join(', ')}${names.length > 5 ? '…' : ''})` : '',
  ].filter(Boolean).join(' and ');
  let host = '';
  try { host = new URL(input.finalUrl || input.url).hostname; } catch { /* the message does without */ }
  return {
    findings: [{
      ...(host ? { domain: host } : {}),
      phase: 'initial',
      message: `The site ${needs}, but no consent banner was detected when the page loaded.`,
      evidence: {
        trackers: [...trackers.values()].slice(0, EXAMPLES),
        cookies: [...cookies.values()].slice(0, EXAMPLES),
        trackerCount: trackers.size,
        cookieCount: cookies.size,
      },
    }],
  };
}
