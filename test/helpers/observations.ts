/**
 * Builders for rule tests: a valid SiteObservations with sensible defaults, and a RuleContext wired to the
 * real exemption classifier and tracker matcher.
 *
 * @example
 *   const obs = createObservations({ initial: { cookies: [cookie({ name: '_ga' })] } });
 *   evaluate(obs, createContext());
 */
import type { ObservedBanner, ObservedCookie, ObservedRequest, Phase, PhaseObservations, SiteObservations } from '../../src/model.ts';
import { noBanner } from '../../src/model.ts';
import type { RuleContext } from '../../src/rule.ts';
import { createClassifier, type ExtraExemption } from '../../src/exemption.ts';
import { createTrackerMatcher } from '../../src/trackers.ts';
import { KNOWLEDGE } from '../../knowledge/index.ts';

export const SITE = 'https://www.example.fr/';
/** The default moment cookies are set and requests sent. */
export const SET_AT = '2024-01-15T10:00:00.000Z';

/** A first-party session cookie set by a response header, overridable field by field. */
export function cookie(overrides: Partial<ObservedCookie> & { name: string }): ObservedCookie {
  return {
    value: null, domain: 'www.example.fr', hostOnly: true, path: '/', party: 'first', source: 'header',
    setterUrl: SITE, frameUrl: SITE, setAt: SET_AT, declaredMaxAge: null, declaredExpires: null, storedExpires: null,
    secure: true, httpOnly: false, sameSite: 'Lax',
    ...overrides,
  };
}

/** A GET image request from the top frame. */
export function request(overrides: Partial<ObservedRequest> & { url: string }): ObservedRequest {
  return { method: 'GET', resourceType: 'image', frameUrl: SITE, postData: null, time: SET_AT, ...overrides };
}

/** A banner record; `banner()` is "nothing detected", `banner({ detected: true })` a found one. */
export function banner(overrides: Partial<ObservedBanner> = {}): ObservedBanner {
  return { ...noBanner(), ...overrides };
}

/** A banner that was found and whose reject control was clicked successfully. */
export function rejectedBanner(overrides: Partial<ObservedBanner> = {}): ObservedBanner {
  return banner({ detected: true, cmp: 'test-cmp', method: 'heuristic', acceptFound: true, rejectFound: true, rejectOnFirstLayer: true, clicked: 'reject', clickWorked: true, ...overrides });
}

export type PartialPhase = Partial<PhaseObservations>;

/**
 * Observations of one site; only the phases given are present.
 * @example createObservations({ initial: {}, refused: { banner: rejectedBanner() } })
 */
export function createObservations(phases: Partial<Record<Phase, PartialPhase>> = { initial: {} }, site: Partial<Omit<SiteObservations, 'phases'>> = {}): SiteObservations {
  const built: SiteObservations['phases'] = {};
  for (const [phase, p] of Object.entries(phases) as Array<[Phase, PartialPhase]>) {
    built[phase] = { cookies: p.cookies ?? [], requests: p.requests ?? [], banner: p.banner ?? banner() };
  }
  return { url: SITE, finalUrl: SITE, collector: 'test', startedAt: SET_AT, ...site, phases: built };
}

/** A RuleContext with the real classifier and tracker matcher, 13 months by default. */
export function createContext(overrides: Partial<RuleContext> & { exemptCookies?: ExtraExemption[] } = {}): RuleContext {
  const { exemptCookies, ...rest } = overrides;
  return { maxLifetimeMonths: 13, classify: createClassifier(KNOWLEDGE, exemptCookies), trackerOf: createTrackerMatcher(KNOWLEDGE.trackers), ...rest };
}
