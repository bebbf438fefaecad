/**
 * A consent manager's record of the choice under any name is exempt by provenance (issue #14 §5), and nothing else
 * passes for it: judged by the real engine on observations shaped like the crawler's.
 */
import { expect } from 'chai';
import { ENGINE } from '../defaults/engine.ts';
import type { ObservedCookie, Phase } from '../src/model.ts';
import { banner, cookie, createObservations, SITE } from './helpers/observations.ts';

const CMP = 'https://www.example.fr/vendor/klaro/klaro.js?v=3';
const CLICK = { accepted: '2024-01-15T10:00:10.000Z', refused: '2024-01-15T10:00:20.000Z' };
const DONE = { accepted: '2024-01-15T10:00:11.000Z', refused: '2024-01-15T10:00:21.000Z' };
const AT_CLICK = { accepted: '2024-01-15T10:00:10.300Z', refused: '2024-01-15T10:00:20.300Z' };

/** A cookie a script wrote at the visitor's click in `phase`. */
const written = (phase: 'accepted' | 'refused', o: Partial<ObservedCookie> & { name: string }): ObservedCookie =>
  cookie({ source: 'script', setterUrl: CMP, setAt: AT_CLICK[phase], ...o });

/** Accepted and refused phases whose clicks worked, each holding the cookies given. */
function visit(cookies: { accepted: ObservedCookie[]; refused: ObservedCookie[]; initial?: ObservedCookie[] }, o: { refusedClick?: boolean; cmp?: string | null } = {}) {
  const clicked = (phase: 'accepted' | 'refused') => banner({
    detected: true, cmp: o.cmp === undefined ? 'Klaro' : o.cmp, method: o.cmp === null ? 'heuristic' : 'autoconsent', frameUrl: SITE, acceptFound: true, rejectFound: true, rejectOnFirstLayer: true,
    clicked: phase === 'accepted' ? 'accept' : 'reject', clickWorked: true,
    ...(o.refusedClick === false && phase === 'refused' ? {} : { clickStartedAt: CLICK[phase], clickEndedAt: DONE[phase] }),
  });
  return ENGINE.auditSite(createObservations({
    initial: { cookies: cookies.initial ?? [], banner: banner({ detected: true, acceptFound: true, rejectFound: true, rejectOnFirstLayer: true }) },
    accepted: { cookies: cookies.accepted, banner: clicked('accepted') },
    refused: { cookies: cookies.refused, banner: clicked('refused') },
  }));
}

const exemptionOf = (audit: ReturnType<typeof visit>, name: string, phase: Phase = 'refused') =>
  audit.cookies.find((c) => c.name === name && c.phase === phase)?.exemption;
const refusalOutcome = (audit: ReturnType<typeof visit>) => audit.rules.find((r) => r.id === 'cookies-after-refusal')?.outcome;

