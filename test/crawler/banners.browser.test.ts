/**
 * The crawler on the banners a test web outside the project showed it missing (issue #14 §6), each a
 * fixture site built with a real consent manager: a web component's banner in its open shadow root,
 * a hosted consent message in a cross-origin iframe over the page, and a notice laid out in the page's
 * flow below a long article. Found, screenshotted, clicked, and judged as each site's design says.
 */
import { expect } from 'chai';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crawl } from '../../crawler/crawl.ts';
import { findChromium } from '../../crawler/chromium.ts';
import type { Report, SiteAudit } from '../../src/model.ts';
import type { FixtureWeb } from '../fixtures/web/server.ts';
import { sharedFixtureWeb } from '../support/shared.ts';
import { CMP_FRAME_HOST } from '../fixtures/web/sites/iframe-consentement.ts';

const HOSTS = ['composant-web.test', 'iframe-consentement.test', 'notice-bas-de-page.test'];

describe('crawler: banners in a shadow root, a consent iframe, the page flow (real Chromium)', function () {
  this.timeout(300_000);
  let web: FixtureWeb;
  let out: string;
  let report: Report;
  const audit = (host: string): SiteAudit => {
    const found = report.sites.find((s) => new URL(s.url).hostname === host);
    expect(found, host).to.not.equal(undefined);
    return found!;
  };

  before(async () => {
    web = await sharedFixtureWeb();
    out = mkdtempSync(join(tmpdir(), 'cookie-audit-banners-'));
    const sites = web.sites.filter((s) => HOSTS.includes(s.host));
    report = await crawl(sites.map((s) => web.origin(s.host, s.scheme) + s.path), {
      out, browserArgs: web.browserArgs, executable: findChromium(), concurrency: 3, settle: 1000,
    });
  });

  it('gives each site the outcomes its design calls for, and sees its cookies', () => {
    const wrong: string[] = [];
    for (const host of HOSTS) {
      const site = web.sites.find((s) => s.host === host)!;
      const a = audit(host);
      for (const [rule, expected] of Object.entries(site.expected)) {
        const got = a.rules.find((r) => r.id === rule)?.outcome;
        if (got !== expected) wrong.push(`${host} ${rule}: expected ${expected}, got ${got} (${a.error?.message ?? [...a.rules.find((r) => r.id === rule)?.notes ?? [], ...a.findings.filter((f) => f.rule === rule).map((f) => f.message)].join(' ')})`);
      }
      for (const phase of ['initial', 'accepted', 'refused'] as const) {
        const names = new Set(a.cookies.filter((c) => c.phase === phase && c.presentAtEnd !== false).map((c) => c.name));
        for (const name of site.expectedCookies?.[phase] ?? []) if (!names.has(name)) wrong.push(`${host} ${phase}: missing ${name}`);
        for (const name of site.absentCookies?.[phase] ?? []) if (names.has(name)) wrong.push(`${host} ${phase}: unexpected ${name}`);
      }
    }
    expect(wrong).to.deep.equal([]);
  });

  it('finds each banner on arrival with its first-layer controls, screenshots it, and both clicks work', () => {
    for (const host of HOSTS) {
      const b = audit(host).banner;
      expect(b.detected, `${host} banner`).to.equal(true);
      expect(b.phases.initial?.controls?.map((c) => c.kind), `${host} first layer`).to.include.members(['accept', 'reject']);
      expect(b.phases.initial?.rejectOnFirstLayer, `${host} refusal on the first layer`).to.equal(true);
      expect(b.screenshot && existsSync(join(out, b.screenshot)), `${host} screenshot`).to.equal(true);
      expect(b.phases.accepted, `${host} accepted`).to.deep.include({ clicked: 'accept', clickWorked: true });
      expect(b.phases.refused, `${host} refused`).to.deep.include({ clicked: 'reject', clickWorked: true });
    }
  });

  it('names each consent manager as users know it, keeping autoconsent\'s rule name beside', () => {
    expect(audit('composant-web.test').banner).to.include({ cmp: 'Porsche Cookie Consent Banner', method: 'heuristic' });
    expect(audit('iframe-consentement.test').banner).to.include({ cmp: 'Cookies EU banner', method: 'heuristic' });
    expect(audit('notice-bas-de-page.test').banner).to.include({ cmp: 'Klaro!', cmpRule: 'Klaro', method: 'autoconsent' });
  });

  it('reads the message a web component slots into its shadow-root banner', () => {
    expect(audit('composant-web.test').banner.text).to.match(/^Avec votre accord, nous utilisons des cookies de mesure d'audience.* Tout refuser Tout accepter$/);
  });

  it('finds the hosted message in its cross-origin iframe, not in the page', () => {
    const b = audit('iframe-consentement.test').banner;
    expect(new URL(b.frameUrl!).hostname).to.equal(CMP_FRAME_HOST);
    expect(b.text).to.match(/^Vos choix en matière de cookies/);
  });

  it('reads the in-flow notice below the article as a visitor scrolling to it would', () => {
    const b = audit('notice-bas-de-page.test').banner;
    expect(b.text).to.match(/Je refuse/);
    expect(b.phases.refused?.refusalSteps).to.equal(1);
  });
});
