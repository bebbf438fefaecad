/** One cookie identity for the collectors (the jar's: name, domain, path) and one for findings (name, domain). */
import { expect } from 'chai';
import { jarKey, namedCookieKey } from '../src/cookie-key.ts';

describe('cookie identities', () => {
  it('treats a leading dot and the domain\'s case as the browser does', () => {
    expect(jarKey({ name: '_ga', domain: '.A.fr', path: '/' })).to.equal(jarKey({ name: '_ga', domain: 'a.fr', path: '/' }));
    expect(namedCookieKey({ name: '_ga', domain: '.A.fr' })).to.equal(namedCookieKey({ name: '_ga', domain: 'a.fr' }));
  });

  it('keeps cookies of other paths apart in the jar, together in findings, and names case-sensitive', () => {
    expect(jarKey({ name: 'a', domain: 'a.fr', path: '/' })).not.to.equal(jarKey({ name: 'a', domain: 'a.fr', path: '/shop' }));
    expect(namedCookieKey({ name: 'A', domain: 'a.fr' })).not.to.equal(namedCookieKey({ name: 'a', domain: 'a.fr' }));
  });
});
