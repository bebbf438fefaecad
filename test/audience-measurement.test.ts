/**
 * The CNIL's audience-measurement exemption (délibération n° 2020-091 art. 5) through the whole engine:
 * Matomo cookies meeting the conditions checkable from outside are exempt (no finding, no banner needed);
 * one failing a condition is not exempt and its reason names the condition.
 */
import { expect } from 'chai';
import { ENGINE } from '../defaults/engine.ts';
import { AUDIENCE_MEASUREMENT } from '../knowledge/index.ts';
import { createRequestFilter } from '../src/requests-of-interest.ts';
import { createClassifier } from '../src/exemption.ts';
import { KNOWLEDGE } from '../knowledge/index.ts';
import { banner, cookie, createObservations, request, SITE } from './helpers/observations.ts';
import type { SiteAudit } from '../src/model.ts';

const DAY = 86400;
const MATOMO_DEFAULT = 33_955_200; // 393 days: matomo.js's default visitor-cookie timeout
const pkId = (o: Parameters<typeof cookie>[0] extends infer T ? Partial<T> : never = {}) =>
  cookie({ name: '_pk_id.1.1fff', source: 'script', declaredExpires: null, declaredMaxAge: MATOMO_DEFAULT, ...o });
const pkSes = cookie({ name: '_pk_ses.1.1fff', source: 'script', declaredMaxAge: 1800 });
const ownHit = request({ url: 'https://www.example.fr/matomo.php?idsite=1&rec=1&_id=0123456789abcdef' });

function audit(initial: Parameters<typeof createObservations>[0] extends infer P ? P extends Record<string, infer X> ? X : never : never): SiteAudit {
  const phases = { initial, accepted: initial, refused: initial };
  return ENGINE.auditSite(createObservations(phases));
}
const outcome = (site: SiteAudit, rule: string) => site.rules.find((r) => r.id === rule)?.outcome;

