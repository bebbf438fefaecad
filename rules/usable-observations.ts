/**
 * Defensive readers shared by the rules: observations come from collectors (or disk), so entries
 * may be malformed; rules skip those instead of throwing.
 *
 * @example for (const c of usableCookies(input.phases.initial)) seen.add(namedCookieKey(c));
 */
import type { Exemption, ObservedCookie, ObservedRequest, Phase, PhaseObservations } from '../src/model.ts';
import type { MessageRef } from '../src/messages.ts';
import type { DraftFinding, RuleContext } from '../src/rule.ts';
import { namedCookieKey } from '../src/cookie-key.ts';

/** Cookies with a non-empty name; the domain is lower-cased and stripped of a leading dot. */
export function usableCookies(phase: PhaseObservations | undefined): ObservedCookie[] {
  if (!phase || !Array.isArray(phase.cookies)) return [];
  return phase.cookies
    .filter((c): c is ObservedCookie => typeof c === 'object' && c !== null && typeof c.name === 'string' && c.name !== '')
    .map((c) => ({ ...c, domain: typeof c.domain === 'string' ? c.domain.toLowerCase().replace(/^\./, '') : '' }));
}

/** Requests with a string URL. */
export function usableRequests(phase: PhaseObservations | undefined): ObservedRequest[] {
  if (!phase || !Array.isArray(phase.requests)) return [];
  return phase.requests.filter((r): r is ObservedRequest => typeof r === 'object' && r !== null && typeof r.url === 'string');
}


/** Where a cookie came from, for evidence. */
export function cookieOrigin(c: ObservedCookie): Record<string, unknown> {
  return { party: c.party ?? null, source: c.source ?? null, setterUrl: c.setterUrl ?? null, frameUrl: c.frameUrl ?? null };
}

/** Why a cookie is exempt or not, as message data: the exemption's reason id and data (src/exemption.ts). */
export function reasonRef(exemption: Exemption): MessageRef {
  return exemption.reasonId
    ? { messageId: exemption.reasonId, data: exemption.reasonData ?? {}, message: exemption.reason }
    : { messageId: 'consentUnknown', message: exemption.reason };
}

/**
 * One finding per non-exempt cookie name+domain in a phase, the shape both consent rules report. The
 * message `messageId` of the rule gets `{{name}}`, `{{domain}}` and `{{reason}}` (why consent is needed).
 * @example consentFindings(input.phases.initial, 'initial', ctx, 'setBeforeConsent')
 */
export function consentFindings(
  phase: PhaseObservations | undefined, name: Phase, ctx: RuleContext,
  messageId: string, extra: Record<string, unknown> = {},
): DraftFinding[] {
  const findings: DraftFinding[] = [];
  const seen = new Set<string>();
  for (const cookie of usableCookies(phase)) {
    const key = namedCookieKey(cookie);
    if (seen.has(key)) continue;
    seen.add(key);
    const exemption: Exemption = ctx.classify(cookie);
    if (exemption.exempt) continue;
    findings.push({
      cookie: cookie.name,
      domain: cookie.domain,
      phase: name,
      messageId,
      data: { name: cookie.name, domain: cookie.domain, reason: reasonRef(exemption) },
      evidence: { ...cookieOrigin(cookie), exemption: exemption.reason, known: exemption.known, ...extra },
    });
  }
  return findings;
}
