/** consent-banner: a site needing consent must show a banner when the visitor arrives. */
import { expect } from 'chai';
import { evaluate, meta } from '../../rules/consent-banner.ts';
import type { ObservedRequest } from '../../src/model.ts';
import type { DraftFinding, RuleOutput } from '../../src/rule.ts';
import { english } from '../helpers/draft-sentence.ts';
import { banner, cookie, createContext, createObservations, request } from '../helpers/observations.ts';

function findings(out: RuleOutput): DraftFinding[] {
  if (!('findings' in out)) throw new Error(`expected findings, got not applicable: ${english(meta, out.notApplicable)}`);
  return out.findings;
}

const GA_HIT = 'https://www.google-analytics.com/g/collect?v=2&tid=G-TEST';

describe('rule consent-banner', () => {
  it('declares its id and reads every phase', () => {
    expect(meta.id).to.equal('consent-banner');
    expect(meta.requiredObservations).to.have.members(['initial', 'accepted', 'refused']);
  });

  it('passes a site with trackers that shows a banner on arrival', () => {
    const obs = createObservations({ initial: { banner: banner({ detected: true, cmp: 'tarteaucitron' }), requests: [request({ url: GA_HIT })] } });
    expect(findings(evaluate(obs, createContext()))).to.deep.equal([]);
  });

  it('fails a site that calls a tracker with no banner, naming the service', () => {
    const out = findings(evaluate(createObservations({ initial: { requests: [request({ url: 'https://connect.facebook.net/en_US/fbevents.js', resourceType: 'script' })] } }), createContext()));
    expect(out).to.have.length(1);
    expect(english(meta, out[0])).to.include('Facebook').and.include('no consent banner');
    expect(out[0].evidence.trackerCount).to.equal(1);
  });

  it('fails on a non-exempt cookie seen in any phase, even when the banner only appears later', () => {
    const obs = createObservations({
      initial: { cookies: [cookie({ name: 'PHPSESSID' })] },
      accepted: { cookies: [cookie({ name: '_ga' })], banner: banner({ detected: true }) },
    });
    const out = findings(evaluate(obs, createContext()));
    expect(out).to.have.length(1);
    expect(english(meta, out[0])).to.include('_ga');
    expect(out[0].evidence.cookies).to.deep.equal([{ cookie: '_ga', domain: 'www.example.fr', phase: 'accepted', reason: 'requires consent: Google Analytics Analytics cookie' }]);
  });

  it('is not applicable to a site with only exempt cookies and ordinary requests', () => {
    const obs = createObservations({ initial: {
      cookies: [cookie({ name: 'PHPSESSID' }), cookie({ name: 'XSRF-TOKEN' })],
      requests: [request({ url: 'https://fonts.googleapis.com/css2?family=Inter' }), request({ url: 'https://www.example.fr/app.js' })],
    } });
    const na = evaluate(obs, createContext());
    expect('notApplicable' in na && english(meta, na.notApplicable)).to.equal('No tracker or non-exempt cookie: no banner needed.');
  });

  it('respects cookies the config exempts', () => {
    const obs = createObservations({ initial: { cookies: [cookie({ name: 'pref_lang' })] } });
    const ctx = createContext({ exemptCookies: [{ name: 'pref_lang', reason: 'language chosen by the visitor' }] });
    expect(evaluate(obs, ctx)).to.have.property('notApplicable');
  });

  it('is not applicable when the initial phase is missing', () => {
    const obs = createObservations({ accepted: { cookies: [cookie({ name: '_ga' })] } });
    const na = evaluate(obs, createContext());
    expect('notApplicable' in na && english(meta, na.notApplicable)).to.match(/initial/);
  });

  it('skips malformed requests and cookies instead of throwing', () => {
    const junk = [null, { method: 'GET' }, request({ url: 'not a url' }), request({ url: 'http://[::1' })] as unknown as ObservedRequest[];
    const obs = createObservations({ initial: { requests: junk, cookies: [cookie({ name: '' })] } });
    expect(evaluate(obs, createContext())).to.have.property('notApplicable');
  });
});
