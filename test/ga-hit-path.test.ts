/** One list of GA hit paths: what the collectors record is exactly what the GA rule can read as hits. */
import { expect } from 'chai';
import { parseGaRequest } from '../rules/ga-hits.ts';
import { createRequestFilter } from '../src/requests-of-interest.ts';

describe('GA hit paths, shared by the collectors and the GA rule', () => {
  const isRequestOfInterest = createRequestFilter({}, () => null);
  const cases: Array<[string, boolean]> = [
    ['https://www.google-analytics.com/collect?v=1&tid=UA-1-1', true],
    ['https://region1.google-analytics.com/g/collect?v=2&tid=G-X', true],
    ['https://www.google-analytics.com/j/collect?v=1&tid=UA-1-1', true],
    ['https://www.a.fr/metrics/r/collect?v=1&tid=UA-1-1', true],
    ['https://www.a.fr/stats/batch?v=1&tid=UA-1-1', true],
    ['https://www.a.fr/j/collect/?v=1&tid=UA-1-1', true],
    ['https://www.a.fr/collected?v=1&tid=UA-1-1', false],
    ['https://www.a.fr/collect.js?v=1&tid=UA-1-1', false],
  ];
  for (const [url, hit] of cases) {
    it(`${hit ? 'records and reads' : 'ignores'} ${url}`, () => {
      expect(parseGaRequest({ url, postData: null }) !== null, 'rule').to.equal(hit);
      // Recorded by the collectors whenever the rule could read it (they may record more: trackers).
      if (hit) expect(isRequestOfInterest(url), 'collector').to.equal(true);
      else expect(isRequestOfInterest(url), 'collector').to.equal(false);
    });
  }
});
