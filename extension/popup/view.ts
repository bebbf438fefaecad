/**
 * The popup's view of one site audit: verdict per rule, findings in plain language, banner state
 * and the cookie table. Pure DOM building from a SiteAudit; everything from the site is text.
 *
 * @example document.body.append(renderAudit(site));
 */
import { declaredAttribute, declaredLifetimeSeconds, humanDuration } from '../../reports/lifetime-text.ts';
import { ruleInfo } from '../../reports/rule-info.ts';
import type { Outcome, Phase, SiteAudit } from '../../src/model.ts';
import { el } from './dom.ts';

const OUTCOME_LABEL: Record<Outcome, string> = { pass: 'Pass', fail: 'Fail', 'not-applicable': 'N/A', error: 'Error' };
const PHASE_LABEL: Record<Phase, string> = {
  initial: 'before any choice', accepted: 'after you accepted', refused: 'after you refused',
};

function hostOf(url: string): string {
  try { return new URL(url).hostname; } catch { return url; }
}

/** Which phases were recorded, in words, and what to do next. */
function phaseLine(site: SiteAudit): HTMLElement {
  const phases = (Object.keys(site.banner.phases) as Phase[]);
  const words = phases.map((p) => PHASE_LABEL[p]).join(', then ');
  const next = phases.length === 1 && site.banner.detected
    ? ' Click the banner\'s accept or reject button to record what the site does next.'
    : '';
  return el('p', { class: 'phases' }, `Recorded ${words || 'nothing yet'}.${next}`);
}

function verdict(site: SiteAudit): HTMLElement {
  const failing = site.rules.filter((r) => r.outcome === 'fail').length;
  const text = site.status === 'error'
    ? (site.error?.message ?? 'This page could not be audited.')
    : failing === 0 ? 'No rule fails so far.' : `${failing} rule${failing > 1 ? 's' : ''} fail${failing > 1 ? '' : 's'}.`;
  return el('div', { class: `verdict ${site.status === 'error' ? 'error' : failing ? 'fail' : 'pass'}` },
    el('h1', {}, hostOf(site.finalUrl || site.url) || 'This tab'), el('p', {}, text));
}

function rulesList(site: SiteAudit): HTMLElement {
  const list = el('ul', { class: 'rules' });
  for (const r of site.rules) {
    const info = ruleInfo(r.id, 'en', r.title);
    const findings = site.findings.filter((f) => f.rule === r.id);
    const item = el('li', { class: `rule ${r.outcome}`, 'data-rule': r.id },
      el('span', { class: `outcome ${r.outcome}` }, OUTCOME_LABEL[r.outcome]),
      el('strong', {}, r.outcome === 'fail' ? info.failureTitle : info.title),
      ...r.notes.map((n) => el('p', { class: 'note' }, n)));
    if (findings.length > 0) {
      item.append(el('ul', { class: 'findings' }, ...findings.map((f) => el('li', { class: f.severity }, f.message))));
      if (info.remedy) item.append(el('p', { class: 'remedy' }, `What to do: ${info.remedy}`));
    }
    list.append(item);
  }
  return el('section', {}, el('h2', {}, 'Rules'), list);
}

function bannerSection(site: SiteAudit): HTMLElement {
  const b = site.banner;
  const clicked = (Object.entries(b.phases) as Array<[Phase, typeof b]>).find(([, p]) => p.clicked);
  const lines = b.detected
    ? [
        `Banner found${b.cmp ? ` (${b.cmp})` : ''} by ${b.method === 'autoconsent' ? 'autoconsent' : 'our own detector'}.`,
        `Accept button: ${b.acceptFound ? 'yes' : 'not seen'}. Reject button: ${b.rejectFound ? (b.rejectOnFirstLayer ? 'yes, on the first layer' : 'only in a second layer') : 'not seen'}.`,
        clicked ? `You clicked ${clicked[1].clicked}${clicked[1].clickWorked ? ' and the banner closed' : clicked[1].clickWorked === false ? ', but the banner did not close' : ''}.` : 'No choice made yet.',
      ]
    : ['No consent banner seen.'];
  const section = el('section', { class: 'banner' }, el('h2', {}, 'Consent banner'), ...lines.map((l) => el('p', {}, l)));
  if (b.text) section.append(el('blockquote', { class: 'banner-text' }, b.text));
  return section;
}

/** Each cookie once, in the first phase it was seen (a cookie stays in the jar from phase to phase). */
function firstSightings(site: SiteAudit): SiteAudit['cookies'] {
  const seen = new Set<string>();
  return site.cookies.filter((c) => {
    const key = `${c.name}\u0000${c.domain}\u0000${c.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function cookieTable(site: SiteAudit): HTMLElement {
  const cookies = firstSightings(site);
  const rows = cookies.map((c) => el('tr', { class: c.exemption.exempt ? 'exempt' : 'consent' },
    el('td', { class: 'name' }, c.name),
    el('td', {}, c.domain),
    el('td', {}, c.party === 'first' ? '1st' : '3rd'),
    el('td', {}, PHASE_LABEL[c.phase]),
    el('td', {}, c.source === 'header' ? 'server' : c.source === 'script' ? 'script' : 'jar'),
    el('td', { title: declaredAttribute(c) ?? 'session' }, humanDuration(declaredLifetimeSeconds(c), 'en')),
    el('td', { class: 'why' }, c.exemption.exempt ? `exempt: ${c.exemption.reason}` : c.exemption.reason)));
  const head = el('tr', {}, ...['Cookie', 'Domain', 'Party', 'Seen', 'Set by', 'Lifetime', 'Consent'].map((h) => el('th', {}, h)));
  return el('section', {}, el('h2', {}, `Cookies (${cookies.length})`),
    cookies.length === 0 ? el('p', {}, 'No cookie seen.') : el('table', { class: 'cookies' }, el('thead', {}, head), el('tbody', {}, ...rows)));
}

/** The whole audit view. */
export function renderAudit(site: SiteAudit): HTMLElement {
  if (site.status === 'error') return el('main', {}, verdict(site));
  return el('main', {}, verdict(site), phaseLine(site), rulesList(site), bannerSection(site), cookieTable(site));
}
