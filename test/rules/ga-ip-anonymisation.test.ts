/** ga-ip-anonymisation: Universal Analytics hits must carry `aip`; GA4 passes with a note. */
import { expect } from 'chai';
import { parseGaRequest } from '../../rules/ga-hits.ts';
import { evaluate, meta } from '../../rules/ga-ip-anonymisation.ts';
import type { ObservedRequest } from '../../src/model.ts';
import type { DraftFinding, RuleOutput } from '../../src/rule.ts';
import { english } from '../helpers/draft-sentence.ts';
import { createContext, createObservations, request } from '../helpers/observations.ts';

const GA = 'https://www.google-analytics.com';

function findings(out: RuleOutput): DraftFinding[] {
  if (!('findings' in out)) throw new Error(`expected findings, got not applicable: ${english(meta, out.notApplicable)}`);
  return out.findings;
}
function judge(requests: ObservedRequest[]): RuleOutput {
  return evaluate(createObservations({ initial: { requests } }), createContext());
}

describe('rule ga-ip-anonymisation', () => {
  it('declares its id and cites the Measurement Protocol', () => {
    expect(meta.id).to.equal('ga-ip-anonymisation');
    expect(meta.legalReference.url).to.include('aip');
  });

  it('passes Universal Analytics hits that carry aip, whatever its value', () => {
    const out = judge([
      request({ url: `${GA}/collect?v=1&tid=UA-1-1&t=pageview&aip=1` }),
      request({ url: `${GA}/j/collect?v=1&tid=UA-1-1&t=event&aip=` }),
    ]);
    expect(findings(out)).to.deep.equal([]);
  });

  it('fails each property whose hits lack aip, counting hits and listing their URLs', () => {
    const a1 = `${GA}/collect?v=1&tid=UA-111-1&t=pageview`;
    const a2 = `https://stats.g.doubleclick.net/j/collect?v=1&tid=UA-111-1&t=event`;
    const obs = createObservations({
      initial: { requests: [request({ url: a1 }), request({ url: `${GA}/r/collect?v=1&tid=UA-222-1&t=pageview` })] },
      accepted: { requests: [request({ url: a2, resourceType: 'xhr' }), request({ url: `${GA}/collect?v=1&tid=UA-111-1&aip=1` })] },
    });
    const out = findings(evaluate(obs, createContext()));
    expect(out.map((f) => f.evidence.tid)).to.deep.equal(['UA-111-1', 'UA-222-1']);
    expect(out[0].evidence).to.deep.include({ hitCount: 2, anonymisedHitCount: 1, urls: [a1, a2], phases: ['initial', 'accepted'] });
    expect(english(meta, out[0])).to.include('UA-111-1').and.include('aip');
    expect(out[0].domain).to.equal('www.google-analytics.com');
  });

  it('reads hits from POST bodies and counts a batch hit by hit', () => {
    const out = findings(judge([
      request({ url: `${GA}/collect`, method: 'POST', resourceType: 'ping', postData: 'v=1&tid=UA-3-1&t=pageview' }),
      request({ url: `${GA}/batch`, method: 'POST', postData: 'v=1&tid=UA-3-1&t=event&aip=1\nv=1&tid=UA-3-1&t=event\r\nv=1&tid=UA-3-1&t=timing\n' }),
    ]));
    expect(out).to.have.length(1);
    expect(out[0].evidence).to.include({ tid: 'UA-3-1', hitCount: 3, anonymisedHitCount: 1 });
  });

  it('recognises a first-party proxy by its path and a UA property id', () => {
    const out = findings(judge([request({ url: 'https://www.example.fr/stats/collect?v=1&tid=UA-5-5&t=pageview' })]));
    expect(out.map((f) => [f.evidence.tid, f.domain, f.evidence.proxied])).to.deep.equal([['UA-5-5', 'www.example.fr', true]]);
  });

  it('passes GA4 hits with a note that GA4 anonymises IPs itself', () => {
    const out = judge([request({ url: 'https://region1.google-analytics.com/g/collect?v=2&tid=G-ABC123&en=page_view', method: 'POST' })]);
    expect(findings(out)).to.deep.equal([]);
    expect('notes' in out && out.notes?.map((n) => english(meta, n)).join(' ')).to.include('GA4 anonymises IP addresses itself');
  });

  it('is not applicable without any Google Analytics hit, ignoring look-alikes', () => {
    const out = judge([
      request({ url: `${GA}/analytics.js`, resourceType: 'script' }),
      request({ url: 'https://www.example.fr/api/collect?v=1' }), // a first-party /collect without a UA id is not GA
      request({ url: `${GA}/debug/collect?v=1&tid=UA-1-1` }), // the validation server records nothing
      request({ url: 'https://www.facebook.com/tr?id=1&ev=PageView' }),
    ]);
    expect(out).to.have.all.keys('notApplicable');
    expect('notApplicable' in out && english(meta, out.notApplicable)).to.equal('No Google Analytics hit was observed.');
  });

  it('skips malformed requests and hits instead of throwing', () => {
    const junk = [
      null, { method: 'GET' }, request({ url: 'http://[bad' }), request({ url: 'ga' }),
      request({ url: `${GA}/collect`, method: 'POST', postData: '\u0000%%%\n==' }),
      request({ url: `${GA}/batch`, method: 'POST', postData: 'v=1&tid=UA-8-8&t=pageview\ngarbage-line' }),
    ] as unknown as ObservedRequest[];
    const out = findings(judge(junk));
    expect(out.map((f) => [f.evidence.tid, f.evidence.hitCount])).to.deep.equal([['UA-8-8', 1]]);
  });

  describe('parseGaRequest', () => {
    it('returns null for requests that are not GA hits or cannot be parsed', () => {
      expect(parseGaRequest({ url: 'not a url' })).to.equal(null);
      expect(parseGaRequest({ url: `${GA}/collect` })).to.equal(null);
      expect(parseGaRequest({ url: 'https://notgoogle-analytics.com/collect?v=1' })).to.equal(null);
      expect(parseGaRequest({ url: 'ftp://www.google-analytics.com/collect?v=1&tid=UA-1-1' })).to.equal(null);
    });

    it('merges each body line over the query string (GA4 events share the query)', () => {
      const hits = parseGaRequest({ url: 'https://analytics.google.com/g/collect?v=2&tid=G-XY', postData: 'en=page_view\nen=scroll' });
      expect(hits?.map((h) => [h.version, h.tid, h.anonymised])).to.deep.equal([['ga4', 'G-XY', true], ['ga4', 'G-XY', true]]);
    });
  });
});
