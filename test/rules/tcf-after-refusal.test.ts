/**
 * cookies-after-refusal judges the state once refusal has settled: the TCF consent string must consent to
 * nothing (issue #14 §4), and a cookie the refusal deleted is not a refusal breach (§6).
 */
import { expect } from 'chai';
import { GVL, TCModel, TCString } from '@iabtechlabtcf/core';
import { evaluate, meta } from '../../rules/cookies-after-refusal.ts';
import { ENGINE } from '../../defaults/engine.ts';
import type { ObservedConsentString, Phase, SiteObservations } from '../../src/model.ts';
import type { DraftFinding, RuleOutput } from '../../src/rule.ts';
import { decodeTcString } from '../../src/tcf.ts';
import { MINI_GVL } from '../fixtures/web/tcf-gvl.ts';
import { english } from '../helpers/draft-sentence.ts';
import { cookie, createContext, createObservations, rejectedBanner } from '../helpers/observations.ts';


/** A TC string as a CMP (id 300, version 7) writes it. */
function tcString(o: { purposes?: number[]; vendors?: number[] } = {}): string {
  const m = new TCModel(new GVL(MINI_GVL as never));
  m.cmpId = 300; m.cmpVersion = 7;
  m.purposeConsents.set(o.purposes ?? []);
  m.vendorConsents.set(o.vendors ?? []);
  return TCString.encode(m);
}

const consent = (value: string): ObservedConsentString => ({ format: 'tcf-v2', value, source: 'cookie', name: 'euconsent-v2', domain: 'www.example.fr' });

/** Observations with a consent string in the given phases (the helper copies only cookies, requests and banner). */
function withConsent(obs: SiteObservations, strings: Partial<Record<Phase, string>>): SiteObservations {
  for (const [phase, value] of Object.entries(strings) as Array<[Phase, string]>) obs.phases[phase]!.consentString = consent(value);
  return obs;
}

function findings(out: RuleOutput): DraftFinding[] {
  if (!('findings' in out)) throw new Error(`expected findings, got not applicable: ${english(meta, out.notApplicable)}`);
  return out.findings;
}

describe('TCF consent string and settled refusal (cookies-after-refusal)', () => {
  it('decodes a TC string: CMP id and version, purposes and vendors consented', () => {
    const d = decodeTcString(tcString({ purposes: [1, 3], vendors: [2, 755] }));
    expect(d).to.include({ ok: true, cmpId: 300, cmpVersion: 7, vendorConsentCount: 2 });
    expect(d.ok && d.purposeConsents).to.deep.equal([1, 3]);
    expect(d.ok && d.vendorConsents).to.deep.equal([2, 755]);
    expect(decodeTcString('not a tc string').ok).to.equal(false);
  });

  it('fails with tcf-consent-after-refusal when the refused TC string still consents purposes', () => {
    const obs = withConsent(createObservations({ refused: { banner: rejectedBanner(), cookies: [cookie({ name: 'euconsent-v2' })] } }),
      { refused: tcString({ purposes: [1, 3] }) });
    const out = findings(evaluate(obs, createContext()));
    expect(out.map((f) => f.messageId)).to.deep.equal(['tcf-consent-after-refusal']);
    expect(out[0]).to.include({ cookie: 'euconsent-v2', domain: 'www.example.fr', phase: 'refused' });
    expect(english(meta, out[0])).to.equal('The TCF consent string ("euconsent-v2", CMP 300 version 7) still grants consent after the visitor refused: purposes 1, 3; 0 vendors.');
    expect(english(meta, out[0], 'fr')).to.include('finalités 1, 3');
  });

  it('fails when only vendors are still consented, and passes when the TC string consents nothing', () => {
    const refused = () => createObservations({ refused: { banner: rejectedBanner(), cookies: [] } });
    const vendors = withConsent(refused(), { refused: tcString({ vendors: [8] }) });
    expect(findings(evaluate(vendors, createContext())).map((f) => f.messageId)).to.deep.equal(['tcf-consent-after-refusal']);
    const none = withConsent(refused(), { refused: tcString() });
    expect(findings(evaluate(none, createContext()))).to.deep.equal([]);
    const broken = withConsent(refused(), { refused: '%%%' });
    expect(findings(evaluate(broken, createContext()))).to.deep.equal([]);
  });

  it('does not count a cookie the refusal deleted (gone from the jar when the state was read)', () => {
    const obs = createObservations({ refused: { banner: rejectedBanner(), cookies: [
      cookie({ name: '_ga', presentAtEnd: false }), cookie({ name: '_fbp' }),
    ] } });
    expect(findings(evaluate(obs, createContext())).map((f) => f.cookie)).to.deep.equal(['_fbp']);
  });

  it('reports the decoded purposes per phase, and the CMP id and version after acceptance', () => {
    const obs = withConsent(createObservations({
      accepted: { banner: rejectedBanner({ clicked: 'accept' }) }, refused: { banner: rejectedBanner() },
    }), { accepted: tcString({ purposes: [1, 2, 3, 4], vendors: [2] }), refused: tcString({ purposes: [1, 3] }) });
    const site = ENGINE.auditSite(obs);
    expect(site.tcf?.accepted).to.include({ cmpId: 300, cmpVersion: 7 });
    expect(site.tcf?.accepted?.purposeConsents).to.deep.equal([1, 2, 3, 4]);
    expect(site.tcf?.refused?.purposeConsents).to.deep.equal([1, 3]);
    expect(site.findings.filter((f) => f.messageId === 'tcf-consent-after-refusal')).to.have.length(1);
  });
});
