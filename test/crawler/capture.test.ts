/** Pairing DevTools extra-info events with the redirect hop that carried them. */
import { expect } from 'chai';
import { PhaseCapture, pairHops, type CookieWrite } from '../../crawler/capture.ts';
import { CAPS } from '../../src/caps.ts';

const chain = ['http://a.fr/', 'https://a.fr/', 'https://a.fr/accueil'].map((url) => ({ url }));

describe('pairHops', () => {
  it('gives each redirect the hop its Location leaves from and the final response the last hop', () => {
    const hops = pairHops(chain, [
      { statusCode: 301, location: 'https://a.fr/' },
      { statusCode: 302, location: '/accueil' },
      { statusCode: 200, location: null },
    ]);
    expect(hops.map((h) => h?.url)).to.deep.equal(['http://a.fr/', 'https://a.fr/', 'https://a.fr/accueil']);
  });

  it('skips a hop that sent no extra info (served from cache)', () => {
    const hops = pairHops(chain, [{ statusCode: 302, location: '/accueil' }, { statusCode: 200, location: null }]);
    expect(hops.map((h) => h?.url)).to.deep.equal(['https://a.fr/', 'https://a.fr/accueil']);
  });

  it('pairs a response whose request event is not known yet with nothing', () => {
    expect(pairHops([], [{ statusCode: 200, location: null }])).to.deep.equal([undefined]);
  });
});

describe('PhaseCapture caps (src/caps.ts)', () => {
  type Feed = { onRequest(e: unknown): void };
  const hit = (i: number, url: string) => ({ requestId: `r${i}`, type: 'Image', request: { url, method: 'GET' } });

  it('keeps the first requests of a flood, then only requests to endpoints not seen yet, and counts the rest', () => {
    const cap = new PhaseCapture({ isOfInterest: () => true });
    const feed = cap as unknown as Feed;
    for (let i = 0; i < CAPS.requests * 3; i++) feed.onRequest(hit(i, `https://www.google-analytics.com/collect?v=1&tid=UA-1-1&z=${i}`));
    feed.onRequest(hit(-1, 'https://www.facebook.com/tr?id=1&ev=PageView'));
    expect(cap.requests).to.have.length(CAPS.requests + 1);
    expect(cap.requests.at(-1)?.url).to.equal('https://www.facebook.com/tr?id=1&ev=PageView');
    expect(cap.truncation()).to.deep.equal({ truncated: true, dropped: { requests: CAPS.requests * 2 } });
  });

  it('tracks at most CAPS.redirectHops hops of a redirect chain, and CAPS.trackedRequests requests at once', () => {
    const cap = new PhaseCapture({ isOfInterest: () => false });
    const feed = cap as unknown as Feed & { onExtraInfo(e: unknown): void; chains: Map<string, unknown[]>; extraInfos: Map<string, unknown[]> };
    const redirect = (id: string, i: number) => ({ requestId: id, statusCode: 302, headers: { location: `/r${i + 1}`, 'set-cookie': `c${i}=1` } });
    // An endless redirect chain under one request id (a server can send more than Chromium follows).
    for (let i = 0; i < 1000; i++) {
      feed.onRequest(hit(0, `https://a.fr/r${i}`));
      feed.onExtraInfo(redirect('r0', i));
    }
    expect(feed.chains.get('r0')).to.have.length(CAPS.redirectHops);
    expect(feed.extraInfos.get('r0')).to.have.length(CAPS.redirectHops);
    // Requests that never finish: the oldest are settled and forgotten.
    for (let i = 1; i <= CAPS.trackedRequests * 2; i++) {
      feed.onRequest(hit(i, `https://a.fr/p${i}`));
      feed.onExtraInfo(redirect(`r${i}`, i));
    }
    expect(feed.chains.size).to.equal(CAPS.trackedRequests);
    expect(feed.extraInfos.size).to.be.at.most(CAPS.trackedRequests);
  });

  it('keeps the latest write of a cookie already held once script writes reach the cap, and a new cookie', () => {
    const cap = new PhaseCapture({ isOfInterest: () => false });
    const writes = cap as unknown as { script: { add(w: CookieWrite, replaceable: () => boolean): void } };
    const write = (raw: string, t: number): CookieWrite => ({ origin: 'script', raw, url: 'https://a.fr/', setterUrl: null, frameUrl: 'https://a.fr/', time: new Date(t), readBack: null });
    for (let i = 0; i < CAPS.scriptWrites + 100; i++) writes.script.add(write(`a=${i}`, i), () => true);
    writes.script.add(write('_ga=1; Max-Age=63072000', 1e6), () => true);
    expect(cap.scriptWrites).to.have.length(CAPS.scriptWrites + 1);
    expect(cap.scriptWrites.some((w) => w.raw === `a=${CAPS.scriptWrites + 99}`), 'latest a').to.equal(true);
    expect(cap.scriptWrites.at(-1)?.raw).to.equal('_ga=1; Max-Age=63072000');
    expect(cap.truncation().dropped).to.deep.equal({ scriptWrites: 100 });
  });
});