describe('audience measurement exempt from consent (CNIL délibération 2020-091 art. 5)', () => {
  it('exempts Matomo cookies on the site\'s own domain, 13 months, hits to its own matomo.php: no finding, no banner needed', () => {
    const site = audit({ cookies: [pkId(), pkSes], requests: [ownHit] });
    expect(site.findings.map((f) => `${f.rule}: ${f.message}`)).to.deep.equal([]);
    expect(outcome(site, 'cookies-before-consent')).to.equal('pass');
    expect(outcome(site, 'consent-banner')).to.equal('not-applicable');
    const id = site.cookies.find((c) => c.name === '_pk_id.1.1fff')!.exemption;
    expect(id).to.include({ exempt: true, category: 'audience-measurement' });
    expect(id.reason).to.include('exempt if configured as the CNIL requires: purposes limited, IP anonymised — not checkable from outside');
    expect(id.reason).to.include('first-party cookie').and.include('393 days, within 13 months').and.include('hits go to www.example.fr');
  });

  it('does not exempt a 25-month _pk_id and says the lifetime condition failed', () => {
    const site = audit({ cookies: [pkId({ declaredMaxAge: 761 * DAY }), pkSes], requests: [ownHit] });
    const before = site.findings.filter((f) => f.rule === 'cookies-before-consent');
    expect(before.map((f) => f.cookie)).to.deep.equal(['_pk_id.1.1fff']);
    expect(before[0].message).to.include('lifetime condition failed: 761 days, more than 13 months');
    expect(outcome(site, 'consent-banner')).to.equal('fail');
    const verdict = site.cookies.find((c) => c.name === '_pk_id.1.1fff')!.exemption;
    expect(verdict).to.include({ exempt: false, category: null });
    expect(verdict.reasonData).to.include({ failedConditions: 'lifetime' });
    // The 30-minute visit cookie still meets every condition.
    expect(site.cookies.find((c) => c.name === '_pk_ses.1.1fff')!.exemption.exempt).to.equal(true);
  });

  it('does not exempt a Matomo cookie held on a shared third-party domain, nor its siblings', () => {
    const shared = pkId({ domain: 'stats.mutualise.test', party: 'third' });
    const site = audit({ cookies: [shared, pkSes], requests: [request({ url: 'https://stats.mutualise.test/matomo.php?idsite=7&rec=1' })] });
    const verdict = site.cookies.find((c) => c.name === '_pk_id.1.1fff')!.exemption;
    expect(verdict.exempt).to.equal(false);
    expect(String(verdict.reasonData?.failedConditions).split(',')).to.have.members(['first-party', 'endpoint', 'no-shared-third-party']);
    expect(verdict.reason).to.include('set on the third-party domain stats.mutualise.test');
    const ses = site.cookies.find((c) => c.name === '_pk_ses.1.1fff')!.exemption;
    expect(ses.exempt).to.equal(false);
    expect(ses.reason).to.include('"_pk_id.1.1fff" is held on the third-party domain stats.mutualise.test');
  });

  it('accepts hits to the tool\'s per-publisher endpoint (an account of matomo.cloud), and no longer counts them as a tracker', () => {
    const cloud = request({ url: 'https://ecole.matomo.cloud/matomo.php?idsite=1&rec=1' });
    const site = audit({ cookies: [pkId(), pkSes], requests: [cloud] });
    expect(site.findings).to.deep.equal([]);
    expect(outcome(site, 'consent-banner')).to.equal('not-applicable');
    // The same hit with a 25-month cookie is a tracker again: a banner is needed.
    const bad = audit({ cookies: [pkId({ declaredMaxAge: 761 * DAY })], requests: [cloud] });
    expect(outcome(bad, 'consent-banner')).to.equal('fail');
  });

  it('never exempts Google Analytics, and says so in the knowledge file', () => {
    const site = audit({ cookies: [cookie({ name: '_ga', declaredMaxAge: 390 * DAY })], requests: [] });
    expect(site.cookies[0].exemption.exempt).to.equal(false);
    const ga = AUDIENCE_MEASUREMENT.neverExempt.find((n) => n.name === 'Google Analytics')!;
    expect(ga.reason).to.match(/^Never exempt/);
    expect(ga.cookies).to.include('_ga');
  });

  it('without the site (name and domain only) a Matomo cookie requires consent', () => {
    expect(createClassifier(KNOWLEDGE)({ name: '_pk_id.1.1fff', domain: 'example.fr' }).exempt).to.equal(false);
  });

  it('a plain `_pk_id` (not matomo.js\'s `_pk_id.<site>.<hash>`) is not taken for Matomo', () => {
    const site = audit({ cookies: [pkId({ name: '_pk_id' })], requests: [] });
    expect(site.cookies[0].exemption.exempt).to.equal(false);
  });

  it('records self-hosted hits (every hitPath of the knowledge) as requests of interest', () => {
    for (const tool of AUDIENCE_MEASUREMENT.tools) {
      for (const path of tool.hitPaths) expect(ENGINE.isRequestOfInterest(`https://stats.example.fr${path}?rec=1`), path).to.equal(true);
    }
  });

  it('recognises a hit path added to the data, with no code change', () => {
    const url = 'https://stats.example.fr/stats/hit.gif?rec=1';
    const added = { ...AUDIENCE_MEASUREMENT, tools: [{ ...AUDIENCE_MEASUREMENT.tools[0]!, hitPaths: ['/stats/hit.gif'] }] };
    expect(createRequestFilter({ audienceMeasurement: AUDIENCE_MEASUREMENT }, () => null)(url)).to.equal(false);
    expect(createRequestFilter({ audienceMeasurement: added }, () => null)(url)).to.equal(true);
  });

  it('a banner is still fine: a Matomo site with a banner passes consent-banner', () => {
    const site = ENGINE.auditSite(createObservations({ initial: { cookies: [pkId({ declaredMaxAge: 761 * DAY })], banner: banner({ detected: true }) } }));
    expect(outcome(site, 'consent-banner')).to.equal('pass');
    expect(SITE).to.equal('https://www.example.fr/');
  });
});
