/**
 * The built Chrome extension in real Chromium on the fixture web: each site is visited like a
 * person would — open it, click the banner's accept button; audit from scratch, click reject — and
 * the background's `get-report` answers must match the site's expected outcomes and, as the shared
 * conformance test, what the crawler reports for the same phases.
 */
import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crawl } from '../../crawler/crawl.ts';
import { buildExtension } from '../../scripts/build-extension.ts';
import { auditSite } from '../../src/engine.ts';
import type { Report, SiteAudit } from '../../src/model.ts';
import { startFixtureWeb, type FixtureWeb } from '../fixtures/web/server.ts';
import type { FixtureSite } from '../fixtures/web/site-types.ts';
import { sites as fixtureSites } from '../fixtures/web/sites.ts';
import { classifyLabel, compileWording } from '../../crawler/banner/wording.ts';
import wordingJson from '../../rules/banner-wording.json' with { type: 'json' };
import { CHROMIUM, startHarness, type Harness, type OpenTab } from './harness.ts';
import { findingKeys, mismatches, observationsOf, outcomes, phasesOf } from './outcomes.ts';

/** Waits until the tab's record stops changing (delayed cookies, late banners), within bounds. */
async function settle(h: Harness, tabId: number, minMs: number): Promise<SiteAudit> {
  const start = Date.now();
  let last = '';
  let since = Date.now();
  for (;;) {
    const site = await h.report(tabId);
    const sig = JSON.stringify([site.cookies.map((c) => `${c.phase}:${c.name}:${c.storedExpires}`), site.requests.length, site.banner.phases]);
    if (sig !== last) { last = sig; since = Date.now(); }
    const elapsed = Date.now() - start;
    if ((elapsed >= minMs && Date.now() - since >= 1500) || elapsed > 12_000) return site;
    await new Promise((r) => setTimeout(r, 300));
  }
}

interface Visits { accept: SiteAudit; refuse: SiteAudit | null }

const wording = compileWording(wordingJson);

/** A banner control whose label the shared wording does not know: the extension cannot tell what it does. */
class UnknownLabel extends Error {}

async function requireKnownLabel(h: Harness, tab: OpenTab, selector: string, kind: 'accept' | 'reject', frameHost?: string): Promise<void> {
  const label = await h.label(tab, selector, frameHost);
  if (classifyLabel(label, wording) !== kind) {
    throw new UnknownLabel(`rules/banner-wording.json does not list "${label}" as ${kind}, so the extension cannot tell the person chose to ${kind}: add the phrase there.`);
  }
}

/** Visit 1: first visit, then accept. Visit 2: audit from scratch, then reject. */
async function visit(h: Harness, web: FixtureWeb, site: FixtureSite): Promise<Visits> {
  // Sibling subdomains share their parent domain's cookies (a consent given on one): start clean.
  await h.clearAll();
  const tab: OpenTab = await h.open(web.origin(site.host, site.scheme) + site.path);
  try {
    const initial = await settle(h, tab.tabId, 3500);
    expect(phasesOf(initial)).to.deep.equal(['initial']);
    if (!site.controls) return { accept: initial, refuse: null };
    await requireKnownLabel(h, tab, site.controls.accept, 'accept', site.controls.frameHost);
    await h.click(tab, site.controls.accept, site.controls.frameHost);
    const accept = await settle(h, tab.tabId, 2500);

    const url = tab.page.url();
    const answer = await h.send({ type: 'audit-from-scratch', tabId: tab.tabId });
    expect(answer).to.deep.equal({ ok: true, value: { ok: true } });
    // The extension leaves the page (about:blank) and opens it again: wait for the second load.
    await tab.page.waitForFunction((u) => location.href === u && document.readyState === 'complete', { timeout: 30_000, polling: 100 }, url);
    const fresh = await settle(h, tab.tabId, 3500);
    expect(phasesOf(fresh), 'audit from scratch starts a new initial phase').to.deep.equal(['initial']);
    await requireKnownLabel(h, tab, site.controls.reject, 'reject', site.controls.frameHost);
    await h.click(tab, site.controls.reject, site.controls.frameHost);
    const refuse = await settle(h, tab.tabId, 2500);
    return { accept, refuse };
  } finally {
    await tab.page.close();
  }
}

describe('extension: fixture web in real Chromium', function () {
  this.timeout(15 * 60_000);
  let web: FixtureWeb;
  let h: Harness;
  let outDir: string;
  let crawled: Report | null = null;
  const visits = new Map<string, Visits>();
  const skipped = new Map<string, string>();

  before(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'cookie-audit-ext-'));
    const { chrome } = await buildExtension({ targets: ['chrome'], outDir });
    web = await startFixtureWeb();
    h = await startHarness(web, chrome);
  });

  after(async () => {
    await h?.close();
    await web?.close();
    await rm(outDir, { recursive: true, force: true });
  });

  it('rejects unknown message types and bad tab ids', async () => {
    const unknown = await h.send({ type: 'steal-cookies' });
    expect(unknown.ok).to.equal(false);
    expect(unknown.ok ? '' : unknown.error).to.match(/Unknown message type "steal-cookies"/);
    const badTab = await h.send({ type: 'get-report', tabId: 'all' });
    expect(badTab.ok ? '' : badTab.error).to.match(/Expected `tabId` to be a tab id/);
  });

  for (const site of fixtureSites) {
    it(`${site.host}: the get-report answers match the expected outcomes`, async function () {
      let v: Visits;
      try {
        v = await visit(h, web, site);
      } catch (err) {
        // Pending, not passed: the gap is in the shared wording data, named in the message.
        if (err instanceof UnknownLabel) {
          skipped.set(site.host, err.message);
          console.log(`      pending (${site.host}): ${err.message}`);
          this.skip();
        }
        throw err;
      }
      visits.set(site.host, v);
      const audits = [v.accept, ...(v.refuse ? [v.refuse] : [])];
      for (const a of audits) {
        expect(a.status).to.equal('ok');
        expect(a.collector).to.equal('extension');
      }
      if (site.controls) {
        expect(v.accept.banner.detected, 'banner detected').to.equal(true);
        expect(v.accept.banner.phases.accepted?.clicked).to.equal('accept');
        expect(v.refuse?.banner.phases.refused?.clicked).to.equal('reject');
      }
      expect(mismatches(site, audits)).to.deep.equal([]);
    });
  }

  it('conforms to the crawler: same outcomes and findings for the same phases', async function () {
    if (visits.size === 0) this.skip();
    crawled = await crawl(fixtureSites.map((s) => web.origin(s.host, s.scheme) + s.path), {
      out: null, browserArgs: web.browserArgs, executable: CHROMIUM, concurrency: 2,
    });
    const differences: string[] = [];
    for (const site of fixtureSites) {
      if (skipped.has(site.host)) continue;
      const v = visits.get(site.host);
      const theirs = crawled.sites.find((s) => s.url.startsWith(web.origin(site.host, site.scheme)));
      if (!v || !theirs || theirs.status !== 'ok') { differences.push(`${site.host}: not audited by both`); continue; }
      for (const ours of [v.accept, v.refuse]) {
        if (!ours) continue;
        const same = auditSite(observationsOf(theirs, phasesOf(ours)));
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
