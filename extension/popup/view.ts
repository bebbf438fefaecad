/**
 * The popup's view of one site audit: verdict per rule, findings in plain language, banner state
 * and the cookie table. Pure DOM building from a SiteAudit; everything from the site is text.
 *
 * @example document.body.append(renderAudit(site));
 */
import { declaredAttribute, declaredLifetimeSeconds, humanDuration } from '../../reports/lifetime-text.ts';
import { findingText, noteTexts, reasonText, siteErrorText } from '../../reports/sentences.ts';
import { ruleInfo } from '../../reports/rule-info.ts';
import type { Outcome, Phase, SiteAudit } from '../../src/model.ts';
import { el } from './dom.ts';
import { msg, uiLang } from './locale.ts';
import { jarKey } from '../../src/cookie-key.ts';

const OUTCOME_KEY: Record<Outcome, string> = { pass: 'outcomePass', fail: 'outcomeFail', 'not-applicable': 'outcomeNotApplicable', error: 'outcomeError' };
const PHASE_KEY: Record<Phase, string> = { initial: 'phaseInitial', accepted: 'phaseAccepted', refused: 'phaseRefused' };
const phaseLabel = (p: Phase): string => msg(PHASE_KEY[p]);

function hostOf(url: string): string {
  try { return new URL(url).hostname; } catch { return url; }
}

/** Which phases were recorded, in words, and what to do next. */
function phaseLine(site: SiteAudit): HTMLElement {
  const phases = (Object.keys(site.banner.phases) as Phase[]);
  const words = phases.map(phaseLabel).join(msg('phaseThen'));
  const next = phases.length === 1 && site.banner.detected ? ` ${msg('nextStep')}` : '';
  return el('p', { class: 'phases' }, `${msg('recorded', words || msg('recordedNothing'))}${next}`);
}

function verdict(site: SiteAudit): HTMLElement {
  const failing = site.rules.filter((r) => r.outcome === 'fail').length;
  const text = site.status === 'error'
    ? (site.error ? siteErrorText(site.error, uiLang()) : msg('notAudited'))
    : failing === 0 ? msg('noRuleFails') : failing === 1 ? msg('oneRuleFails') : msg('rulesFail', String(failing));
  return el('div', { class: `verdict ${site.status === 'error' ? 'error' : failing ? 'fail' : 'pass'}` },
    el('h1', {}, hostOf(site.finalUrl || site.url) || msg('thisTab')), el('p', {}, text));
}

function rulesList(site: SiteAudit): HTMLElement {
  const lang = uiLang();
  const list = el('ul', { class: 'rules' });
  for (const r of site.rules) {
    const info = ruleInfo(r.id, lang, r.title);
    const findings = site.findings.filter((f) => f.rule === r.id);
    const item = el('li', { class: `rule ${r.outcome}`, 'data-rule': r.id },
      el('span', { class: `outcome ${r.outcome}` }, msg(OUTCOME_KEY[r.outcome])),
      el('strong', {}, r.outcome === 'fail' ? info.failureTitle : info.title),
      ...noteTexts(r, lang).map((n) => el('p', { class: 'note' }, n)));
    if (findings.length > 0) {
      item.append(el('ul', { class: 'findings' }, ...findings.map((f) => el('li', { class: f.severity }, findingText(f, lang)))));
      if (info.remedy) item.append(el('p', { class: 'remedy' }, msg('whatToDo', info.remedy)));
    }
    list.append(item);
  }
  return el('section', {}, el('h2', {}, msg('rulesHeading')), list);
}

function bannerSection(site: SiteAudit): HTMLElement {
  const b = site.banner;
  const clicked = (Object.entries(b.phases) as Array<[Phase, typeof b]>).find(([, p]) => p.clicked);
  const method = msg(b.method === 'autoconsent' ? 'methodAutoconsent' : 'methodHeuristic');
  const control = clicked ? msg(clicked[1].clicked === 'reject' ? 'controlReject' : 'controlAccept') : '';
  const lines = b.detected
    ? [
        b.cmp ? msg('bannerFoundCmp', [b.cmp, method]) : msg('bannerFound', method),
        msg('buttons', [msg(b.acceptFound ? 'yes' : 'notSeen'), msg(b.rejectFound ? (b.rejectOnFirstLayer ? 'yesFirstLayer' : 'onlySecondLayer') : 'notSeen')]),
        clicked
          ? msg(clicked[1].clickWorked ? 'clickedClosed' : clicked[1].clickWorked === false ? 'clickedNotClosed' : 'clicked', control)
          : msg('noChoice'),
      ]
    : [msg('noBanner')];
  const section = el('section', { class: 'banner' }, el('h2', {}, msg('bannerHeading')), ...lines.map((l) => el('p', {}, l)));
  if (b.text) section.append(el('blockquote', { class: 'banner-text' }, b.text));
  return section;
}

/** Each cookie once, in the first phase it was seen (a cookie stays in the jar from phase to phase). */
function firstSightings(site: SiteAudit): SiteAudit['cookies'] {
  const seen = new Set<string>();
  return site.cookies.filter((c) => {
    const key = jarKey(c);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function cookieTable(site: SiteAudit): HTMLElement {
  const cookies = firstSightings(site);
  const lang = uiLang();
  const rows = cookies.map((c) => el('tr', { class: c.exemption.exempt ? 'exempt' : 'consent' },
    el('td', { class: 'name' }, c.name),
    el('td', {}, c.domain),
    el('td', {}, msg(c.party === 'first' ? 'partyFirst' : 'partyThird')),
    el('td', {}, phaseLabel(c.phase)),
    el('td', {}, msg(c.source === 'header' ? 'sourceHeader' : c.source === 'script' ? 'sourceScript' : 'sourceJar')),
    el('td', { title: declaredAttribute(c) ?? msg('session') }, humanDuration(declaredLifetimeSeconds(c), lang)),
    el('td', { class: 'why' }, c.exemption.exempt ? msg('exemptBecause', reasonText(c.exemption, lang)) : reasonText(c.exemption, lang))));
  const head = el('tr', {}, ...['colCookie', 'colDomain', 'colParty', 'colSeen', 'colSetBy', 'colLifetime', 'colConsent'].map((h) => el('th', {}, msg(h))));
  return el('section', {}, el('h2', {}, msg('cookiesHeading', String(cookies.length))),
    cookies.length === 0 ? el('p', {}, msg('noCookie')) : el('table', { class: 'cookies' }, el('thead', {}, head), el('tbody', {}, ...rows)));
}

/** The whole audit view. */
export function renderAudit(site: SiteAudit): HTMLElement {
  if (site.status === 'error') return el('main', {}, verdict(site));
  return el('main', {}, verdict(site), phaseLine(site), rulesList(site), bannerSection(site), cookieTable(site));
}
