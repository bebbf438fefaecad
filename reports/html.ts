/**
 * The HTML report: one self-contained page an auditor can mail. Inline CSS and SVG, images only as
 * data URIs passed in `assets`, a Content-Security-Policy that forbids scripts and every fetch, and
 * every string from an audited site escaped. Overview first, then one collapsible section per site.
 * Written as a stream: the grid's rows one site at a time, then the detail of the first sites.
 *
 * @example
 *   const html = [...htmlChunks(report, digestReport(report), { lang: 'fr', includeValues: false, assets: { 'shots/a.png': 'data:image/png;base64,…' } })].join('');
 */
import type { Finding, ObservedBanner, Phase, ReportCookie, ReportSource, RuleResult, SiteAudit } from '../src/model.ts';
import { PHASES } from '../src/model.ts';
import { esc, link, safeImage, shorten } from './html-escape.ts';
import { translator } from './i18n.ts';
import { categoryText, evidenceLocalizer, findingText, noteTexts, reasonText, siteErrorText } from './sentences.ts';
import { declaredAttribute, declaredLifetimeSeconds, humanDuration, storedLifetimeSeconds } from './lifetime-text.ts';
import type { RenderOptions } from './render-options.ts';
import { ruleInfo, type RuleInfo } from './rule-info.ts';
import { cellOutcome, siteLabel, type Cell, type ReportDigest, type RuleStat, type Totals } from './summary.ts';
import { STYLE } from './templates/style.ts';
import { cookiePolicyText, policyRows, policySummary } from './policy-view.ts';

type T = ReturnType<typeof translator>;

interface Ctx {
  t: T;
  options: RenderOptions;
  ids: string[];
  info: Map<string, RuleInfo>;
}

// No script, no fetch of any kind: even a missed escape could neither run code nor call home.
const CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** A column-sized name for a rule: the i18n short label, else its id. */
function shortLabel(id: string, ctx: Ctx): string {
  const key = `short.${id}`;
  const label = ctx.t(key);
  return label === key ? id : label;
}

// Drawn, not an emoji: emoji fonts are missing on many machines.
const ICON = '<svg class="logo" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true"><path fill="#c98a3d" d="M12 2a10 10 0 1 0 10 10 4 4 0 0 1-5-5 4 4 0 0 1-5-5z"/>'
  + '<g fill="#6b3f12"><circle cx="8" cy="9" r="1.4"/><circle cx="14" cy="14" r="1.6"/><circle cx="8.5" cy="15.5" r="1.2"/><circle cx="16.5" cy="9.5" r="0.9"/></g></svg>';

const siteAnchor = (i: number): string => `site-${i + 1}`;
const ruleAnchor = (i: number, id: string): string => `site-${i + 1}-${id.replace(/[^a-zA-Z0-9-]/g, '_')}`;

function badge(cell: Cell, t: T, extra = ''): string {
  return `<span class="badge ${cell}">${esc(t(`outcome.${cell}`))}${extra ? ` ${esc(extra)}` : ''}</span>`;
}

/** The worst state of a site, for its summary badge. */
function siteState(site: SiteAudit): Cell {
  if (site.status !== 'ok') return 'error';
  if (site.findings.length > 0 || site.rules.some((r) => r.outcome === 'fail')) return 'fail';
  if (site.rules.some((r) => r.outcome === 'error')) return 'error';
  return 'pass';
}

function formatDate(iso: string | null | undefined, lang: string): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(ms) + ' UTC';
}

// ---------------------------------------------------------------------------------------------
// Overview

function statCard(value: number, label: string, cls = ''): string {
  return `<div class="stat ${cls}"><b>${value}</b><span>${esc(label)}</span></div>`;
}

