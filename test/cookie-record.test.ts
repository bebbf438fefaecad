/**
 * One conformance suite for the cookie record, run against both collectors: the same write (a
 * Set-Cookie line, a document.cookie string) or the same jar cookie, each in the collector's own
 * spelling, must become the same ObservedCookie in the crawler (crawler/merge-cookies.ts) and in the
 * extension (extension/background/tab-state.ts), both through src/cookie-parse.ts.
 */
import { expect } from 'chai';
import type browser from 'webextension-polyfill';
import type { CookieWrite } from '../crawler/capture.ts';
import { mergeCookies, type JarCookie } from '../crawler/merge-cookies.ts';
import { jarCookieRecord, recordCookie, recordWrite, startVisit, toObservations } from '../extension/background/tab-state.ts';
import type { CookieOrigin } from '../src/cookie-parse.ts';
import type { ObservedCookie } from '../src/model.ts';
import { partyOf } from '../src/party.ts';

const SITE = 'https://www.ecole.fr/';
const T0 = new Date('2026-03-01T12:00:00.000Z');

interface Write { origin: CookieOrigin; raw: string; url: string; setterUrl: string | null; frameUrl: string | null }

/** A jar cookie as both browsers' APIs give it (seconds since 1970 for the expiry, or none). */
interface Jar { name: string; domain: string; hostOnly: boolean; path: string; expires: number | null; secure: boolean; httpOnly: boolean; sameSite: 'Strict' | 'Lax' | 'None' | null }

/** Each collector's way from what the browser showed it to the site's cookies. */
interface Collector {
  writes(writes: Write[]): ObservedCookie[];
  jar(cookies: Jar[]): ObservedCookie[];
}

const crawler: Collector = {
  writes: (writes) => mergeCookies(writes.map((w): CookieWrite => ({ ...w, time: T0 })), [], { siteUrl: SITE, includeValues: false, now: T0 })
    // The crawler also reads the jar at the end; with none, a write is "not present at the end".
    .map(({ presentAtEnd: _, ...c }) => c),
  jar: (cookies) => mergeCookies([], cookies.map((j): JarCookie => ({
    name: j.name, value: 'v', domain: j.hostOnly ? j.domain : `.${j.domain}`, path: j.path, expires: j.expires ?? -1, session: j.expires === null,
    secure: j.secure, httpOnly: j.httpOnly, ...(j.sameSite ? { sameSite: j.sameSite } : {}),
  })), { siteUrl: SITE, includeValues: false, now: T0 }),
};

const extension: Collector = {
  writes(writes) {
    let tab = startVisit(SITE, T0.toISOString());
    for (const w of writes) tab = recordWrite(tab, w.raw, w.url, { ...w, time: T0 });
    return toObservations(tab, partyOf).phases.initial!.cookies;
  },
  jar(cookies) {
    let tab = startVisit(SITE, T0.toISOString());
    const sameSite = { Strict: 'strict', Lax: 'lax', None: 'no_restriction' } as const;
    for (const j of cookies) {
      const c: browser.Cookies.Cookie = {
        name: j.name, value: 'v', domain: j.hostOnly ? j.domain : `.${j.domain}`, hostOnly: j.hostOnly, path: j.path,
        secure: j.secure, httpOnly: j.httpOnly, sameSite: j.sameSite ? sameSite[j.sameSite] : 'unspecified',
        session: j.expires === null, ...(j.expires === null ? {} : { expirationDate: j.expires }), storeId: '0', firstPartyDomain: '',
      };
      tab = recordCookie(tab, jarCookieRecord(c, T0));
    }
    return toObservations(tab, partyOf).phases.initial!.cookies;
  },
};

