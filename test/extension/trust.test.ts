/**
 * The background's pure defences against a hostile page (issue 13), without a browser: content
 * messages are checked field by field, reported times are bounded by the frame's start and the
 * background's receipt, cookie-jar events reach only tabs of their store and partition, and every
 * per-phase collection is capped with a count of what it dropped.
 * (The same attacks in real browsers: hostile.browser.test.ts.)
 */
import { expect } from 'chai';
import { asContentMessage, isContentType, knownType } from '../../extension/message-types.ts';
import { inScope } from '../../extension/background/cookie-scope.ts';
import {
  boundedTime, recordCookie, recordRequest, recordSighting,
  startVisit, toObservations, type CookieRecord,
} from '../../extension/background/tab-state.ts';
import { CAPS } from '../../src/caps.ts';
import { partyOf } from '../../src/party.ts';

const T0 = '2026-01-01T10:00:00.000Z';

describe('extension: trust boundaries', () => {
  it('accepts a content message only with the fields it declares, and never a frame URL or tab from it', () => {
    expect(asContentMessage({ type: 'banner-click', choice: 'accept', time: T0, early: false }))
      .to.deep.equal({ type: 'banner-click', choice: 'accept', time: T0, early: false });
    expect(asContentMessage({ type: 'banner-click', choice: 'accept', time: T0, early: false, frameUrl: 'https://evil.test/', tabId: 3 }))
      .to.deep.equal({ type: 'banner-click', choice: 'accept', time: T0, early: false });
    expect(asContentMessage({ type: 'banner-click', choice: 'maybe', time: T0, early: false })).to.equal(null);
    expect(asContentMessage({ type: 'banner-click', choice: 'accept', time: 'yesterday', early: false })).to.equal(null);
    expect(asContentMessage({ type: 'banner-click', choice: 'reject', time: T0, early: false, steps: 2 }))
      .to.deep.equal({ type: 'banner-click', choice: 'reject', time: T0, early: false, steps: 2 });
    expect(asContentMessage({ type: 'banner-click', choice: 'reject', time: T0, early: false, steps: 3 })).to.equal(null);
    expect(asContentMessage({ type: 'banner-click-result', worked: true, endedAt: T0 })).to.deep.equal({ type: 'banner-click-result', worked: true, endedAt: T0 });
    expect(asContentMessage({ type: 'banner-click-result', worked: true, endedAt: 'later' })).to.equal(null);
    expect(asContentMessage({ type: 'script-cookie', cookie: 'a=1', setterUrl: null, time: null })).to.not.equal(null);
    expect(asContentMessage({ type: 'script-cookie', cookie: 'a'.repeat(9000), setterUrl: null, time: null })).to.equal(null);
    expect(asContentMessage({ type: 'script-cookies-dropped', count: -1 })).to.equal(null);
    expect(asContentMessage({ type: 'audit-from-scratch', tabId: 1 }), 'a popup message is no content message').to.equal(null);
  });

  it('knows which types are the popup\'s', () => {
    for (const t of ['get-report', 'get-report-document', 'get-observations', 'audit-from-scratch'] as const) expect(isContentType(t), t).to.equal(false);
    expect(isContentType('banner-click')).to.equal(true);
    expect(knownType({ type: 'cookie-audit:connect' })).to.equal(null);
  });

  it('bounds a reported time by the frame\'s start and the receipt', () => {
    const received = Date.parse('2026-01-01T10:00:30.000Z');
    const committed = Date.parse('2026-01-01T10:00:10.000Z');
    expect(boundedTime('2026-01-01T10:00:20.000Z', received, committed, T0)).to.equal('2026-01-01T10:00:20.000Z');
    expect(boundedTime('2026-01-01T09:00:00.000Z', received, committed, T0), 'backdated').to.equal('2026-01-01T10:00:10.000Z');
    expect(boundedTime('2026-01-01T11:00:00.000Z', received, committed, T0), 'in the future').to.equal('2026-01-01T10:00:30.000Z');
    expect(boundedTime('2026-01-01T09:00:00.000Z', received, null, T0), 'frame unknown: the visit\'s start').to.equal(T0);
    expect(boundedTime('garbage', received, committed, T0)).to.equal('2026-01-01T10:00:30.000Z');
    expect(boundedTime(T0, Date.parse('2026-01-01T10:05:00.000Z'), null, T0), 'a minute at most').to.equal('2026-01-01T10:04:00.000Z');
  });

  it('scopes cookie-jar events by store and partition', () => {
    const tab = { storeId: '0', site: 'a.test' };
    expect(inScope({ storeId: '0' }, tab)).to.equal(true);
    expect(inScope({ storeId: '1' }, tab), 'an incognito cookie').to.equal(false);
    expect(inScope({ storeId: 'firefox-container-1' }, { storeId: 'firefox-default', site: 'a.test' }), 'a container\'s').to.equal(false);
    expect(inScope({ storeId: '0', partitionKey: { topLevelSite: 'https://a.test' } }, tab)).to.equal(true);
    expect(inScope({ storeId: '0', partitionKey: { topLevelSite: 'https://b.test' } }, tab), 'another site\'s partition').to.equal(false);
    expect(inScope({ storeId: '0', partitionKey: null }, tab)).to.equal(true);
    expect(inScope({ storeId: '1' }, { storeId: undefined, site: 'a.test' }), 'store unknown yet: the default one only').to.equal(false);
    expect(inScope({ storeId: 'firefox-default' }, { storeId: undefined, site: 'a.test' })).to.equal(true);
  });

  it('caps requests, cookies and sightings per phase and says how many it dropped', () => {
    let tab = startVisit('https://www.a.test/', T0);
    for (let i = 0; i < CAPS.extension.requests + 7; i++) {
      tab = recordRequest(tab, { url: `https://t.test/collect?i=${i}`, method: 'GET', resourceType: 'ping', frameUrl: null, postData: null, time: T0 });
    }
    const c = (name: string): CookieRecord => ({
      name, value: null, domain: 'a.test', hostOnly: false, path: '/', source: 'jar', setterUrl: null, frameUrl: null, setAt: T0,
      declaredMaxAge: null, declaredExpires: null, storedExpires: null, secure: false, httpOnly: false, sameSite: null,
    });
    for (let i = 0; i < CAPS.extension.cookies + 3; i++) tab = recordCookie(tab, c(`c${i}`));
    for (let i = 0; i < CAPS.extension.sightings + 2; i++) {
      tab = recordSighting(tab, { method: 'heuristic', cmp: null, text: 'x', acceptFound: true, rejectFound: true, rejectOnFirstLayer: true, frameUrl: `https://f${i}.test/`, isTop: false });
    }
    const initial = toObservations(tab, partyOf).phases.initial!;
    expect(initial.requests).to.have.length(CAPS.extension.requests);
    expect(initial.cookies).to.have.length(CAPS.extension.cookies);
    expect(initial.truncated).to.equal(true);
    expect(initial.dropped).to.deep.equal({ requests: 7, cookies: 3, sightings: 2 });
    const fresh = toObservations(startVisit('https://www.a.test/', T0), partyOf).phases.initial!;
    expect(fresh, 'nothing dropped: no truncated field').to.not.have.property('truncated');
  });
});
