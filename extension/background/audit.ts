/**
 * Runs the shared engine on a tab's observations (the only place the extension judges) and keeps
 * the toolbar badge at the number of failing rules.
 *
 * @example const site = await auditTab(tabId); site.rules.filter((r) => r.outcome === 'fail').length
 */
import browser from 'webextension-polyfill';
import { errorSite } from '../../src/engine.ts';
import type { Report, SiteAudit, SiteObservations } from '../../src/model.ts';
import { partyOf } from '../../src/party.ts';
import * as store from './store.ts';
import { toObservations } from './tab-state.ts';
import { ENGINE } from '../../defaults/engine.ts';
import { failingRuleIds } from '../../src/site-verdict.ts';

// The engine runs for the badge a second after a burst of events, not on each event of a loading
// page; a page that never goes quiet still gets a fresh badge every few seconds.
const BADGE_DELAY_MS = 1000;
const BADGE_MAX_WAIT_MS = 4000;
const badgeTimers = new Map<number, { timer: ReturnType<typeof setTimeout>; since: number }>();

/** The tab's site audit in the report schema's `sites[]` form; an error site when nothing was observed. */
export async function auditTab(tabId: number): Promise<SiteAudit> {
  await store.ready;
  const tab = store.get(tabId);
  if (tab) return ENGINE.auditSite(toObservations(tab, partyOf));
  let url = '';
  try { url = (await browser.tabs.get(tabId)).url ?? ''; } catch { /* closed tab */ }
  return errorSite(url, 'not-observed',
    'This tab has not been observed since the extension started: use "Audit from scratch" (or reload the page) to record it.',
    'extension');
}

/** The tab's raw observations (the engine's input), or null when it has none. */
export async function observationsOf(tabId: number): Promise<SiteObservations | null> {
  await store.ready;
  const tab = store.get(tabId);
  return tab ? toObservations(tab, partyOf) : null;
}

/** The report document for one tab, for export. */
export async function reportOf(tabId: number): Promise<Report> {
  return ENGINE.buildReport([await auditTab(tabId)]);
}

export function failingRules(site: SiteAudit): number {
  return failingRuleIds(site).length;
}

async function paintBadge(tabId: number): Promise<void> {
  const tab = store.get(tabId);
  try {
    if (!tab) {
      await browser.action.setBadgeText({ tabId, text: '' });
      return;
    }
    const failing = failingRules(ENGINE.auditSite(toObservations(tab, partyOf)));
    await browser.action.setBadgeBackgroundColor({ tabId, color: failing > 0 ? '#b3261e' : '#1e7b34' });
    await browser.action.setBadgeText({ tabId, text: String(failing) });
  } catch {
    // The tab closed meanwhile.
  }
}

/** Repaints a tab's badge shortly after its record changes (bursts of cookies make one repaint). */
export function scheduleBadge(tabId: number): void {
  const pending = badgeTimers.get(tabId);
  if (pending && Date.now() - pending.since >= BADGE_MAX_WAIT_MS) return; // due soon anyway
  clearTimeout(pending?.timer);
  badgeTimers.set(tabId, {
    since: pending?.since ?? Date.now(),
    timer: setTimeout(() => {
      badgeTimers.delete(tabId);
      void paintBadge(tabId);
    }, BADGE_DELAY_MS),
  });
}
