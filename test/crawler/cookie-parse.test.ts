/** The shared cookie-string parser: what a browser would store, with the lifetime as declared. */
import { expect } from 'chai';
import { parseCookieString } from '../../src/cookie-parse.ts';

const NOW = new Date('2025-03-01T12:00:00.000Z');

describe('parseCookieString', () => {
  it('reads every attribute of a Set-Cookie header and keeps Max-Age and Expires as declared', () => {
    const c = parseCookieString('_ga=GA1.1.42; Max-Age=63072000; Expires=Mon, 01 Mar 2027 12:00:00 GMT; Domain=.Example.fr; Path=/; Secure; HttpOnly; SameSite=None',
      'https://www.example.fr/page', NOW, 'header');
    expect(c).to.deep.include({
      name: '_ga', value: 'GA1.1.42', domain: 'example.fr', hostOnly: false, path: '/',
      declaredMaxAge: 63072000, declaredExpires: 'Mon, 01 Mar 2027 12:00:00 GMT',
      secure: true, httpOnly: true, sameSite: 'None', deletes: false,
    });
    // Max-Age wins over Expires (RFC 6265 §5.3 step 3).
    expect(c!.expiresAt).to.equal(new Date(NOW.getTime() + 63072000 * 1000).toISOString());
  });

  it('makes a cookie without Domain host-only with the default path of the URL', () => {
    const c = parseCookieString('sid=1', 'http://campus.example.fr/a/b/page.html', NOW, 'header');
    expect(c).to.deep.include({ domain: 'campus.example.fr', hostOnly: true, path: '/a/b', declaredMaxAge: null, declaredExpires: null, expiresAt: null, sameSite: null });
  });

  it('keeps the Expires text exactly as written, even in an old format', () => {
    const c = parseCookieString('old=1; expires=Sunday, 06-Nov-2044 08:49:37 GMT', 'https://a.fr/', NOW, 'script');
    expect(c?.declaredExpires).to.equal('Sunday, 06-Nov-2044 08:49:37 GMT');
    expect(c?.expiresAt).to.equal('2044-11-06T08:49:37.000Z');
  });

  it('marks a write that removes the cookie', () => {
    expect(parseCookieString('a=; Max-Age=0', 'https://a.fr/', NOW, 'script')?.deletes).to.equal(true);
    expect(parseCookieString('a=; Expires=Thu, 01 Jan 1970 00:00:00 GMT', 'https://a.fr/', NOW, 'script')?.deletes).to.equal(true);
  });

  it('refuses what a browser would refuse', () => {
    const url = 'https://www.example.fr/';
    expect(parseCookieString('', url, NOW, 'header'), 'empty').to.equal(null);
    expect(parseCookieString('a=1; Domain=other.fr', url, NOW, 'header'), 'foreign domain').to.equal(null);
    expect(parseCookieString('a=1; Domain=fr', url, NOW, 'header'), 'public suffix').to.equal(null);
    expect(parseCookieString('a=1; HttpOnly', url, NOW, 'script'), 'HttpOnly from a script').to.equal(null);
    expect(parseCookieString('a=1; Secure', 'http://www.example.fr/', NOW, 'header'), 'Secure over http').to.equal(null);
    expect(parseCookieString('__Host-a=1; Path=/', url, NOW, 'header'), '__Host- without Secure').to.equal(null);
  });

  it('accepts a parent-domain cookie from a subdomain (sibling subdomains share it)', () => {
    const c = parseCookieString('shared=1; Domain=demo-ecole.fr', 'https://lyon.demo-ecole.fr/', NOW, 'script');
    expect(c).to.deep.include({ domain: 'demo-ecole.fr', hostOnly: false });
  });
});
