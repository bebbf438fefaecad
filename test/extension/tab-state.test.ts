/**
 * The background's pure record of a visit: cookies merge across sources, phases start on the
 * person's click with the jar carried over, deletions count only for carried cookies, and the
 * record becomes the engine's observations.
 */
import { expect } from 'chai';
import {
  bannerOf, forgetCookie, recordClick, recordClickResult, recordConsentCookie, recordCookie, recordRequest, recordSighting, recordWrite, startVisit,
  toObservations, type CookieRecord,
} from '../../extension/background/tab-state.ts';
import { partyOf } from '../../src/party.ts';
import { CAPS } from '../../src/caps.ts';
import { ENGINE } from '../../defaults/engine.ts';

const T0 = '2026-01-01T10:00:00.000Z';
const T1 = '2026-01-01T10:00:05.000Z';
const T2 = '2026-01-01T10:00:09.000Z';

function cookie(over: Partial<CookieRecord> = {}): CookieRecord {
  return {
    name: '_ga', value: null, domain: 'a.test', hostOnly: false, path: '/', source: 'header',
    setterUrl: 'https://www.a.test/', frameUrl: 'https://www.a.test/', setAt: T0,
    declaredMaxAge: 63_072_000, declaredExpires: null, storedExpires: null,
    secure: true, httpOnly: false, sameSite: 'Lax', ...over,
  };
}