const header = (raw: string, url = SITE): Write => ({ origin: 'header', raw, url, setterUrl: url, frameUrl: SITE });
const script = (raw: string, frameUrl = SITE, setterUrl: string | null = 'https://cdn.tiers.com/tag.js'): Write => ({ origin: 'script', raw, url: frameUrl, setterUrl, frameUrl });
const sorted = (list: ObservedCookie[]) => [...list].sort((a, b) => `${a.domain} ${a.name}`.localeCompare(`${b.domain} ${b.name}`));

for (const [name, collector] of Object.entries({ crawler, extension })) {
  describe(`cookie record conformance: ${name}`, () => {
    it('a Set-Cookie line: declared lifetime as written, attributes, first party', () => {
      expect(collector.writes([header('_ga=GA1.1.5; Max-Age=63072000; Domain=ecole.fr; Path=/; Secure; SameSite=none')])).to.deep.equal([{
        name: '_ga', value: null, domain: 'ecole.fr', hostOnly: false, path: '/', party: 'first', source: 'header',
        setterUrl: SITE, frameUrl: SITE, setAt: T0.toISOString(), declaredMaxAge: 63_072_000, declaredExpires: null, storedExpires: null,
        secure: true, httpOnly: false, sameSite: 'None',
      }]);
    });

    it('a document.cookie write in a third-party frame: Expires as written, host-only, default path, third party', () => {
      const frame = 'https://widget.tiers.com/app/embed.html';
      expect(collector.writes([script('uid=42; Expires=Wed, 01 Mar 2028 12:00:00 GMT', frame)])).to.deep.equal([{
        name: 'uid', value: null, domain: 'widget.tiers.com', hostOnly: true, path: '/app', party: 'third', source: 'script',
        setterUrl: 'https://cdn.tiers.com/tag.js', frameUrl: frame, setAt: T0.toISOString(),
        declaredMaxAge: null, declaredExpires: 'Wed, 01 Mar 2028 12:00:00 GMT', storedExpires: null,
        secure: false, httpOnly: false, sameSite: null,
      }]);
    });

    it('records nothing the browser would not store: removals, HttpOnly from a script, a foreign Domain, a broken __Host- prefix', () => {
      expect(collector.writes([
        header('gone=1; Max-Age=0'),
        script('sneaky=1; HttpOnly'),
        script('foreign=1; Domain=facebook.com'),
        header('__Host-id=1; Domain=ecole.fr; Path=/; Secure'),
      ])).to.deep.equal([]);
    });

    it('a later write of the same cookie replaces its declared lifetime', () => {
      const [c, ...rest] = collector.writes([script('pref=a; Max-Age=60'), script('pref=b; Max-Age=3600')]);
      expect(rest).to.have.length(0);
      expect(c).to.include({ name: 'pref', declaredMaxAge: 3600 });
    });

    it('a cookie only the jar showed: its stored expiry and flags, no declared lifetime, no setter', () => {
      const expires = T0.getTime() / 1000 + 400 * 86_400;
      expect(sorted(collector.jar([
        { name: 'sid', domain: 'www.ecole.fr', hostOnly: true, path: '/', expires: null, secure: true, httpOnly: true, sameSite: 'Strict' },
        { name: '_fbp', domain: 'ecole.fr', hostOnly: false, path: '/', expires, secure: false, httpOnly: false, sameSite: null },
      ]))).to.deep.equal([
        {
          name: '_fbp', value: null, domain: 'ecole.fr', hostOnly: false, path: '/', party: 'first', source: 'jar', setterUrl: null, frameUrl: null,
          setAt: T0.toISOString(), declaredMaxAge: null, declaredExpires: null, storedExpires: new Date(expires * 1000).toISOString(),
          secure: false, httpOnly: false, sameSite: null,
        },
        {
          name: 'sid', value: null, domain: 'www.ecole.fr', hostOnly: true, path: '/', party: 'first', source: 'jar', setterUrl: null, frameUrl: null,
          setAt: T0.toISOString(), declaredMaxAge: null, declaredExpires: null, storedExpires: null,
          secure: true, httpOnly: true, sameSite: 'Strict',
        },
      ]);
    });
  });
}
