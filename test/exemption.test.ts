/** The exemption classifier (config, curated list, Open Cookie Database) and the tracker matcher. */
import { expect } from 'chai';
import { createClassifier } from '../src/exemption.ts';
import { createTrackerMatcher } from '../src/trackers.ts';
import { KNOWLEDGE } from '../knowledge/index.ts';

describe('createClassifier', () => {
  it('says why a cookie is exempt: the curated entry and its source', () => {
    const v = createClassifier(KNOWLEDGE)({ name: 'PHPSESSID', domain: 'example.fr' });
    expect(v).to.include({ exempt: true, category: 'session', matchedBy: 'exempt:PHPSESSID' });
    expect(v.reason).to.include('https://www.php.net/');
    expect(v.known?.platform).to.be.a('string'); // also labelled from the Open Cookie Database
  });

  it('labels a known tracking cookie from the Open Cookie Database and requires consent', () => {
    const v = createClassifier(KNOWLEDGE)({ name: '_ga', domain: 'example.fr' });
    expect(v).to.include({ exempt: false, category: null, reason: 'requires consent: Google Analytics Analytics cookie' });
    expect(v.matchedBy).to.match(/^ocd:/);
    expect(createClassifier(KNOWLEDGE)({ name: '_ga_XYZ987', domain: 'example.fr' }).known?.platform).to.equal('Google Analytics');
  });

  it('requires consent for an unknown cookie', () => {
    expect(createClassifier(KNOWLEDGE)({ name: 'zz_unlisted', domain: 'example.fr' })).to.deep.equal({
      exempt: false, category: null, reason: 'unknown cookie: consent required', reasonId: 'consentUnknown', reasonData: {}, matchedBy: null, known: null,
    });
  });

  it('checks config extras first, by exact name or prefix', () => {
    const classify = createClassifier(KNOWLEDGE, [
      { name: 'PHPSESSID', reason: 'our own wording' },
      { name: 'shop_', prefix: true, reason: 'cart contents', category: 'session' },
    ]);
    expect(classify({ name: 'PHPSESSID', domain: 'a.fr' })).to.include({ exempt: true, matchedBy: 'config:PHPSESSID' });
    expect(classify({ name: 'shop_cart', domain: 'a.fr' })).to.include({ exempt: true, matchedBy: 'config:shop_', category: 'session' });
    expect(classify({ name: 'shop', domain: 'a.fr' }).exempt).to.equal(false);
    expect(classify({ name: 'PHPSESSID', domain: 'a.fr' }).reason).to.include('our own wording');
  });

  it('looks through the __Secure- and __Host- prefixes', () => {
    expect(createClassifier(KNOWLEDGE)({ name: '__Host-next-auth.csrf-token', domain: 'a.fr' }).matchedBy).to.equal('exempt:next-auth.');
    expect(createClassifier(KNOWLEDGE)({ name: '__Secure-PHPSESSID', domain: 'a.fr' }).exempt).to.equal(true);
  });

  it('treats a nameless cookie as unknown instead of throwing', () => {
    const classify = createClassifier(KNOWLEDGE);
    expect(classify({ name: '', domain: 'a.fr' }).exempt).to.equal(false);
    expect(classify({} as { name: string; domain: string }).reason).to.equal('unknown cookie: consent required');
  });
});

describe('createTrackerMatcher', () => {
  const trackerOf = createTrackerMatcher(KNOWLEDGE.trackers);

  it('names the service of tracker hosts and their subdomains', () => {
    expect(trackerOf('https://region1.google-analytics.com/g/collect?v=2')).to.equal('Google Analytics');
    expect(trackerOf('https://www.googletagmanager.com/gtag/js?id=G-1')).to.equal('Google Tag Manager');
    expect(trackerOf('https://stats.g.doubleclick.net/j/collect')).to.equal('Google Analytics'); // the longer host wins
    expect(trackerOf('https://ad.doubleclick.net/ddm/activity')).to.equal('DoubleClick');
    expect(trackerOf('https://static.hotjar.com/c/hotjar-1.js')).to.equal('Hotjar');
  });

  it('honours path prefixes and host boundaries', () => {
    expect(trackerOf('https://www.facebook.com/tr?id=1&ev=PageView')).to.equal('Facebook');
    expect(trackerOf('https://www.facebook.com/example.page')).to.equal(null);
    expect(trackerOf('https://notgoogle-analytics.com/collect')).to.equal(null);
    expect(trackerOf('https://www.example.fr/google-analytics.com')).to.equal(null);
  });

  it('returns null for unparsable or non-web URLs', () => {
    expect(trackerOf('not a url')).to.equal(null);
    expect(trackerOf('http://[::1')).to.equal(null);
    expect(trackerOf('data:text/plain,google-analytics.com')).to.equal(null);
  });
});