/** The overview up to the grid's first row. */
function overviewHead(sum: Totals, ctx: Ctx): string {
  const { t } = ctx;
  const stats = [
    statCard(sum.sites, t('totals.sites')),
    statCard(sum.sitesFailing, t('totals.failing'), sum.sitesFailing > 0 ? 'fail' : 'pass'),
    statCard(sum.errors, t('totals.errors'), sum.errors > 0 ? 'fail' : ''),
    statCard(sum.warnings, t('totals.warnings'), ''),
    statCard(sum.unaudited, t('totals.unaudited'), sum.unaudited > 0 ? 'error' : ''),
    statCard(sum.cookies, t('totals.cookies')),
  ].join('');

  const head = ctx.ids.map((id) => {
    const info = ctx.info.get(id)!;
    return `<th class="rule" scope="col" title="${esc(info.title)}">${esc(shortLabel(id, ctx))}<small>${esc(id)}</small></th>`;
  }).join('');
  return `<section class="card" id="overview" aria-labelledby="overview-title">
<h2 id="overview-title">${esc(t('overview'))}</h2>
<div class="stats">${stats}</div>
<div class="table-wrap"><table class="grid">
<thead><tr><th scope="col">${esc(t('site'))}</th>${head}</tr></thead>
<tbody>
`;
}

/** One site's row of the grid. */
function gridRow(site: SiteAudit, i: number, ctx: Ctx): string {
  const { t } = ctx;
  const cells = ctx.ids.map((id) => {
    const cell = cellOutcome(site, id);
    const n = site.findings.filter((f) => f.rule === id).length;
    const inner = badge(cell, t, cell === 'fail' && n > 0 ? `· ${n}` : '');
    const target = site.status === 'ok' && cell !== 'absent' ? `#${ruleAnchor(i, id)}` : `#${siteAnchor(i)}`;
    return `<td class="cell"><a href="${target}" class="badge-link" aria-label="${esc(`${siteLabel(site)} — ${id}: ${t(`outcomeLong.${cell}`)}`)}">${inner}</a></td>`;
  }).join('');
  return `<tr><td class="site"><a href="#${siteAnchor(i)}">${esc(shorten(siteLabel(site), 60))}</a></td>${cells}</tr>`;
}

/** The overview after the grid's last row: legend and chart. */
function overviewTail(sum: Totals, ctx: Ctx): string {
  const { t } = ctx;
  const legend = (['pass', 'fail', 'not-applicable', 'error'] as Cell[])
    .map((c) => `<span><span class="badge ${c}">${esc(t(`outcome.${c}`))}</span> ${esc(t(`legend.${c}`))}</span>`).join(' ');
  return `
</tbody></table></div>
<p class="legend">${legend}</p>
${chart(sum.rules, ctx)}
</section>`;
}

/** A horizontal bar per rule: the share of judged sites that fail it. */
function chart(stats: RuleStat[], ctx: Ctx): string {
  const { t } = ctx;
  const width = 820;
  const labelW = 220;
  const barW = 440;
  const rowH = 34;
  const height = stats.length * rowH + 8;
  const bars = stats.map((s, i) => {
    const y = i * rowH + 6;
    const share = s.judged > 0 ? s.fail / s.judged : 0;
    const pct = Math.round(share * 100);
    const title = ctx.info.get(s.id)?.title ?? s.id;
    const label = t('chart.bar', { rule: title, fail: s.fail, judged: s.judged, pct });
    return `<g><title>${esc(label)}</title>
<text class="label" x="0" y="${y + 17}">${esc(shorten(shortLabel(s.id, ctx), 36))}</text>
<rect class="track" x="${labelW}" y="${y + 4}" width="${barW}" height="18" rx="4"/>
<rect class="bar${s.fail === 0 ? ' zero' : ''}" x="${labelW}" y="${y + 4}" width="${Math.max(s.fail === 0 ? 0 : 3, Math.round(share * barW))}" height="18" rx="4"/>
<text class="value" x="${labelW + barW + 12}" y="${y + 17}">${s.judged > 0 ? `${pct} % (${s.fail}/${s.judged})` : esc(t('chart.none'))}</text></g>`;
  }).join('\n');
  return `<figure class="chart">
<h3>${esc(t('chart.title'))}</h3>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(t('chart.title'))}">
${bars}
</svg>
<figcaption>${esc(t('chart.caption'))}</figcaption>
</figure>`;
}

// ---------------------------------------------------------------------------------------------
// One site

