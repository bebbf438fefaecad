/**
 * The hostile web (test/fixtures/hostile/) in real Chromium: a site cannot forge the crawler's
 * evidence (binding calls, autoconsent messages, patched DOM APIs), cannot flood it out of memory or
 * hide a later tracker behind a flood, and cannot tell it from a visitor. Each check is what a real
 * visitor's browser did, and each fails on a crawler that trusts the page.
 */
import { expect } from 'chai';
import type { Browser } from 'puppeteer-core';
import { crawl, siteBudget } from '../../crawler/crawl.ts';
import { RECHECK_SLOWDOWN } from '../../crawler/site-runner.ts';
import { runPhase, type PhaseResult } from '../../crawler/phase.ts';
import { ENGINE } from '../../defaults/engine.ts';
import { CAPS } from '../../src/caps.ts';
import type { Phase, PhaseObservations, SiteAudit } from '../../src/model.ts';
import { startHostileWeb, type HostileWeb } from '../fixtures/hostile/server.ts';
import { launchChromium } from '../fixtures/web/chromium.ts';
import { startFixtureWeb, type FixtureWeb } from '../fixtures/web/server.ts';

describe('hostile sites (real Chromium)', function () {
  this.timeout(240_000);
  let web: FixtureWeb;
  let hostile: HostileWeb;
  let browser: Browser;
  const isOfInterest = ENGINE.isRequestOfInterest;

  before(async () => {
    web = await startFixtureWeb();
    hostile = await startHostileWeb();
    browser = await launchChromium({ browserArgs: hostile.browserArgs({ otherPort: web.port }) });
  });

  after(async () => {
    await browser?.close();
    await hostile?.close();
    await web?.close();
  });

  const phase = (host: string, which: Phase = 'initial', settle = 1500): Promise<PhaseResult> => runPhase(browser, which, [hostile.url(host)], {
    settle, timeout: 20_000, pages: 0, includeValues: true, isOfInterest, screenshotPath: null, screenshotRef: null,
  });
  const verdict = (host: string, phases: Partial<Record<Phase, PhaseObservations>>, rule: string) => {
    const site = ENGINE.auditSite({ url: hostile.url(host), finalUrl: hostile.url(host), collector: 'crawler', phases });
    return site.rules.find((r) => r.id === rule)?.outcome;
  };

  it('forged cookie reports change nothing: the header declaration stays, no planted cookie, a refused write is an attempt', async () => {
    const host = 'faux-rapports.hostile.test';
    const { observations: o } = await phase(host);
    const ga = o.cookies.find((c) => c.name === '_ga');
    expect(ga, '_ga from its Set-Cookie header').to.include({ source: 'header', declaredMaxAge: 730 * 24 * 3600 });
    expect(new Date(ga!.setAt).getTime(), 'no future time').to.be.at.most(Date.now());
    expect(o.cookies.map((c) => c.name), 'a cookie the browser never stored').to.not.include('_fbp');
    expect(o.cookies.every((c) => c.frameUrl === null || c.frameUrl.startsWith(hostile.url(host))), 'no foreign frame URL').to.equal(true);
    expect(o.cookies.map((c) => c.name)).to.not.include('tiers_id');
    expect(o.cookieAttempts?.find((a) => a.name === 'tiers_id'), 'the refused write, as an attempt').to.include({ domain: 'facebook.com', party: 'third', frameUrl: hostile.url(host) });
    expect(verdict(host, { initial: o }, 'cookie-lifetime'), 'the 2-year _ga fails the lifetime rule').to.equal('fail');
  });

  it('fake autoconsent messages neither show a banner nor a successful refusal', async () => {
    const host = 'faux-cmp.hostile.test';
    const [initial, refused] = await Promise.all([phase(host, 'initial'), phase(host, 'refused')]);
    expect(initial.observations.banner, 'no banner a visitor could see').to.include({ detected: false, cmp: null });
    expect(refused.observations.banner).to.include({ detected: false, clicked: null, clickWorked: null });
    expect(verdict(host, { initial: initial.observations, refused: refused.observations }, 'consent-banner')).to.equal('fail');
  });

  it('patched DOM APIs do not make an invisible element a banner', async () => {
    const host = 'dom-truque.hostile.test';
    const { observations: o } = await phase(host);
    expect(o.banner, 'opacity 0: a visitor sees no banner').to.include({ detected: false });
    expect(verdict(host, { initial: o }, 'consent-banner')).to.equal('fail');
  });

  // A hook that reads document.cookie back after a flood makes the page wait until the browser has
  // stored every pending write (about a millisecond each): the load came 20+ s late, a timeout.
  it('a cookie-write flood is capped and said so, and the tracker cookie written during it is still evidence', async () => {
    const { observations: o } = await phase('deluge-cookies.hostile.test', 'initial', 3000);
    expect(o.truncated).to.equal(true);
    expect(o.dropped?.scriptWrites, 'dropped writes counted').to.be.greaterThan(0);
    expect(o.cookies.find((c) => c.name === '_ga'), '_ga written 1.5 s into the flood').to.include({ source: 'script', declaredMaxAge: 63_072_000 });
  });

  it('finds no automation sign, so the site serves the auditor what it serves visitors', async () => {
    const { observations: o } = await phase('sonde.hostile.test');
    expect(o.cookies.find((c) => c.name === 'sonde')?.value, 'automation signs the page found').to.equal('aucun');
    expect(o.cookies.map((c) => c.name)).to.include('_ga');
  });

  it('the crawl of the flood hosts finishes with the rest of the list, each verdict as on a calm machine', async function () {
    const waits = { settle: 1000, timeout: 20_000, pages: 0 };
    // What "finishes" means on a busy machine: within the sites' budgets, the first visits side by
    // side, then each site at most once more, one at a time, with RECHECK_SLOWDOWN times the waits.
    const slower = { ...waits, settle: waits.settle * RECHECK_SLOWDOWN, timeout: waits.timeout * RECHECK_SLOWDOWN };
    this.timeout(siteBudget(waits) + 3 * siteBudget(slower) + 60_000);
    const healthy = web.sites.find((s) => s.host === 'sans-bandeau.test')!;
    const targets = [hostile.url('deluge-cookies.hostile.test'), hostile.url('deluge-balises.hostile.test'), `${web.origin(healthy.host, healthy.scheme)}${healthy.path}`];
    const report = await crawl(targets, { out: null, concurrency: 3, ...waits, browserArgs: hostile.browserArgs({ otherPort: web.port }) });
    expect(report.sites.map((s) => [s.url, s.status, s.error?.code ?? null])).to.deep.equal(targets.map((t) => [t, 'ok', null]));
    const [cookies, beacons, rest] = report.sites as [SiteAudit, SiteAudit, SiteAudit];
    expect(cookies.cookies.some((c) => c.name === '_ga'), 'the tracker cookie of the cookie-flood host').to.equal(true);
    expect(cookies.capture?.initial?.truncated, 'the report says the record was capped').to.equal(true);
    expect(beacons.requests.some((r) => r.url.startsWith('https://www.facebook.com/tr')), 'the tracker after the beacon flood').to.equal(true);
    // The beacon flood within the cap, per phase. How many hits a page gets out depends on the machine
    // (capture.test.ts checks the cap itself); here a starved visit is re-checked, as in any crawl.
    for (const phase of new Set(beacons.requests.map((r) => r.phase))) {
      const kept = beacons.requests.filter((r) => r.phase === phase).length;
      expect(kept, `requests kept in the ${phase} phase`).to.be.at.most(CAPS.requests + CAPS.requestEndpoints);
      if (kept >= CAPS.requests) expect(beacons.capture?.[phase]?.truncated, `the ${phase} record says it was capped`).to.equal(true);
    }
    // The hits' client id is a visitor's identifier: redacted by default, what the rules judge kept.
    const hits = beacons.requests.filter((r) => /[?&]cid=/.test(r.url));
    expect(hits, 'the flood\'s hits').to.have.length.above(0);
    expect(hits.every((r) => /[?&]cid=<redacted>&/.test(r.url) && /[?&]tid=UA-1-1&/.test(r.url)), 'client ids redacted').to.equal(true);
    for (const [rule, outcome] of Object.entries(healthy.expected)) expect(rest.rules.find((r) => r.id === rule)?.outcome, `sans-bandeau.test ${rule}`).to.equal(outcome);
  });
});
