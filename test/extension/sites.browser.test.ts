/**
 * The built Chrome extension in real Chromium on the fixture web: each site is visited like a
 * person would — open it, click the banner's accept button; audit from scratch, click reject — and
 * the background's `get-report` answers must match the site's expected outcomes and, as the shared
 * conformance test, what the crawler reports for the same phases.
 */
import { expect } from 'chai';
import { savedObservations } from '../../cli/judge-command.ts';
import type { Report, SiteAudit, SiteObservations } from '../../src/model.ts';
import type { FixtureWeb } from '../fixtures/web/server.ts';
import { sites as fixtureSites } from '../fixtures/web/sites.ts';
import { startHarness, type Harness } from './harness.ts';
import { sharedFixtureCrawl } from '../support/shared.ts';
import { findingKeys, observationsOf, outcomes, phasesOf } from './outcomes.ts';
import { expectBadMessagesRejected, expectVisitsMatch, LANES, startSession, visitOrPend, visitPool, type Session, type VisitPool, type Visits } from './visit.ts';
import { ENGINE } from '../../defaults/engine.ts';

describe('extension: fixture web in real Chromium', function () {
  this.timeout(15 * 60_000);
  let session: Session<Harness>;
  let web: FixtureWeb;
  let h: Harness;
  let crawled: Report | null = null;
  const visits = new Map<string, Visits>();
  const skipped = new Map<string, string>();
  // Every site is visited by LANES browsers at once, from the first site's test on.
  let pool: VisitPool | null = null;

  before(async () => {
    session = await startSession('chrome', startHarness, LANES);
    ({ web, h } = session);
    // The run's crawl of the whole fixture web, which the last test compares with, runs beside the
    // visits: both mostly wait for pages, and the crawl slows itself while its pages run late. Not in
    // a --grep run, which may visit a few sites and never compare.
    if (!process.argv.some((a) => /^(-g|-f|--grep|--fgrep)(=|$)/.test(a))) void sharedFixtureCrawl().catch(() => {});
  });

  after(async () => {
    await session?.close();
  });

  it('rejects unknown message types and bad tab ids', async () => {
    await expectBadMessagesRejected(h);
  });

  for (const site of fixtureSites) {
    it(`${site.host}: the get-report answers match the expected outcomes`, async function () {
      pool ??= visitPool(session.hs, web, fixtureSites.filter((s) => !s.crawlerOnly));
      const v = await visitOrPend(this, () => pool!.visits(site), site, skipped);
      visits.set(site.host, v);
      expectVisitsMatch(site, v);
    });
  }

  it('conforms to the crawler: same outcomes and findings for the same phases', async function () {
    // Awaits the run's crawl of the whole fixture web, which this test starts when it is the first to ask.
    this.timeout(30 * 60_000);
    if (visits.size === 0) this.skip();
    pool?.stop();
    // The run's one crawl of the fixture web (the CLI crawl test checks it too); its saved observations
    // are judged again on the extension's phases (the report alone lacks the TC string).
    const run = await sharedFixtureCrawl();
    expect(run.report, run.result.stderr).to.not.equal(undefined);
    crawled = run.report!;
    const saved: Map<string, SiteObservations> = savedObservations(run.out);
    // The sites the extension visited: all, or those a --grep kept.
    const compared = fixtureSites.filter((s) => visits.has(s.host));
    const differences: string[] = [];
    for (const site of compared) {
      const v = visits.get(site.host)!;
      const origin = web.origin(site.host, site.scheme);
      const audited = crawled.sites.find((s) => s.url.startsWith(origin));
      const theirs = [...saved.values()].find((o) => o.url.startsWith(origin));
      if (!theirs || audited?.status !== 'ok') { differences.push(`${site.host}: not audited by the crawler`); continue; }
      for (const ours of [v.accept, v.refuse]) {
        if (!ours) continue;
        const same = ENGINE.auditSite(observationsOf(theirs, phasesOf(ours)));
        const label = `${site.host} [${phasesOf(ours).join('+')}]`;
        const a = outcomes(ours);
        const b = outcomes(same);
        for (const rule of Object.keys(b)) {
          if (a[rule] === b[rule]) continue;
          const why = (s: SiteAudit): string => s.rules.find((r) => r.id === rule)?.notes.join(' ') ?? '';
          differences.push(`${label} ${rule}: extension ${a[rule]} (${why(ours)} trackers: ${ours.requests.map((r) => r.url.slice(0, 60)).join(', ')}), crawler ${b[rule]} (${why(same)})`);
        }
        const fa = findingKeys(ours);
        const fb = findingKeys(same);
        for (const k of fa.filter((x) => !fb.includes(x))) differences.push(`${label} only the extension found: ${k}`);
        for (const k of fb.filter((x) => !fa.includes(x))) differences.push(`${label} only the crawler found: ${k}`);
      }
    }
    expect(differences).to.deep.equal([]);
    if (skipped.size > 0) console.log(`      (not compared, see the pending tests: ${[...skipped.keys()].join(', ')})`);
  });
});