describe('consent record recognised by provenance', () => {
  it('exempts the one cookie the consent manager\'s script wrote at the click, on accepting and refusing, whatever its name', () => {
    const audit = visit({
      accepted: [written('accepted', { name: 'mairie_preferences' })],
      refused: [written('refused', { name: 'mairie_preferences' })],
    });
    const e = exemptionOf(audit, 'mairie_preferences');
    expect(e).to.include({ exempt: true, category: 'consent-storage', reasonId: 'consentRecord', matchedBy: 'provenance:consent-record' });
    expect(e?.reason).to.include('recognised by provenance').and.include('the script of Klaro!, https://www.example.fr/vendor/klaro/klaro.js,');
    expect(e?.reasonData).to.deep.equal({ script: 'https://www.example.fr/vendor/klaro/klaro.js', cmp: 'Klaro!' });
    expect(refusalOutcome(audit)).to.equal('pass');
  });

  it('recognises the record on refusal alone when no accepted phase was recorded (the extension\'s refusal visit)', () => {
    const refusedOnly = (setterUrl: string) => ENGINE.auditSite(createObservations({
      initial: { banner: banner({ detected: true, acceptFound: true, rejectFound: true, rejectOnFirstLayer: true }) },
      refused: {
        cookies: [written('refused', { name: 'mairie_preferences', setterUrl })],
        banner: banner({ detected: true, cmp: 'Klaro', method: 'autoconsent', acceptFound: true, rejectFound: true, rejectOnFirstLayer: true,
          clicked: 'reject', clickWorked: true, clickStartedAt: CLICK.refused, clickEndedAt: DONE.refused }),
      },
    }));
    expect(exemptionOf(refusedOnly(CMP), 'mairie_preferences')?.exempt).to.equal(true);
    expect(exemptionOf(refusedOnly('https://www.example.fr/js/suivi.js'), 'mairie_preferences')?.exempt).to.equal(false);
  });

  it('does not exempt a cookie already held before any choice, even when the script rewrites it at both clicks', () => {
    const id = (phase: 'accepted' | 'refused') => [written(phase, { name: 'visiteur_id' })];
    const audit = visit({ initial: [cookie({ source: 'script', setterUrl: CMP, name: 'visiteur_id' })], accepted: id('accepted'), refused: id('refused') });
    expect(exemptionOf(audit, 'visiteur_id')?.exempt).to.equal(false);
    expect(refusalOutcome(audit)).to.equal('fail');
  });

  it('does not exempt a cookie the same script wrote on one choice only', () => {
    const audit = visit({ accepted: [written('accepted', { name: 'pref_id' })], refused: [written('refused', { name: 'pref_id', setAt: '2024-01-15T10:00:30.000Z' })] });
    expect(exemptionOf(audit, 'pref_id')?.exempt).to.equal(false);
    expect(refusalOutcome(audit)).to.equal('fail');
  });

  it('does not exempt cookies when the script wrote several at the refusal (not just a record of the choice)', () => {
    const two = (phase: 'accepted' | 'refused') => [written(phase, { name: 'cmp_choice' }), written(phase, { name: 'cmp_visitor' })];
    const audit = visit({ accepted: two('accepted'), refused: two('refused') });
    expect(exemptionOf(audit, 'cmp_choice')?.exempt).to.equal(false);
    expect(exemptionOf(audit, 'cmp_visitor')?.exempt).to.equal(false);
  });

  it('still recognises the record when, on acceptance, the consent manager ran held-back scripts that wrote cookies under its name', () => {
    const audit = visit({
      accepted: [written('accepted', { name: 'mairie_preferences' }), written('accepted', { name: 'stats_uid' })],
      refused: [written('refused', { name: 'mairie_preferences' })],
    });
    expect(exemptionOf(audit, 'mairie_preferences')?.exempt).to.equal(true);
    expect(exemptionOf(audit, 'stats_uid', 'accepted')?.exempt).to.equal(false);
  });

  it('never exempts a cookie known as a tracker, nor one written by a tracker\'s script or by the page itself', () => {
    const ga = visit({ accepted: [written('accepted', { name: '_ga' })], refused: [written('refused', { name: '_ga' })] });
    expect(exemptionOf(ga, '_ga')?.exempt).to.equal(false);
    const byTracker = (phase: 'accepted' | 'refused') => [written(phase, { name: 'uid_choice', setterUrl: 'https://www.google-analytics.com/analytics.js' })];
    expect(exemptionOf(visit({ accepted: byTracker('accepted'), refused: byTracker('refused') }), 'uid_choice')?.exempt).to.equal(false);
    const inline = (phase: 'accepted' | 'refused') => [written(phase, { name: 'page_choice', setterUrl: SITE })];
    expect(exemptionOf(visit({ accepted: inline('accepted'), refused: inline('refused') }), 'page_choice')?.exempt).to.equal(false);
  });

  it('does not exempt a third-party cookie, a header cookie, or one whose recorded values do not change with the choice', () => {
    const third = (phase: 'accepted' | 'refused') => [written(phase, { name: 'x_choice', domain: 'cmp.example.net', party: 'third' })];
    expect(exemptionOf(visit({ accepted: third('accepted'), refused: third('refused') }), 'x_choice')?.exempt).to.equal(false);
    const header = (phase: 'accepted' | 'refused') => [written(phase, { name: 'h_choice', source: 'header' })];
    expect(exemptionOf(visit({ accepted: header('accepted'), refused: header('refused') }), 'h_choice')?.exempt).to.equal(false);
    const same = (phase: 'accepted' | 'refused') => [written(phase, { name: 'v_choice', value: 'abc123' })];
    expect(exemptionOf(visit({ accepted: same('accepted'), refused: same('refused') }), 'v_choice')?.exempt).to.equal(false);
    const differs = visit({ accepted: [written('accepted', { name: 'v_choice', value: '{"ga":true}' })], refused: [written('refused', { name: 'v_choice', value: '{"ga":false}' })] });
    expect(exemptionOf(differs, 'v_choice')?.exempt).to.equal(true);
  });

  it('does not exempt a cookie written at both clicks by a script that is not the detected consent manager\'s, whatever it is named', () => {
    // A tracker served as another consent manager's file, as a path or query that merely holds Klaro's file name, or with no consent manager detected.
    for (const setterUrl of [
      'https://www.example.fr/vendor/cookieconsent/cookieconsent.umd.js', 'https://www.example.fr/js/suivi.js?klaro.js',
      'https://www.example.fr/klaro.js/suivi.js', 'https://www.example.fr/js/klaro.js.php',
    ]) {
      const pretends = (phase: 'accepted' | 'refused') => [written(phase, { name: 'visite_ref', setterUrl })];
      const audit = visit({ accepted: pretends('accepted'), refused: pretends('refused') });
      expect(exemptionOf(audit, 'visite_ref')?.exempt, setterUrl).to.equal(false);
      expect(refusalOutcome(audit), setterUrl).to.equal('fail');
    }
    const record = (phase: 'accepted' | 'refused') => [written(phase, { name: 'mairie_preferences' })];
    expect(exemptionOf(visit({ accepted: record('accepted'), refused: record('refused') }, { cmp: null }), 'mairie_preferences')?.exempt).to.equal(false);
    expect(exemptionOf(visit({ accepted: record('accepted'), refused: record('refused') }, { cmp: 'Onetrust' }), 'mairie_preferences')?.exempt).to.equal(false);
  });

  it('needs the collector\'s click times: without them nothing is exempt by provenance', () => {
    const audit = visit({
      accepted: [written('accepted', { name: 'mairie_preferences' })],
      refused: [written('refused', { name: 'mairie_preferences' })],
    }, { refusedClick: false });
    expect(exemptionOf(audit, 'mairie_preferences')?.exempt).to.equal(false);
  });
});
