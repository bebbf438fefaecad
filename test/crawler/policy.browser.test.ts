/**
 * Policy vs practice end to end (issue #16): the real crawler finds each policy fixture site's
 * policy (footer link, banner-only link, script-built table, none), reads it rendered, and the
 * policy rules give the outcomes the sites declare; a policy linked by many sites is fetched once.
 */
import { expect } from 'chai';
import type { Browser } from 'puppeteer-core';
import { PolicyCache, readPolicy } from '../../crawler/policy-fetch.ts';
import type { SiteAudit } from '../../src/model.ts';
import { launchChromium } from '../fixtures/web/chromium.ts';
import { startFixtureWeb, type FixtureWeb } from '../fixtures/web/server.ts';
import { POLICY_PATH } from '../fixtures/web/policy-pages.ts';
import { crawlFixtureSites, type FixtureCrawl } from '../helpers/crawl-fixture-sites.ts';

const HOSTS = [
  'politique-conforme.test', 'politique-13-mois.test', 'politique-ip.test', 'politique-proxy.test',
  'politique-bandeau.test', 'politique-script.test', 'sans-politique.test',
];

describe('crawler: policy vs practice on the fixture web (real Chromium)', function () {
  this.timeout(15 * 60_000);
  let run: FixtureCrawl;
  before(async () => { run = await crawlFixtureSites(HOSTS); });

  const doc = (site: SiteAudit) => site.policy?.documents[0];

  it('gives every policy fixture site the outcomes it declares, for every rule', () => {
    expect(run.wrong).to.deep.equal([]);
  });

  it('finds the policy by its footer link, or by the banner\'s only link, and reads its table', () => {
    const footer = run.audit('politique-conforme.test');
    expect(doc(footer)).to.deep.include({ kind: 'cookie-policy', foundBy: 'page-link' });
    expect(doc(footer)!.url).to.match(new RegExp(`${POLICY_PATH}$`));
    const banner = run.audit('politique-bandeau.test');
    expect(doc(banner)).to.deep.include({ kind: 'cookie-policy', foundBy: 'banner-link' });
    expect(doc(banner)!.claims.filter((c) => c.kind === 'cookie-declared').map((c) => (c as { name: string }).name)).to.have.members(['_ga', '_gid']);
  });

  it('reads a cookie table a script builds after load (the policy is rendered)', () => {
    const site = run.audit('politique-script.test');
    const rows = doc(site)!.claims.filter((c) => c.kind === 'cookie-declared');
    expect(rows.map((c) => (c as { name: string }).name)).to.have.members(['_ga', '_gid']);
    const ga = site.cookies.find((c) => c.name === '_ga' && c.phase === 'accepted')!;
    expect(ga.policy).to.deep.include({ declaredBy: 'name', claimedDays: 395.68 });
  });

  it('reports what it tried when there is no policy, and judges the contradictions with their quote', () => {
    const none = run.audit('sans-politique.test');
    expect(none.policy!.documents).to.deep.equal([]);
    expect(none.policy!.tried.map((t) => new URL(t.url).pathname)).to.include.members(['/cookies', '/politique-de-confidentialite']);
    expect(none.rules.find((r) => r.id === 'policy-claims')!.notes[0]).to.include('/cookies (http-404)');
    const life = run.audit('politique-13-mois.test').findings.find((f) => f.rule === 'policy-cookie-lifetime')!;
    expect(life).to.deep.include({ cookie: '_ga', severity: 'warn' });
    expect(life.evidence).to.include({ quote: '_ga | Mesure d\'audience (Google Analytics) : distingue les visiteurs | 13 mois | Google' });
    const proxy = run.audit('politique-proxy.test').findings.find((f) => f.rule === 'policy-tracker-declaration')!;
    expect(proxy.message).to.include('first-party proxy');
    // The policy page's own context is not counted: no cookie of the policy page's visit shows up.
    expect(run.audit('politique-conforme.test').cookies.filter((c) => c.phase === 'initial')).to.deep.equal([]);
  });

  describe('per-run cache', () => {
    let web: FixtureWeb;
    let browser: Browser;
    before(async () => { web = await startFixtureWeb(); browser = await launchChromium(web); });
    after(async () => { await browser?.close(); await web?.close(); });

    it('renders a policy linked by several sites once', async () => {
      const cache = new PolicyCache();
      const policyUrl = `${web.origin('politique-conforme.test')}${POLICY_PATH}`;
      const read = (host: string) => readPolicy(browser, { pageUrl: web.origin(host) + '/', links: [{ href: policyUrl, text: 'Politique de cookies' }], configured: null },
        { cache, timeout: 20_000, settle: 500 });
      // Two subdomains of one site would link to it the same way; the same URL from two pages is the case.
      const [a, b] = await Promise.all([read('politique-conforme.test'), read('politique-conforme.test')]);
      expect(cache.renders).to.equal(1);
      expect(a.documents[0]!.claims).to.deep.equal(b.documents[0]!.claims);
    });
  });
});
