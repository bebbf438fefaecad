/**
 * A fixture site visited like a person would, in any browser with the extension: open it, read it
 * down to the bottom, click the banner's accept button; audit from scratch, read it again, click
 * reject (opening the banner's second layer first where refusal is only there) — with the
 * background's `get-report` answer after each step, and the checks every browser's answers must pass.
 *
 * Sites are visited by `lanes` browsers at once (each its own profile, so clearing one's data or
 * a consent given in one never reaches another): the visits mostly wait for pages to settle.
 *
 * @example
 *   const session = await startSession('chrome', startHarness, 2);
 *   const pool = visitPool(session.hs, session.web, sites);      // starts visiting at the first site asked for
 *   const v = await visitOrPend(this, () => pool.visits(site), site, pending);
 *   expectVisitsMatch(site, v);
 *   await session.close();
 */
import { expect } from 'chai';
import type { Target } from '../../extension/manifest.ts';
import type { SiteAudit } from '../../src/model.ts';
import type { FixtureWeb } from '../fixtures/web/server.ts';
import { builtExtension, sharedFixtureWeb } from '../support/shared.ts';
import type { FixtureSite } from '../fixtures/web/site-types.ts';
import { classifyLabel, compileWording, isSaveLabel, type ControlKind } from '../../banner/wording.ts';
import wordingJson from '../../knowledge/banner-wording.json' with { type: 'json' };
import type { Page } from 'puppeteer-core';
import type { ExtensionHarness, OpenTab } from './harness.ts';
import { mismatches, phasesOf } from './outcomes.ts';

/** Waits until the tab's record stops changing (delayed cookies, late banners), within bounds. */
async function settle(h: ExtensionHarness, tabId: number, minMs: number): Promise<SiteAudit> {
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

/**
 * Waits from Node until the tab shows `url` again, loaded. Not `waitForFunction`: in Firefox its
 * predicate is built with Function(), which the extension's about:blank (its CSP) forbids when the
 * wait starts before the page is back (seen under load: "call to Function() blocked by CSP"). The
 * address is read inside the document, not from `page.url()`: that changes as soon as the navigation
 * starts, while the document answering is still the extension's about:blank, already "complete"
 * (seen under load: the next read scrolled an empty page and missed bas-de-page.test's lazy cookies).
 */
async function waitForReload(page: Page, url: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const loaded = await page.evaluate((u) => location.href === u && document.readyState === 'complete', url).catch(() => false);
    if (loaded) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`"Audit from scratch" did not open ${url} again within ${timeoutMs / 1000} s (the tab shows ${page.url()}).`);
}

export interface Visits { accept: SiteAudit; refuse: SiteAudit | null }

const wording = compileWording(wordingJson);

/** A banner control whose label the shared wording does not know: the extension cannot tell what it does. */
class UnknownLabel extends Error {}

async function requireKnownLabel(h: ExtensionHarness, tab: OpenTab, selector: string, kind: ControlKind | 'save', frameHost?: string): Promise<void> {
  const label = await h.label(tab, selector, frameHost);
  if (kind === 'save' ? !isSaveLabel(label, wording) : classifyLabel(label, wording) !== kind) {
    throw new UnknownLabel(`knowledge/banner-wording.json does not list "${label}" as ${kind}, so the extension cannot tell what the person's click on it did: add the phrase there.`);
  }
}

/** Visit 1: first visit, then accept. Visit 2: audit from scratch, then reject. Each time the person reads the page first. */
export async function visit(h: ExtensionHarness, web: Pick<FixtureWeb, 'origin'>, site: FixtureSite): Promise<Visits> {
  // Sibling subdomains share their parent domain's cookies (a consent given on one): start clean.
  await h.clearAll();
  const tab: OpenTab = await h.open(web.origin(site.host, site.scheme) + site.path);
  try {
    await h.read(tab);
    const initial = await settle(h, tab.tabId, 3500);
    expect(phasesOf(initial)).to.deep.equal(['initial']);
    if (!site.controls) return { accept: initial, refuse: null };
    await requireKnownLabel(h, tab, site.controls.accept, 'accept', site.controls.frameHost);
    await h.click(tab, site.controls.accept, site.controls.frameHost);
    const accept = await settle(h, tab.tabId, 2500);
    // No refusal offered (an information-only notice, a cookie wall): there is nothing to refuse with.
    if (!site.controls.reject) return { accept, refuse: null };

    const url = tab.page.url();
    const answer = await h.send({ type: 'audit-from-scratch', tabId: tab.tabId });
    expect(answer).to.deep.equal({ ok: true, value: { ok: true } });
    // The extension leaves the page (about:blank) and opens it again: wait for the second load.
    await waitForReload(tab.page, url);
    await h.read(tab);
    const fresh = await settle(h, tab.tabId, 3500);
    expect(phasesOf(fresh), 'audit from scratch starts a new initial phase').to.deep.equal(['initial']);
    if (site.controls.settings) {
      // Refusal only in the second layer: the person opens it first (the extension counts two steps).
      await requireKnownLabel(h, tab, site.controls.settings, 'settings', site.controls.frameHost);
      await h.click(tab, site.controls.settings, site.controls.frameHost);
    }
    // No "Tout refuser": the person switches the purposes off and saves (the extension reads the toggles at the save).
    for (const toggle of site.controls.switchOff ?? []) await h.click(tab, toggle, site.controls.frameHost);
    await requireKnownLabel(h, tab, site.controls.reject, site.controls.switchOff ? 'save' : 'reject', site.controls.frameHost);
    await h.click(tab, site.controls.reject, site.controls.frameHost);
    const refuse = await settle(h, tab.tabId, 2500);
    return { accept, refuse };
  } finally {
    await tab.page.close();
  }
}

