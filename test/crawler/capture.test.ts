/** Pairing DevTools extra-info events with the redirect hop that carried them. */
import { expect } from 'chai';
import { pairHops } from '../../crawler/capture.ts';

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