function facts(site: SiteAudit, ctx: Ctx): string {
  const { t } = ctx;
  const rows: Array<[string, string]> = [[t('site.final'), link(site.finalUrl, undefined, 120)]];
  if (site.url && site.url !== site.finalUrl) rows.push([t('site.requested'), link(site.url, undefined, 120)]);
  if (site.httpStatus !== null && site.httpStatus !== undefined) rows.push([t('site.status'), esc(site.httpStatus)]);
  rows.push([t('site.cmp'), site.banner?.cmp ? `<b>${esc(site.banner.cmp)}</b>` : esc(t('site.noCmp'))]);
  if (site.startedAt) rows.push([t('site.started'), esc(formatDate(site.startedAt, ctx.options.lang))]);
  rows.push([t('site.collector'), esc(site.collector)]);
  const measured = measurementText(site.measurement, t);
  if (measured) rows.push([t('site.measurement'), measured.degraded ? `<b>${esc(measured.text)}</b>` : esc(measured.text)]);
  return `<dl class="facts">${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

/** What the re-check did and whether the judged visit ran late: a DPO must see a verdict's weak spots. */
function measurementText(m: SiteAudit['measurement'], t: T): { text: string; degraded: boolean } | null {
  if (!m) return null;
  const parts: string[] = [];
  if (m.rechecked.length > 0) {
    const why = m.rechecked.map((r) => t(`site.recheck.${r}`)).join(', ');
    parts.push(t(m.recheckChanged ? 'site.recheckedChanged' : 'site.rechecked', { why }));
  }
  if (m.degraded) parts.push(t('site.degraded', { pct: Math.round((m.pressure ?? 0) * 100) }));
  return parts.length === 0 ? null : { text: parts.join(' '), degraded: m.degraded };
}

function yesNo(value: boolean, t: T): string {
  return `<span class="${value ? 'yes' : 'no'}">${esc(t(value ? 'yes' : 'no'))}</span>`;
}

function bannerBlock(site: SiteAudit, ctx: Ctx): string {
  const { t, options } = ctx;
  const b = site.banner;
  const shotPath = b?.screenshot ?? b?.phases?.initial?.screenshot ?? null;
  const uri = shotPath ? safeImage(options.assets?.[shotPath]) : null;
  const shot = uri
    ? `<figure class="shot"><img src="${esc(uri)}" alt="${esc(t('banner.screenshot'))}"><figcaption>${esc(t('banner.screenshot'))}</figcaption></figure>`
    : `<figure class="shot empty">${esc(t('banner.noScreenshot'))}</figure>`;
  if (!b?.detected) {
    return `<h3>${esc(t('banner.title'))}</h3><div class="banner">${shot}<div><p class="badge fail">${esc(t('banner.notDetected'))}</p></div></div>`;
  }
  const checks = [
    `<li>${esc(t('banner.detected'))}${b.cmp ? ` · <b>${esc(b.cmp)}</b>` : ''}${b.method ? ` <span class="note">(${esc(t('banner.method', { method: b.method }))})</span>` : ''}</li>`,
    `<li>${esc(t('banner.accept'))}: ${yesNo(b.acceptFound, t)}</li>`,
    `<li>${esc(t('banner.reject'))}: ${yesNo(b.rejectFound, t)}</li>`,
    `<li>${esc(t('banner.rejectFirstLayer'))}: ${yesNo(b.rejectOnFirstLayer, t)}</li>`,
  ];
  for (const phase of PHASES) {
    const p: ObservedBanner | undefined = b.phases?.[phase];
    if (!p?.clicked) continue;
    const worked = p.clickWorked === null ? '' : ` — ${esc(t(p.clickWorked ? 'banner.clickWorked' : 'banner.clickFailed'))}`;
    checks.push(`<li>${esc(t('banner.clicked', { phase: t(`phaseShort.${phase}`), control: t(`control.${p.clicked}`) }))}${worked}</li>`);
  }
  const text = b.text ? `<h4>${esc(t('banner.text'))}</h4><blockquote class="banner-text">${esc(b.text)}</blockquote>` : '';
  return `<h3>${esc(t('banner.title'))}</h3><div class="banner">${shot}<div><ul class="checks">${checks.join('')}</ul>${text}</div></div>`;
}

function evidence(f: Finding, t: T, localize: (value: unknown) => unknown): string {
  const entries = Object.entries(f.evidence ?? {}).slice(0, 8).map(([k, v]) => [k, localize(v)] as const);
  if (entries.length === 0) return '';
  const text = entries.map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).map((s) => shorten(s, 160)).join(' · ');
  return `<details class="evidence"><summary>${esc(t('finding.evidence'))}</summary>${esc(text)}</details>`;
}

function findingItem(f: Finding, ctx: Ctx, localize: (value: unknown) => unknown): string {
  const where = [
    f.cookie ? `${f.cookie}${f.domain ? ` @ ${f.domain}` : ''}` : f.domain ?? '',
    f.phase ? ctx.t('finding.phase', { phase: ctx.t(`phaseShort.${f.phase}`) }) : '',
    ctx.t(`severity.${f.severity}`),
  ].filter(Boolean).join(' · ');
  return `<li>${esc(findingText(f, ctx.options.lang))}<div class="where">${esc(where)}</div>${evidence(f, ctx.t, localize)}</li>`;
}

function ruleBlock(site: SiteAudit, index: number, id: string, ctx: Ctx): string {
  const { t } = ctx;
  const result: RuleResult | undefined = site.rules.find((r) => r.id === id);
  const cell = cellOutcome(site, id);
  if (cell === 'absent') return '';
  const info = ctx.info.get(id)!;
  const findings = site.findings.filter((f) => f.rule === id);
  const title = cell === 'fail' ? info.failureTitle : info.title;
  const noteList = noteTexts(result, ctx.options.lang);
  const notes = noteList.length > 0 ? `<p class="notes">${noteList.map(esc).join('<br>')}</p>` : '';
  let body = '';
  if (cell === 'fail') {
    const ref = info.legalReference ? `<div><b>${esc(t('finding.legal'))}</b>${link(info.legalReference.url, info.legalReference.label, 140)}</div>` : '';
    const remedy = info.remedy ? `<div><b>${esc(t('finding.remedy'))}</b>${esc(info.remedy)}</div>` : '';
    body = `<ul class="findings">${findings.map((f) => findingItem(f, ctx, evidenceLocalizer(site, ctx.options.lang))).join('')}</ul><div class="advice">${remedy}${ref}</div>`;
  }
  const why = info.description ? `<details class="why"><summary>${esc(t('finding.why'))}</summary><p>${esc(info.description)}</p></details>` : '';
  const count = findings.length > 0 ? `· ${findings.length}` : '';
  return `<li class="result ${cell}" id="${ruleAnchor(index, id)}"><header>${badge(cell, t, count)}<strong>${esc(title)}</strong><code>${esc(id)}</code></header>${notes}${body}${why}</li>`;
}

function cookieRow(c: ReportCookie, site: SiteAudit, ctx: Ctx): string {
  const { t, options } = ctx;
  const lang = options.lang;
  const rules = [...new Set(site.findings
    .filter((f) => f.cookie === c.name && (!f.domain || f.domain === c.domain) && (!f.phase || f.phase === c.phase))
    .map((f) => f.rule))];
  const declared = declaredLifetimeSeconds(c);
  const attr = declaredAttribute(c);
  const stored = storedLifetimeSeconds(c);
  const ex = c.exemption;
  const exempt = ex
    ? `<span class="badge ${ex.exempt ? 'pass' : 'warn'}">${esc(t(ex.exempt ? 'exempt.yes' : 'exempt.no'))}</span>`
      + `<span class="small">${esc([categoryText(ex.category, lang), reasonText(ex, lang)].filter(Boolean).join(' — '))}</span>`
      + (ex.known ? `<span class="small">${esc(`${ex.known.platform} · ${ex.known.category}`)}</span>` : '')
    : '';
  const setter = `${esc(t(`source.${c.source}`))}${c.setterUrl ? `<span class="small">${link(c.setterUrl, undefined, 48)}</span>` : ''}`
    + (c.frameUrl && c.frameUrl !== site.finalUrl ? `<span class="small">${esc(t('cookies.frame'))} ${link(c.frameUrl, undefined, 48)}</span>` : '');
  const flags = rules.length > 0 ? `<span class="flag">${esc(rules.join(', '))}</span>` : '';
  const value = options.includeValues ? `<td class="value">${esc(shorten(c.value ?? '', 120))}</td>` : '';
  return `<tr${rules.length > 0 ? ' class="flagged"' : ''}><td class="name">${esc(c.name)}${flags}</td>${value}`
    + `<td class="domain">${esc(c.domain)}${c.hostOnly ? '' : `<span class="small">${esc(t('cookies.subdomains'))}</span>`}</td>`
    + `<td>${esc(t(`party.${c.party}`))}</td>`
    + `<td>${esc(humanDuration(declared, lang))}${attr ? `<span class="small">${esc(shorten(attr, 60))}</span>` : ''}</td>`
    + `<td>${esc(humanDuration(stored, lang))}</td>`
    + `<td>${exempt}</td><td>${setter}</td>`
    + (site.policy ? `<td>${esc(cookiePolicyText(c, lang))}</td>` : '') + '</tr>';
}

/** "Policy vs practice": the documents read, then each claim with its quote, what was seen and the verdict. */
function policyBlock(site: SiteAudit, ctx: Ctx): string {
  const { t, options } = ctx;
  const summary = policySummary(site, options.lang);
  if (summary === null) return '';
  const docs = site.policy!.documents;
  const head = `<h3>${esc(t('policy.title'))}</h3><p class="note">${esc(t('policy.intro'))}</p>`;
  if (docs.length === 0) return `${head}<p>${esc(summary)}</p>`;
  const list = `<p><b>${esc(t('policy.documents'))}</b> ${docs.map((d) => `${esc(t(`policy.docKind.${d.kind}`))} ${link(d.url, undefined, 80)} <span class="small">(${esc(t(`policy.foundBy.${d.foundBy}`))})</span>`).join(' · ')}</p>`;
  const rows = policyRows(site, options.lang);
  if (rows.length === 0) return `${head}${list}<p class="note">${esc(t('policy.noClaims'))}</p>`;
  const th = [t('policy.claim'), t('policy.quote'), t('policy.seen'), t('policy.verdict')].map((h) => `<th scope="col">${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr${r.verdict === 'fail' ? ' class="flagged"' : ''}><td>${esc(r.claim)}</td>`
    + `<td>${esc(shorten(r.quote, 300))}${r.section ? `<span class="small">${esc(shorten(r.section, 80))}</span>` : ''}</td>`
    + `<td>${esc(r.seen)}</td><td><span class="badge ${r.verdict === 'fail' ? 'warn' : 'pass'}">${esc(t(`policy.verdict.${r.verdict}`))}</span></td></tr>`).join('');
  return `${head}${list}<div class="table-wrap"><table class="policy"><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table></div>`;
}

function cookieTables(site: SiteAudit, ctx: Ctx): string {
  const { t, options } = ctx;
  const phases = PHASES.filter((p) => site.banner?.phases?.[p] || site.cookies.some((c) => c.phase === p));
  if (phases.length === 0) return '';
  const head = [t('cookies.name'), ...(options.includeValues ? [t('cookies.value')] : []), t('cookies.domain'), t('cookies.party'),
    t('cookies.declared'), t('cookies.stored'), t('cookies.exempt'), t('cookies.setBy'), ...(site.policy ? [t('cookies.policy')] : [])].map((h) => `<th scope="col">${esc(h)}</th>`).join('');
  const tables = phases.map((phase: Phase) => {
    const cookies = site.cookies.filter((c) => c.phase === phase);
    const table = cookies.length === 0
      ? `<p class="note">${esc(t('cookies.none'))}</p>`
      : `<div class="table-wrap"><table class="cookies"><thead><tr>${head}</tr></thead><tbody>${cookies.map((c) => cookieRow(c, site, ctx)).join('')}</tbody></table></div>`;
    return `<h4>${esc(t(`phase.${phase}`))} (${cookies.length})</h4>${table}`;
  }).join('');
  const omitted = options.includeValues ? '' : `<p class="note">${esc(t('cookies.valuesOmitted'))}</p>`;
  return `<h3>${esc(t('cookies.title'))}</h3>${omitted}${tables}`;
}

function siteSection(site: SiteAudit, index: number, ctx: Ctx, open: boolean): string {
  const { t } = ctx;
  const state = siteState(site);
  const n = site.findings.length;
  const count = site.status !== 'ok' ? t('site.error') : n === 0 ? t('site.clean') : n === 1 ? t('site.finding') : t('site.findings', { n });
  const summary = `<summary>${badge(state, t)}<span class="host">${esc(siteLabel(site))}</span><span class="count">${esc(count)}</span></summary>`;
  let body: string;
  if (site.status !== 'ok') {
    body = `${facts(site, ctx)}<div class="error-box"><b>${esc(t('site.error'))}</b> <code>${esc(site.error?.code ?? 'error')}</code><pre>${esc(siteErrorText(site.error, ctx.options.lang))}</pre></div>`;
  } else {
    const results = ctx.ids.map((id) => ruleBlock(site, index, id, ctx)).filter(Boolean).join('');
    body = `${facts(site, ctx)}${bannerBlock(site, ctx)}<h3>${esc(t('results.title'))}</h3><ul class="results">${results}</ul>${policyBlock(site, ctx)}${cookieTables(site, ctx)}`;
  }
  return `<details class="site" id="${siteAnchor(index)}"${open ? ' open' : ''}>${summary}<div class="site-body">${body}<a class="back" href="#top">↑ ${esc(t('nav.top'))}</a></div></details>`;
}

// ---------------------------------------------------------------------------------------------

/** Sites shown in detail (findings, banner, cookie tables); the rest are in the grid and totals only. */
export const HTML_DETAIL_LIMIT = 500;

export function* htmlChunks(report: ReportSource, digest: ReportDigest, options: RenderOptions): Generator<string> {
  const t = translator(options.lang);
  const { ids } = digest;
  const info = new Map(ids.map((id) => [id, ruleInfo(id, options.lang, digest.titles.get(id))]));
  const ctx: Ctx = { t, options, ids, info };
  const sum = digest.totals;
  // Open the sites that need reading when there are few enough to scroll through.
  const openBroken = sum.sites <= 10;
  const pills = [
    `<span class="pill">${sum.sites} ${esc(t('totals.sites'))}</span>`,
    `<span class="pill ${sum.sitesFailing > 0 ? 'fail' : 'pass'}">${sum.sitesFailing} ${esc(t('totals.failing'))}</span>`,
    `<span class="pill">${sum.findings} ${esc(t('totals.findings'))}</span>`,
    sum.unaudited > 0 ? `<span class="pill error">${sum.unaudited} ${esc(t('totals.unaudited'))}</span>` : '',
  ].join('');
  const title = `${t('title')} — ${sum.sites === 1 ? digest.firstLabel : `${sum.sites} ${t('totals.sites')}`}`;
  yield `<!doctype html>
<html lang="${options.lang === 'fr' ? 'fr' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="cookie-audit ${esc(report.tool?.version ?? '')}">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="topbar" id="top">
<div class="brand"><a href="#overview">${ICON}${esc(t('title'))}</a></div>
${pills}
</header>
<main>
<section class="card intro">
<h1>${esc(title)}</h1>
<p>${esc(t('subtitle'))}</p>
<p class="meta">${esc(t('generated', { date: formatDate(report.generatedAt, options.lang), version: report.tool?.version ?? '?' }))} · ${esc(t('maxLifetime', { months: report.config?.maxLifetimeMonths ?? 13 }))}</p>
</section>
${overviewHead(sum, ctx)}`;
  let i = 0;
  for (const site of report.sites) yield `${i > 0 ? '\n' : ''}${gridRow(site, i++, ctx)}`;
  yield `${overviewTail(sum, ctx)}
<section id="sites" aria-label="${esc(t('sites'))}">
`;
  // The grid and totals cover every site; the per-site detail stops at HTML_DETAIL_LIMIT so a
  // 100,000-site report stays a page a browser can open (report.json and the CSV hold them all).
  i = 0;
  for (const site of report.sites) {
    if (i === HTML_DETAIL_LIMIT) break;
    yield `${i > 0 ? '\n' : ''}${siteSection(site, i, ctx, openBroken && siteState(site) !== 'pass')}`;
    i++;
  }
  if (sum.sites > i) yield `\n<p class="meta">${esc(t('sites.detailCapped', { shown: i, total: sum.sites }))}</p>`;
  yield `
</section>
<footer>${esc(t('footer'))}</footer>
</main>
</body>
</html>
`;
}
