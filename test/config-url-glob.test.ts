/**
 * Override URL globs match the site-controlled final URL: `*` stays inside one host label or one
 * path segment, so a query string or a deeper host cannot pass for the audited domain, and matching
 * is linear, so a huge URL costs milliseconds.
 */
import { expect } from 'chai';
import { urlMatches } from '../src/config.ts';

describe('urlMatches (override URL globs)', () => {
  it('anchors `*` to one host label', () => {
    expect(urlMatches('https://*.intranet.example.fr/*', 'https://wiki.intranet.example.fr/')).to.equal(true);
    expect(urlMatches('https://*.intranet.example.fr/*', 'https://wiki.intranet.example.fr/page')).to.equal(true);
    expect(urlMatches('https://*.intranet.example.fr/*', 'https://evil.fr/?x=.intranet.example.fr/')).to.equal(false);
    expect(urlMatches('https://*.intranet.example.fr/*', 'https://evil.fr/a.intranet.example.fr/')).to.equal(false);
    expect(urlMatches('https://*.intranet.example.fr/*', 'https://a.evil.fr#.intranet.example.fr/')).to.equal(false);
    expect(urlMatches('https://*.intranet.example.fr/*', 'https://wiki.intranet.example.fr.evil.fr/')).to.equal(false);
    expect(urlMatches('https://*.example.fr/*', 'https://a.b.example.fr/x')).to.equal(false);
    expect(urlMatches('https://*.example.fr/*', 'https://a.exampleXfr/x')).to.equal(false);
    expect(urlMatches('https://campus-*.example.fr/', 'https://campus-lyon.example.fr/')).to.equal(true);
  });

  it('anchors `*` to one path segment; `**` is any number of segments and any query', () => {
    expect(urlMatches('https://a.fr/*', 'https://a.fr/x/y')).to.equal(false);
    expect(urlMatches('https://a.fr/*/y', 'https://a.fr/x/y')).to.equal(true);
    expect(urlMatches('https://a.fr/**', 'https://a.fr/x/y?utm=1')).to.equal(true);
    expect(urlMatches('https://a.fr/shop/**', 'https://a.fr/blog/shop/x')).to.equal(false);
    expect(urlMatches('https://example.fr/', 'https://example.fr/?q')).to.equal(false);
    expect(urlMatches('https://example.fr/?lang=*', 'https://example.fr/?lang=fr')).to.equal(true);
    expect(urlMatches('https://example.fr/?lang=*', 'https://example.fr/?lang=fr&x=.example.fr')).to.equal(false);
  });

  it('checks scheme and port, case-insensitively; a glob without a scheme is http or https', () => {
    expect(urlMatches('https://a.fr/', 'http://a.fr/')).to.equal(false);
    expect(urlMatches('a.fr/**', 'http://a.fr/x')).to.equal(true);
    expect(urlMatches('HTTPS://A.FR/', 'https://a.fr/')).to.equal(true);
    expect(urlMatches('https://a.fr/', 'https://a.fr:8443/')).to.equal(false);
    expect(urlMatches('https://a.fr:*/', 'https://a.fr:8443/')).to.equal(true);
    expect(urlMatches('https://a.fr/', 'not a url')).to.equal(false);
  });

  it('matches a 200 KB URL in milliseconds, whatever the glob', () => {
    const long = `https://a.example.fr/${'a'.repeat(200_000)}?${'x'.repeat(1000)}`;
    const globs = ['https://*.example.fr/*a*a*a*a*a*a*a*a*a*b', 'https://*a*a*a*a*.example.fr/**', '*://*.*.*.*/**', 'https://*.example.fr/*a*a*a*a*a*a*b/**'];
    const started = performance.now();
    for (const glob of globs) urlMatches(glob, long);
    // Generous for a loaded CI machine; the regex it replaces took seconds on the first glob.
    expect(performance.now() - started).to.be.below(500);
  });
});
