/**
 * Tracker requests carry a person's identifiers (client and user ids, click ids, the page and
 * referrer URLs). No report format keeps them unless --include-values, the parameters the rules
 * judge stay, and a redacted request is judged exactly as the original.
 */
import { expect } from 'chai';
import { FORMATS, render } from '../../reports/index.ts';
import { IDENTIFIERS } from '../../reports/redact-values.ts';
import { ENGINE } from '../../defaults/engine.ts';
import { hostileReport, IDENTIFIERS as VALUES } from '../helpers/hostile-report.ts';
import { createObservations, request } from '../helpers/observations.ts';

const secrets = [VALUES.cid, VALUES.uid, VALUES._fbp, VALUES._gid, 'jane@example.fr', encodeURIComponent(VALUES.dl), encodeURIComponent(VALUES.dr)];

describe('identifiers in tracker requests', () => {
  const report = hostileReport();

  for (const format of FORMATS) {
    it(`${format}: no client id, user id, browser id or page URL unless --include-values`, () => {
      const text = render(report, format);
      for (const s of secrets) expect(text, `${format} holds ${s}`).not.to.include(s);
    });
  }

  it('keeps them with --include-values, and keeps what the rules judge either way', () => {
    const kept = render(report, 'json', { includeValues: true });
    expect(kept).to.include(VALUES.cid).and.to.include(VALUES.uid);
    const json = JSON.parse(render(report, 'json'));
    const urls = json.sites[0].requests.map((r: { url: string }) => r.url).join(' ');
    expect(urls).to.include('v=1').and.to.include('t=pageview').and.to.include('tid=UA-1').and.to.include('cid=<redacted>');
    const body = json.sites[0].requests.find((r: { postData: string | null }) => r.postData)?.postData;
    expect(body).to.include('tid=UA-9-9').and.to.include('aip=1').and.to.include('user_id=<redacted>').and.not.to.include(VALUES.uid);
  });

  it('redacts JSON bodies by key, and the GA rule judges a redacted request exactly as the original', () => {
    expect(JSON.parse(IDENTIFIERS.body('{"events":[{"userId":"u1","name":"x"}],"anonymousId":"a1"}')!)).to.deep.equal({ events: [{ userId: '<redacted>', name: 'x' }], anonymousId: '<redacted>' });
    const hits = [
      'https://www.google-analytics.com/collect?v=1&tid=UA-5-5&cid=1.2&uid=9&t=pageview',
      'https://www.google-analytics.com/collect?v=1&tid=UA-6-6&cid=1.2&aip=1&t=pageview',
      'https://www.google-analytics.com/g/collect?v=2&tid=G-ABC&cid=1.2&en=page_view&_p=1&sid=3',
    ];
    const judge = (redact: boolean) => ENGINE.auditSite(createObservations({
      initial: { requests: hits.map((url) => request({ url: redact ? IDENTIFIERS.url(url) : url })) },
    })).rules.find((r) => r.id === 'ga-ip-anonymisation');
    const plain = judge(false)!;
    const redacted = judge(true)!;
    expect(redacted.outcome).to.equal(plain.outcome).and.to.equal('fail');
    expect(redacted.findingCount).to.equal(plain.findingCount);
  });
});
