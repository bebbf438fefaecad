/** cookies-before-consent: non-exempt cookies present before any interaction. */
import { expect } from 'chai';
import { evaluate, meta } from '../../rules/cookies-before-consent.ts';
import type { ObservedCookie, PhaseObservations } from '../../src/model.ts';
import type { DraftFinding, RuleOutput } from '../../src/rule.ts';
import { english } from '../helpers/draft-sentence.ts';
import { cookie, createContext, createObservations } from '../helpers/observations.ts';

function findings(out: RuleOutput): DraftFinding[] {
  if (!('findings' in out)) throw new Error(`expected findings, got not applicable: ${english(meta, out.notApplicable)}`);
  return out.findings;
}

describe('rule cookies-before-consent', () => {
  it('declares its id and reads only the initial phase', () => {
    expect(meta.id).to.equal('cookies-before-consent');
    expect(meta.requiredObservations).to.deep.equal(['initial']);
    expect(meta.description.en).to.match(/2020-091/).and.match(/2002\/58/);
  });

  it('passes a site whose initial cookies are all strictly necessary or consent storage', () => {
    const obs = createObservations({ initial: { cookies: [
      cookie({ name: 'PHPSESSID' }), cookie({ name: 'csrftoken' }), cookie({ name: 'tarteaucitron', source: 'script' }),
      cookie({ name: '__cf_bm', domain: 'example.fr', hostOnly: false }),
    ] } });
    expect(findings(evaluate(obs, createContext()))).to.deep.equal([]);
  });

  it('reports each first- and third-party tracking cookie with its name, domain and why it needs consent', () => {
    const obs = createObservations({ initial: { cookies: [
      cookie({ name: '_ga', domain: 'example.fr', source: 'script', setterUrl: 'https://www.googletagmanager.com/gtag/js' }),
      cookie({ name: 'IDE', domain: '.doubleclick.net', party: 'third', frameUrl: 'https://ads.example.net/frame' }),
      cookie({ name: 'PHPSESSID' }),
    ] } });
    const out = findings(evaluate(obs, createContext()));
    expect(out.map((f) => [f.cookie, f.domain, f.phase])).to.deep.equal([
      ['_ga', 'example.fr', 'initial'],
      ['IDE', 'doubleclick.net', 'initial'],
    ]);
    expect(english(meta, out[0])).to.include('_ga').and.include('Google Analytics');
    expect(out[1].evidence).to.include({ party: 'third', frameUrl: 'https://ads.example.net/frame' });
  });

  it('reports an unknown cookie as needing consent', () => {
    const out = findings(evaluate(createObservations({ initial: { cookies: [cookie({ name: 'mystery_id' })] } }), createContext()));
    expect(out).to.have.length(1);
    expect(out[0].evidence.exemption).to.equal('unknown cookie: consent required');
  });

  it('gives one finding per name and domain, however often the cookie is seen', () => {
    const obs = createObservations({ initial: { cookies: [
      cookie({ name: '_fbp', domain: 'example.fr', path: '/' }),
      cookie({ name: '_fbp', domain: 'example.fr', path: '/shop', source: 'script' }),
      cookie({ name: '_fbp', domain: 'other.example', party: 'third' }),
    ] } });
    expect(findings(evaluate(obs, createContext())).map((f) => f.domain)).to.deep.equal(['example.fr', 'other.example']);
  });

  it('ignores cookies of later phases and cookies the config exempts', () => {
    const obs = createObservations({
      initial: { cookies: [cookie({ name: 'shop_cart' })] },
      accepted: { cookies: [cookie({ name: '_ga' })] },
      refused: { cookies: [cookie({ name: '_gid' })] },
    });
    const ctx = createContext({ exemptCookies: [{ name: 'shop_', prefix: true, reason: 'cart contents' }] });
    expect(findings(evaluate(obs, ctx))).to.deep.equal([]);
  });

  it('skips malformed cookies instead of throwing', () => {
    const broken = [null, { domain: 'a.fr' }, cookie({ name: '' }), cookie({ name: '_ga' })] as unknown as ObservedCookie[];
    const out = findings(evaluate(createObservations({ initial: { cookies: broken } }), createContext()));
    expect(out.map((f) => f.cookie)).to.deep.equal(['_ga']);
    const noList = { cookies: 'x', requests: [], banner: null } as unknown as PhaseObservations;
    expect(findings(evaluate({ url: 'x', finalUrl: 'x', phases: { initial: noList } }, createContext()))).to.deep.equal([]);
  });
});