export interface VisitPool {
  /** The site's visits; a site asked for before its turn is visited next (a --grep run asks for few). */
  visits(site: FixtureSite): Promise<Visits>;
  /** Starts no further visit (those under way finish): the browsers are left to the test. */
  stop(): void;
}

/**
 * Visits every site of `sites` with the browsers `hs`, each browser taking the next site as soon as
 * it is free, from the first site asked for on; gives each site's visits (by host) as they come.
 */
export function visitPool(hs: readonly ExtensionHarness[], web: Pick<FixtureWeb, 'origin'>, sites: readonly FixtureSite[]): VisitPool {
  const results = new Map<string, Promise<Visits>>();
  const waiting: Array<{ site: FixtureSite; done(v: Promise<Visits>): void }> = [];
  for (const site of sites) {
    results.set(site.host, new Promise<Visits>((resolve) => waiting.push({ site, done: resolve })));
    // A failure is the site's test's to report, when it awaits it.
    results.get(site.host)!.catch(() => {});
  }
  const lane = async (h: ExtensionHarness): Promise<void> => {
    for (let next = waiting.shift(); next; next = waiting.shift()) {
      const visits = visit(h, web, next.site);
      next.done(visits);
      await visits.catch(() => {});
    }
  };
  let started = false;
  return {
    visits(site) {
      const visits = results.get(site.host);
      if (!visits) throw new Error(`${site.host} is not one of the sites given to visitPool`);
      const at = waiting.findIndex((w) => w.site.host === site.host);
      if (at > 0) waiting.unshift(...waiting.splice(at, 1));
      if (!started) {
        started = true;
        for (const h of hs) void lane(h);
      }
      return visits;
    },
    stop() {
      waiting.length = 0;
    },
  };
}

/**
 * The visits `visits()` gives, in a test: a banner label the shared wording does not know makes the
 * test pending, not passed (the gap is in the shared wording data, named in the message, also kept
 * in `pending`).
 */
export async function visitOrPend(test: Mocha.Context, visits: () => Promise<Visits>, site: FixtureSite,
  pending?: Map<string, string>): Promise<Visits> {
  if (site.crawlerOnly) {
    pending?.set(site.host, site.crawlerOnly);
    console.log(`      left out (${site.host}): ${site.crawlerOnly}`);
    test.skip();
  }
  try {
    return await visits();
  } catch (err) {
    if (err instanceof UnknownLabel) {
      pending?.set(site.host, err.message);
      console.log(`      pending (${site.host}): ${err.message}`);
      test.skip();
    }
    throw err;
  }
}

/**
 * The checks every browser's answers must pass: extension audits that went well, the banner seen and
 * both clicks recorded, and the site's expected outcomes (`expected`, the fixture's own by default).
 */
export function expectVisitsMatch(site: FixtureSite, v: Visits, expected: FixtureSite['expected'] = site.expected): void {
  const audits = [v.accept, ...(v.refuse ? [v.refuse] : [])];
  for (const a of audits) {
    expect(a.status).to.equal('ok');
    expect(a.collector).to.equal('extension');
  }
  if (site.controls) {
    expect(v.accept.banner.detected, 'banner detected').to.equal(true);
    expect(v.accept.banner.phases.accepted?.clicked).to.equal('accept');
  }
  if (site.controls?.reject) {
    expect(v.refuse?.banner.phases.refused?.clicked).to.equal('reject');
    expect(v.refuse?.banner.phases.refused?.refusalSteps, 'steps the refusal took').to.equal(site.controls.settings ? 2 : 1);
  }
  expect(mismatches({ ...site, expected }, audits)).to.deep.equal([]);
}

/** The background answers only the message types it knows, and only with valid tab ids. */
export async function expectBadMessagesRejected(h: ExtensionHarness): Promise<void> {
  const unknown = await h.send({ type: 'steal-cookies' });
  expect(unknown.ok).to.equal(false);
  expect(unknown.ok ? '' : unknown.error).to.match(/Unknown message type "steal-cookies"/);
  const badTab = await h.send({ type: 'get-report', tabId: 'all' });
  expect(badTab.ok ? '' : badTab.error).to.match(/Expected `tabId` to be a tab id/);
}

export interface Session<H extends ExtensionHarness> {
  web: FixtureWeb;
  /** The first browser. */
  h: H;
  /** Every browser (`lanes` of them), each with its own profile. */
  hs: H[];
  close(): Promise<void>;
}

/** Browsers visiting sites at once in the site tests (TEST_BROWSER_LANES overrides). */
export const LANES = Math.max(1, Number(process.env.TEST_BROWSER_LANES) || 2);

/**
 * The run's extension build for `target` and fixture web (test/support/shared.ts), and `lanes`
 * browsers with the extension on it, started one after the other.
 */
export async function startSession<H extends ExtensionHarness>(target: Target, start: (web: FixtureWeb, extensionDir: string) => Promise<H>,
  lanes = 1): Promise<Session<H>> {
  const [extensionDir, web] = await Promise.all([builtExtension(target), sharedFixtureWeb()]);
  const hs: H[] = [];
  const close = async (): Promise<void> => { await Promise.all(hs.map((h) => h.close())); };
  try {
    for (let i = 0; i < lanes; i++) hs.push(await start(web, extensionDir));
  } catch (err) {
    await close();
    throw err;
  }
  return { web, h: hs[0]!, hs, close };
}
