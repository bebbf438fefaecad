/**
 * The built Firefox extension in real Firefox (Debian's Firefox ESR, 140 or later) on the fixture
 * web: each site is visited like a person would — open it, click the banner's accept button; audit
 * from scratch, click reject — as sites.browser.test.ts does in Chromium, and the background's `get-report`
 * answers must match the site's expected outcomes.
 *
 * Firefox is as a visitor has it: Total Cookie Protection partitions third-party cookies and the
 * storage of cross-site frames by top-level site. The expected outcomes hold all the same (a
 * partitioned cookie is still stored on the device before consent: iframe-tiers.test's ad cookies
 * still fail `cookies-before-consent`), so no site has a Firefox-only expectation. Compared with
 * Chromium's answers the findings, requests and banners are the same; one known difference: Firefox
 * may deliver `cookies.onChanged` before the webRequest events of the response that set the cookie
 * (seen on paris.demo-ecole.fr's campus_visitor, redirection.test's redir_track on the redirect,
 * iframe-tiers.test's ad_id and ad_px), and the extension then lacks their stored expiry
 * (`storedExpires` null). No rule reads it for a header cookie: the declared lifetime counts.
 *
 * Time: a site with a banner takes ~20 s, one without ~5 s. Three sites whose consent manager and
 * outcomes another site already covers are left out (LEFT_OUT), which keeps the file near 4
 * minutes on 2 cores; FIREFOX_ALL_SITES=1 runs all of them.
 */
import { expect } from 'chai';
import type { FixtureWeb } from '../fixtures/web/server.ts';
import { sites as fixtureSites } from '../fixtures/web/sites.ts';
import { thirdPartyHosts } from '../fixtures/web/third-parties.ts';
import { findFirefox, NO_FIREFOX, startFirefoxHarness, type FirefoxHarness } from './firefox-harness.ts';
import { expectBadMessagesRejected, expectVisitsMatch, LANES, startSession, visitOrPend, visitPool, type Session, type VisitPool } from './visit.ts';

/** Sites not visited by default, each with the site that covers the same consent manager and outcomes. */
const LEFT_OUT: Record<string, string> = {
  'www.demo-ecole.fr': 'tarteaucitron: trop-tot.test runs it (and fails before consent and after refusal)',
  'nantes.demo-ecole.fr': 'Klaro: duree-excessive.test runs it (and checks declared lifetimes in Firefox\'s newline-joined Set-Cookie headers)',
  'bandeau-maison.test': 'the hand-written banner: bandeau-iframe.test runs it, in a cross-site frame (partitioned storage, a click inside a frame)',
};
const ALL_SITES = process.env.FIREFOX_ALL_SITES === '1';

describe('extension: fixture web in real Firefox', function () {
  this.timeout(10 * 60_000);
  let session: Session<FirefoxHarness>;
  let web: FixtureWeb;
  let h: FirefoxHarness;

  before(async () => {
    // Not a skip: a machine without Firefox would pass without ever running the Firefox build.
    if (!findFirefox()) throw new Error(NO_FIREFOX);
    session = await startSession('firefox', startFirefoxHarness, LANES);
    ({ web, h } = session);
  });

  after(async () => {
    await session?.close();
  });

  it('leaves out only fixture sites, each covered by another', () => {
    const hosts = fixtureSites.map((s) => s.host);
    expect(Object.keys(LEFT_OUT).filter((host) => !hosts.includes(host)), 'unknown hosts in LEFT_OUT').to.deep.equal([]);
  });

  it('rejects unknown message types and bad tab ids', async () => {
    await expectBadMessagesRejected(h);
  });

  const visited = fixtureSites.filter((s) => !s.crawlerOnly && (ALL_SITES || !(s.host in LEFT_OUT)));
  // Every site is visited by LANES browsers at once, from the first site's test on.
  let pool: VisitPool | null = null;
  for (const site of visited) {
    it(`${site.host}: the get-report answers match the expected outcomes`, async function () {
      pool ??= visitPool(session.hs, web, visited);
      expectVisitsMatch(site, await visitOrPend(this, () => pool!.visits(site), site));
    });
  }

  it('reached nothing but the fixture web', () => {
    const known = new Set([...fixtureSites.map((s) => s.host), ...thirdPartyHosts.map((t) => t.host)]);
    const requested = new Set(session.hs.flatMap((x) => [...x.requestedHosts]));
    expect([...requested].filter((host) => !known.has(host)), 'hosts Firefox asked the proxy for').to.deep.equal([]);
  });
});