describe('extension: tab state', () => {
  it('keeps the declared expiry of a header cookie when the jar reports the stored one', () => {
    let tab = startVisit('https://www.a.test/', T0);
    tab = recordCookie(tab, cookie());
    tab = recordCookie(tab, cookie({ source: 'jar', declaredMaxAge: null, storedExpires: '2027-02-05T10:00:00.000Z', setterUrl: null }));
    const [c] = tab.phases.initial!.cookies;
    expect(c).to.include({ source: 'header', declaredMaxAge: 63_072_000, storedExpires: '2027-02-05T10:00:00.000Z', setterUrl: 'https://www.a.test/' });
    expect(tab.phases.initial!.cookies).to.have.length(1);
  });

  it('lets a later write replace the declared lifetime but keep the stored expiry', () => {
    let tab = startVisit('https://www.a.test/', T0);
    tab = recordCookie(tab, cookie({ source: 'script', declaredMaxAge: null, storedExpires: '2027-01-01T00:00:00.000Z' }));
    tab = recordCookie(tab, cookie({ source: 'script', declaredMaxAge: 3600 }));
    expect(tab.phases.initial!.cookies[0]).to.include({ declaredMaxAge: 3600, storedExpires: '2027-01-01T00:00:00.000Z' });
  });

  it('starts the accepted phase on the click, with the jar carried over and the click recorded', () => {
    let tab = startVisit('https://www.a.test/', T0);
    tab = recordSighting(tab, { method: 'heuristic', cmp: null, text: ' Nous utilisons des cookies ', acceptFound: true, rejectFound: true, rejectOnFirstLayer: true, frameUrl: 'https://www.a.test/', isTop: true });
    tab = recordCookie(tab, cookie({ name: 'PHPSESSID', declaredMaxAge: null }));
    tab = recordClick(tab, 'accept', T1);
    tab = recordCookie(tab, cookie({ name: '_gid', setAt: T2 }));
    tab = recordClickResult(tab, true);
    expect(tab.phase).to.equal('accepted');
    expect(tab.phases.initial!.cookies.map((c) => c.name)).to.deep.equal(['PHPSESSID']);
    expect(tab.phases.accepted!.cookies.map((c) => c.name)).to.deep.equal(['PHPSESSID', '_gid']);
    const banner = bannerOf(tab.phases.accepted!);
    expect(banner).to.include({ detected: true, method: 'heuristic', clicked: 'accept', clickWorked: true, text: 'Nous utilisons des cookies' });
    expect(bannerOf(tab.phases.initial!)).to.include({ clicked: null, clickWorked: null });
  });

  it('drops a deleted cookie only when it was carried over from an earlier phase', () => {
    let tab = startVisit('https://www.a.test/', T0);
    tab = recordCookie(tab, cookie({ name: 'carried' }));
    tab = recordClick(tab, 'reject', T1);
    tab = recordCookie(tab, cookie({ name: 'deposited', setAt: T2 }));
    tab = forgetCookie(tab, { name: 'carried', domain: 'a.test', path: '/' });
    tab = forgetCookie(tab, { name: 'deposited', domain: 'a.test', path: '/' });
    expect(tab.phases.refused!.cookies.map((c) => c.name)).to.deep.equal(['deposited']);
    expect(tab.phases.initial!.cookies.map((c) => c.name)).to.deep.equal(['carried']);
  });

  it('prefers autoconsent\'s consent-manager name over the heuristic', () => {
    let tab = startVisit('https://www.a.test/', T0);
    const frameUrl = 'https://www.a.test/';
    tab = recordSighting(tab, { method: 'heuristic', cmp: null, text: 'cookies', acceptFound: true, rejectFound: false, rejectOnFirstLayer: false, frameUrl, isTop: true });
    tab = recordSighting(tab, { method: 'autoconsent', cmp: 'Klaro', text: null, acceptFound: true, rejectFound: true, rejectOnFirstLayer: true, frameUrl, isTop: true });
    tab = recordSighting(tab, { method: 'heuristic', cmp: null, text: 'other', acceptFound: false, rejectFound: false, rejectOnFirstLayer: false, frameUrl, isTop: true });
    expect(bannerOf(tab.phases.initial!)).to.include({ cmp: 'Klaro', method: 'autoconsent', text: 'cookies', rejectFound: true });
  });

  it('becomes extension observations with each cookie\'s party judged on the final URL', () => {
    let tab = startVisit('https://a.test/go', T0);
    tab = { ...tab, finalUrl: 'https://www.b.test/', httpStatus: 200 };
    tab = recordCookie(tab, cookie({ domain: 'b.test', name: 'first' }));
    tab = recordCookie(tab, cookie({ domain: 'tracker.example', name: 'third' }));
    const obs = toObservations(tab, partyOf);
    expect(obs).to.include({ url: 'https://a.test/go', finalUrl: 'https://www.b.test/', collector: 'extension', httpStatus: 200 });
    expect(obs.phases.initial!.cookies.map((c) => [c.name, c.party])).to.deep.equal([['first', 'first'], ['third', 'third']]);
    expect(Object.keys(obs.phases)).to.deep.equal(['initial']);
  });

  it('moves what happened after the click into the new phase, even when learnt before the click message', () => {
    let tab = startVisit('https://www.a.test/', T0);
    tab = recordCookie(tab, cookie({ name: 'before', setAt: T0 }));
    // The jar reported the page's reaction to the click before the click message arrived.
    tab = recordCookie(tab, cookie({ name: '_ga', setAt: T2 }));
    tab = recordRequest(tab, { url: 'https://www.google-analytics.com/g/collect?v=2', method: 'POST', resourceType: 'ping', frameUrl: null, postData: null, time: T2 });
    tab = recordClick(tab, 'accept', T1);
    expect(tab.phases.initial!.cookies.map((c) => c.name)).to.deep.equal(['before']);
    expect(tab.phases.initial!.requests).to.have.length(0);
    expect(tab.phases.accepted!.cookies.map((c) => c.name)).to.deep.equal(['before', '_ga']);
    expect(tab.phases.accepted!.requests).to.have.length(1);
  });

  it('puts a cookie set before the click but learnt after it in the initial phase too', () => {
    let tab = startVisit('https://www.a.test/', T0);
    tab = recordClick(tab, 'reject', T2);
    tab = recordCookie(tab, cookie({ name: 'slow', setAt: T1 }));
    expect(tab.phases.initial!.cookies.map((c) => c.name)).to.deep.equal(['slow']);
    expect(tab.phases.refused!.cookies.map((c) => c.name)).to.deep.equal(['slow']);
    expect(tab.phase).to.equal('refused');
  });

  it('reads each phase\'s TC string from the jar: the refusal\'s own, the first party\'s before a third party\'s', () => {
    const tc = (value: string, domain: string, setAt: string) => ({ name: 'euconsent-v2', value, domain, path: '/', setAt });
    let tab = startVisit('https://www.a.test/', T0);
    tab = recordConsentCookie(tab, tc('CMP-DEFAULT', 'www.a.test', T0));
    tab = recordConsentCookie(tab, tc('THIRD', 'cmp.b.test', T0));
    // The CMP's reaction to the click reached the background before the click message.
    tab = recordConsentCookie(tab, tc('REFUSAL', 'www.a.test', T2));
    tab = recordConsentCookie(tab, { ...tc('NOT-TCF', 'www.a.test', T2), name: 'other' });
    tab = recordClick(tab, 'reject', T1);
    const obs = toObservations(tab, partyOf);
    expect(obs.phases.initial!.consentString).to.deep.equal(
      { format: 'tcf-v2', value: 'THIRD', source: 'cookie', name: 'euconsent-v2', domain: 'cmp.b.test' });
    expect(obs.phases.refused!.consentString).to.include({ value: 'REFUSAL', domain: 'www.a.test' });
    tab = forgetCookie(tab, { name: 'euconsent-v2', domain: 'www.a.test', path: '/' });
    expect(toObservations(tab, partyOf).phases.refused!.consentString, 'gone from the jar').to.include({ value: 'THIRD' });
    for (let i = 0; i < CAPS.extension.consentCookies + 5; i++) tab = recordConsentCookie(tab, { ...tc('X', 'www.a.test', T2), path: `/${i}` });
    expect(tab.phases.refused!.consentCookies).to.have.length(CAPS.extension.consentCookies);
    expect(toObservations(tab, partyOf).phases.refused).to.include({ truncated: true });
  });

  it('records a live click\'s span, so a consent manager\'s record under any name is exempt by provenance as the crawler finds it', () => {
    const page = 'https://www.a.test/';
    const refusal = (endedAt?: string, setterUrl = 'https://www.a.test/vendor/klaro/dist/klaro.js') => {
      let tab = startVisit(page, T0);
      tab = recordSighting(tab, { method: 'autoconsent', cmp: 'Klaro', text: 'cookies', acceptFound: true, rejectFound: true, rejectOnFirstLayer: true, frameUrl: page, isTop: true });
      // The write reaches the background before the click message; the click's end comes with its result.
      tab = recordWrite(tab, 'mairie_preferences=%7B%7D; max-age=15552000; path=/', page, { origin: 'script', setterUrl, frameUrl: page, time: new Date('2026-01-01T10:00:05.040Z') });
      tab = recordClick(tab, 'reject', T1, 1);
      tab = recordClickResult(tab, true, endedAt);
      return ENGINE.auditSite(toObservations(tab, partyOf));
    };
    const exempt = (audit: ReturnType<typeof refusal>) => audit.cookies.find((c) => c.phase === 'refused' && c.name === 'mairie_preferences')?.exemption;
    const ended = '2026-01-01T10:00:05.030Z';
    expect(refusal(ended).banner.phases.refused).to.include({ clickStartedAt: T1, clickEndedAt: ended });
    expect(exempt(refusal(ended))).to.include({ exempt: true, matchedBy: 'provenance:consent-record' });
    expect(refusal(ended).rules.find((r) => r.id === 'cookies-after-refusal')?.outcome).to.equal('pass');
    // An early click (its end unknown), or a script that is not the consent manager's: no record.
    expect(exempt(refusal())?.exempt).to.equal(false);
    expect(exempt(refusal(ended, 'https://www.a.test/js/cookieconsent.umd.js'))?.exempt).to.equal(false);
  });

  it('records how many steps the refusal took', () => {
    let tab = startVisit('https://www.a.test/', T0);
    tab = recordClick(tab, 'reject', T1, 2);
    expect(bannerOf(tab.phases.refused!)).to.include({ clicked: 'reject', refusalSteps: 2 });
    tab = recordClick(startVisit('https://www.a.test/', T0), 'accept', T1);
    expect(bannerOf(tab.phases.accepted!)).to.not.have.property('refusalSteps');
  });
});
