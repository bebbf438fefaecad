/** cookies-after-refusal: non-exempt cookies present after a successful click on "reject". */
import { expect } from 'chai';
import { evaluate, meta } from '../../rules/cookies-after-refusal.ts';
import type { ObservedCookie } from '../../src/model.ts';
import type { DraftFinding, RuleOutput } from '../../src/rule.ts';
import { english } from '../helpers/draft-sentence.ts';
import { banner, cookie, createContext, createObservations, rejectedBanner } from '../helpers/observations.ts';

function findings(out: RuleOutput): DraftFinding[] {
  if (!('findings' in out)) throw new Error(`expected findings, got not applicable: ${english(meta, out.notApplicable)}`);
  return out.findings;
}

describe('rule cookies-after-refusal', () => {
  it('declares its id and reads only the refused phase', () => {
    expect(meta.id).to.equal('cookies-after-refusal');
    expect(meta.requiredObservations).to.deep.equal(['refused']);
  });

  it('passes when only necessary and consent cookies remain after refusing', () => {
    const obs = createObservations({ refused: { banner: rejectedBanner(), cookies: [cookie({ name: 'cc_cookie' }), cookie({ name: 'PHPSESSID' })] } });
    expect(findings(evaluate(obs, createContext()))).to.deep.equal([]);
  });

  it('reports each tracking cookie set despite the refusal', () => {
    const obs = createObservations({ refused: { banner: rejectedBanner({ cmp: 'klaro' }), cookies: [
      cookie({ name: '_ga', domain: 'example.fr' }), cookie({ name: '_fbp', domain: 'example.fr', source: 'script' }),
      cookie({ name: 'klaro' }), cookie({ name: '_ga', domain: 'example.fr', path: '/fr' }),
    ] } });
    const out = findings(evaluate(obs, createContext()));
    expect(out.map((f) => [f.cookie, f.phase])).to.deep.equal([['_ga', 'refused'], ['_fbp', 'refused']]);
    expect(english(meta, out[0])).to.include('refused');
    expect(out[0].evidence.cmp).to.equal('klaro');
  });

  it('is not applicable without a refused phase, a reject click, or when the click did not work', () => {
    const tracking = [cookie({ name: '_ga' })];
    const cases = [
      createObservations({ initial: { cookies: tracking } }),
      createObservations({ refused: { cookies: tracking, banner: banner({ detected: true }) } }),
      createObservations({ refused: { cookies: tracking, banner: rejectedBanner({ clicked: 'accept' }) } }),
      createObservations({ refused: { cookies: tracking, banner: rejectedBanner({ clickWorked: false }) } }),
    ];
    for (const obs of cases) {
      const out = evaluate(obs, createContext());
      expect(out, JSON.stringify(obs.phases.refused?.banner ?? null)).to.have.property('notApplicable');
      expect('notApplicable' in out && english(meta, out.notApplicable)).to.be.a('string').and.not.empty;
    }
  });

  it('judges a reject click whose effect is unknown (clickWorked null)', () => {
    const obs = createObservations({ refused: { banner: rejectedBanner({ clickWorked: null }), cookies: [cookie({ name: '_gid' })] } });
    expect(findings(evaluate(obs, createContext())).map((f) => f.cookie)).to.deep.equal(['_gid']);
  });

  it('ignores cookies of the initial and accepted phases', () => {
    const obs = createObservations({
      initial: { cookies: [cookie({ name: '_ga' })] },
      accepted: { cookies: [cookie({ name: '_fbp' })] },
      refused: { banner: rejectedBanner(), cookies: [] },
    });
    expect(findings(evaluate(obs, createContext()))).to.deep.equal([]);
  });

  it('skips malformed cookies and a missing banner without throwing', () => {
    const broken = [undefined, { name: 42 }, cookie({ name: '_ga' })] as unknown as ObservedCookie[];
    const out = findings(evaluate(createObservations({ refused: { banner: rejectedBanner(), cookies: broken } }), createContext()));
    expect(out.map((f) => f.cookie)).to.deep.equal(['_ga']);
    const noBanner = createObservations({ refused: { cookies: broken } });
    (noBanner.phases.refused as { banner: unknown }).banner = null;
    expect(evaluate(noBanner, createContext())).to.have.property('notApplicable');
  });
});
