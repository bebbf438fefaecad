/**
 * How a fixture site's expected outcomes (stated for a full three-phase audit) read on the
 * extension's visits, each of which records only some phases; and the crawler's observations cut
 * down to a visit's phases, for the conformance comparison.
 *
 * @example expect(mismatches(site, [acceptVisit, refuseVisit])).to.deep.equal([]);
 */
import { RULES } from '../../rules/index.ts';
import type { Outcome, Phase, SiteAudit, SiteObservations } from '../../src/model.ts';
import type { FixtureSite } from '../fixtures/web/site-types.ts';

/** The phases a visit recorded. */
export function phasesOf(site: SiteAudit): Phase[] {
  return Object.keys(site.banner.phases) as Phase[];
}

function outcome(site: SiteAudit, rule: string): Outcome | undefined {
  return site.rules.find((r) => r.id === rule)?.outcome;
}

/**
 * What does not match the fixture's expectations. A rule reading one phase must give the expected
 * outcome on every visit that recorded that phase. A rule reading every phase sees only part of the
 * site on each visit: an expected failure must show on at least one visit, an expected pass must
 * show on one and fail on none, "not applicable" must hold on every visit.
 */
export function mismatches(fixture: FixtureSite, visits: SiteAudit[]): string[] {
  const out: string[] = [];
  for (const [rule, stated] of Object.entries(fixture.expected)) {
    // The policy rules need the crawler's policy step: the extension has none, so they are not applicable there.
    const expected = rule.startsWith('policy-') && visits.every((v) => v.collector === 'extension') ? 'not-applicable' : stated;
    const meta = RULES.find((r) => r.meta.id === rule)?.meta;
    if (!meta) { out.push(`${rule}: unknown rule`); continue; }
    const relevant = visits.filter((v) => meta.requiredObservations.some((p) => phasesOf(v).includes(p)));
    if (relevant.length === 0) continue; // no visit recorded the phase this rule reads
    const got = relevant.map((v) => outcome(v, rule));
    const shown = `${rule}: expected ${expected}, got ${got.join(' / ')} on visits recording ${relevant.map((v) => phasesOf(v).join('+')).join(' / ')}`;
    if (meta.requiredObservations.length === 1) {
      if (got.some((g) => g !== expected)) out.push(shown);
    } else if (expected === 'fail') {
      if (!got.includes('fail')) out.push(shown);
    } else if (expected === 'pass') {
      if (got.includes('fail') || got.includes('error') || !got.includes('pass')) out.push(shown);
    } else if (got.some((g) => g !== 'not-applicable')) {
      out.push(shown);
    }
  }
  return out;
}

/**
 * The crawler's observations of a site cut down to the given phases, without what the extension
 * does not collect (the policy, the crawler's timing notes).
 */
export function observationsOf(site: SiteObservations, phases: readonly Phase[]): SiteObservations {
  const obs: SiteObservations = {
    url: site.url, finalUrl: site.finalUrl, httpStatus: site.httpStatus, collector: site.collector,
    startedAt: site.startedAt, phases: {},
  };
  for (const p of phases) {
    const phase = site.phases[p];
    if (phase) obs.phases[p] = phase;
  }
  return obs;
}

/** Rule outcomes of an audit, by rule id. */
export function outcomes(site: SiteAudit): Record<string, Outcome> {
  return Object.fromEntries(site.rules.map((r) => [r.id, r.outcome]));
}

/** The findings as comparable keys: rule, phase, cookie name and domain. */
export function findingKeys(site: SiteAudit): string[] {
  return site.findings.map((f) => [f.rule, f.phase ?? '', f.cookie ?? '', f.domain ?? ''].join(' | ')).sort();
}
