/** One cookie per (name, domain, path) from header and script writes plus the final jar. */
import { expect } from 'chai';
import type { CookieWrite } from '../../crawler/capture.ts';
import { mergeCookies, type JarCookie } from '../../crawler/merge-cookies.ts';

const SITE = 'https://www.ecole.fr/';
const T0 = new Date('2025-03-01T12:00:00.000Z');
const at = (s: number) => new Date(T0.getTime() + s * 1000);
const ctx = { siteUrl: SITE, includeValues: false, now: at(10) };

const header = (raw: string, url = SITE, s = 0): CookieWrite => ({ origin: 'header', raw, url, setterUrl: url, frameUrl: SITE, time: at(s) });
const script = (raw: string, url = SITE, s = 0, setter = 'https://www.ecole.fr/app.js'): CookieWrite => ({ origin: 'script', raw, url, setterUrl: setter, frameUrl: url, time: at(s) });
const jar = (name: string, domain: string, expires: number, path = '/'): JarCookie => ({ name, value: 'v', domain, path, expires, session: expires < 0, secure: false, httpOnly: false, sameSite: 'Lax' });

describe('mergeCookies', () => {
  it('joins a header write with its jar entry: declared lifetime as written, stored expiry from the jar', () => {
    const stored = at(0).getTime() / 1000 + 400 * 86400;
    const [c, ...rest] = mergeCookies([header('_ga=GA1.1.5; Max-Age=63072000; Domain=ecole.fr; Path=/')], [jar('_ga', '.ecole.fr', stored)], ctx);
    expect(rest).to.have.length(0);
    expect(c).to.deep.include({
      name: '_ga', value: null, domain: 'ecole.fr', hostOnly: false, path: '/', party: 'first', source: 'header',
      setterUrl: SITE, declaredMaxAge: 63072000, declaredExpires: null, storedExpires: new Date(stored * 1000).toISOString(),
      setAt: at(0).toISOString(),
    });
  });

  it('keeps values only when asked', () => {
    const [c] = mergeCookies([script('pref=dark')], [], { ...ctx, includeValues: true });
    expect(c.value).to.equal('dark');
    expect(mergeCookies([script('pref=dark')], [], ctx)[0].value).to.equal(null);
  });

  it('records script writes with the calling script and frame, third party by registrable domain', () => {
    const frame = 'https://ads.tracker.net/frame';
    const [c] = mergeCookies([script('ad=1; Max-Age=60; Secure; SameSite=None', frame, 1, frame)], [jar('ad', 'ads.tracker.net', at(61).getTime() / 1000)], ctx);
    expect(c).to.deep.include({ source: 'script', party: 'third', frameUrl: frame, setterUrl: frame, declaredMaxAge: 60, hostOnly: true });
  });

  it('adds cookies only seen in the jar as `jar` with no declared lifetime', () => {
    const [c] = mergeCookies([], [jar('cs', 'www.ecole.fr', -1)], ctx);
    expect(c).to.deep.include({ source: 'jar', hostOnly: true, domain: 'www.ecole.fr', declaredMaxAge: null, declaredExpires: null, storedExpires: null, setterUrl: null, setAt: ctx.now.toISOString() });
  });

  it('keeps the last real write of a cookie, and a cookie deposited then deleted', () => {
    const cookies = mergeCookies([
      script('a=1; Max-Age=100', SITE, 1),
      script('a=2; Max-Age=900', SITE, 2),
      script('a=; Max-Age=0', SITE, 3),
      header('b=1; Max-Age=50', SITE, 4),
    ], [], ctx);
    expect(cookies.map((c) => [c.name, c.declaredMaxAge, c.storedExpires])).to.deep.equal([['a', 900, null], ['b', 50, null]]);
  });

  it('tells apart cookies that differ by domain or path', () => {
    const cookies = mergeCookies([
      header('id=1; Domain=ecole.fr'),
      header('id=2'),
      header('id=3; Path=/admin'),
    ], [], ctx);
    expect(cookies.map((c) => `${c.domain}${c.path}`)).to.have.members(['ecole.fr/', 'www.ecole.fr/', 'www.ecole.fr/admin']);
  });

  it('drops writes a browser refuses (foreign Domain)', () => {
    expect(mergeCookies([header('x=1; Domain=elsewhere.com')], [], ctx)).to.deep.equal([]);
  });

  it('drops a script write that was not readable right after, unless its path hid it from the frame', () => {
    const stored = { ...script(' t = 1 ; Max-Age=60'), readBack: 'a=b; t=1' };
    expect(mergeCookies([stored], [], ctx).map((c) => c.name)).to.deep.equal(['t']);
    const refused = { ...script('t=1; Max-Age=60'), readBack: 'a=b' };
    expect(mergeCookies([refused], [], ctx)).to.deep.equal([]);
    const elsewhere = { ...script('t=1; Max-Age=60; Path=/admin'), readBack: '' };
    expect(mergeCookies([elsewhere], [], ctx).map((c) => c.path)).to.deep.equal(['/admin']);
    const unknown = { ...script('t=1; Max-Age=60'), readBack: null };
    expect(mergeCookies([unknown], [], ctx)).to.have.length(1);
  });
});
