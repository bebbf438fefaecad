/**
 * A short Markdown summary for a pull-request comment or a CI step summary: totals, a table of
 * sites × the rules that fail somewhere, and the top findings, capped well under GitHub's 65,536 characters.
 *
 * @example
 *   markdownChunks(report, digestReport(report), { lang: 'en', includeValues: false });
 */
import { policyRows } from './policy-view.ts';
import type { Finding, ReportSource, SiteAudit } from '../src/model.ts';
import { translator } from './i18n.ts';
import { findingText, siteErrorText } from './sentences.ts';
import { inertText } from './inert-text.ts';
import type { RenderOptions } from './render-options.ts';
import { ruleInfo } from './rule-info.ts';
import { cellOutcome, siteLabel, type Cell, type ReportDigest } from './summary.ts';

const MAX_SITES = 30;
const MAX_FINDINGS = 15;
const MAX_TEXT = 200;
const MAX_CHARS = 60_000;

const ICON: Record<Cell, string> = { pass: '✅', fail: '❌', 'not-applicable': '➖', error: '💥', absent: '·' };

// Where GitHub's autolinker would make a link: a scheme (`https:`, `javascript:`, `mailto:`…) or `www.`.
const URL_TOKEN = /\b(?:[a-z][a-z0-9+.-]{1,20}:\/\/|(?:javascript|data|vbscript|mailto|xmpp|tel|file):|www\.)\S*/gi;
const ZWJ = '\u200d';

/** A URL-looking token as a code span: never a link, never a mention; characters that would end the span or the table cell are percent-encoded. */
function codeSpan(token: string): string {
  return `\`${token.replace(/[`|\\<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}\``;
}

/** Plain site text: no markup, no HTML, and GitHub's references (@mention, #123, GH-123, emails) broken by a zero-width joiner. */
function plainText(text: string): string {
  return text
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    // A backtick as an entity: no escaped backtick to pair up with a code span's.
    .replace(/`/g, '&#96;')
    .replace(/([\\*_{}[\]()#+!|~])/g, '\\$1')
    // A backslash does not stop GitHub's references, which are found in the rendered text.
    .replace(/@/g, `@${ZWJ}`)
    .replace(/#(?=[\w-])/g, `#${ZWJ}`)
    .replace(/\b(GH)-(?=\d)/gi, `$1-${ZWJ}`)
    // A `:` after a scheme the URL pattern missed stays plain text.
    .replace(/\b([a-z][a-z0-9+.-]*):(?=\S)/gi, '$1&#58;');
}

/** An identifier (a rule id from a report) as a code span, one line, inert. */
export function mdCode(raw: unknown, max = 60): string {
  let text = inertText(raw).replace(/\s+/g, ' ').trim();
  if (text.length > max) text = text.slice(0, max - 1) + '…';
  return codeSpan(text);
}

/**
 * Text from an audited site made inert: one line, no control character, no markup, no HTML, no
 * link, no mention or issue reference, no table break. URLs stay readable (and copyable) as code spans.
 */
export function mdText(raw: unknown, max = MAX_TEXT): string {
  let text = inertText(raw).replace(/\s+/g, ' ').trim();
  if (text.length > max) text = text.slice(0, max - 1) + '…';
  let out = '';
  let last = 0;
  for (const m of text.matchAll(URL_TOKEN)) {
    out += plainText(text.slice(last, m.index)) + codeSpan(m[0]);
    last = m.index + m[0].length;
  }
  return out + plainText(text.slice(last));
}

/** The first `max` items, and how many were offered. */
class FirstOf<T> {
  readonly items: T[] = [];
  count = 0;
  constructor(private readonly max: number) {}
  push(item: T): void {
    if (this.count++ < this.max) this.items.push(item);
  }
}

/** One pass over the sites, keeping only what the capped summary shows. */
export function* markdownChunks(report: ReportSource, digest: ReportDigest, options: RenderOptions): Generator<string> {
  const t = translator(options.lang);
  const sum = digest.totals;
  const failingRules = sum.rules.filter((r) => r.fail > 0 || r.error > 0).map((r) => r.id);
  const unaudited = new FirstOf<SiteAudit>(MAX_SITES);
  const flagged = new FirstOf<string>(MAX_SITES);
  // Errors first, each kind in report order (a stable sort by severity), so the first MAX_FINDINGS of each suffice.
  const errors = new FirstOf<{ site: SiteAudit; finding: Finding }>(MAX_FINDINGS);
  const others = new FirstOf<{ site: SiteAudit; finding: Finding }>(MAX_FINDINGS);
  const policyLines = new FirstOf<string>(MAX_FINDINGS);
  for (const site of report.sites) {
    if (site.status !== 'ok') unaudited.push(site);
    if (failingRules.some((id) => ['fail', 'error'].includes(cellOutcome(site, id)))) {
      const cells = failingRules.map((id) => {
        const cell = cellOutcome(site, id);
        const n = site.findings.filter((f) => f.rule === id).length;
        return cell === 'fail' && n > 0 ? `${ICON[cell]} ${n}` : ICON[cell];
      });
      flagged.push(`| ${mdText(siteLabel(site), 80)} | ${cells.join(' | ')} |`);
    }
    for (const finding of site.findings) (finding.severity === 'error' ? errors : others).push({ site, finding });
    for (const r of policyRows(site, options.lang)) {
      if (r.verdict === 'fail') policyLines.push(`- ⚠️ ${mdText(t('md.policyRow', { site: siteLabel(site), claim: r.claim, quote: r.quote.slice(0, 160), seen: r.seen }))}`);
    }
  }

  const out: string[] = [`## 🍪 ${t('md.title')}`, ''];
  out.push(t('md.totals', {
    sites: sum.sites, audited: sum.audited, failing: sum.sitesFailing, errors: sum.errors, warnings: sum.warnings,
  }), '');

  if (unaudited.count > 0) {
    out.push(`**${t('md.unaudited', { n: unaudited.count })}**`, '');
    for (const s of unaudited.items) {
      out.push(`- ${mdText(siteLabel(s))}: ${mdText(s.error?.code ?? 'error', 60)} — ${mdText(siteErrorText(s.error, options.lang))}`);
    }
    out.push('');
  }

  if (failingRules.length === 0 && sum.findings === 0) {
    out.push(t('md.noFindings'), '');
  } else {
    out.push(`| ${t('site')} | ${failingRules.map((id) => mdCode(id)).join(' | ')} |`);
    out.push(`|---|${failingRules.map(() => ':-:').join('|')}|`);
    out.push(...flagged.items);
    if (flagged.count > MAX_SITES) out.push('', t('md.moreSites', { n: flagged.count - MAX_SITES }));
    out.push('', `${ICON.pass} ${t('outcomeLong.pass')} · ${ICON.fail} ${t('outcomeLong.fail')} · ${ICON['not-applicable']} ${t('outcomeLong.not-applicable')} · ${ICON.error} ${t('outcomeLong.error')}`, '');

    const total = errors.count + others.count;
    if (total > 0) {
      out.push(`### ${t('md.topFindings')}`, '');
      for (const { site, finding } of [...errors.items, ...others.items].slice(0, MAX_FINDINGS)) {
        const icon = finding.severity === 'error' ? '❌' : '⚠️';
        const title = ruleInfo(finding.rule, options.lang).failureTitle;
        out.push(`- ${icon} **${mdText(siteLabel(site), 80)}** · ${mdText(title, 120)} (${mdCode(finding.rule)}): ${mdText(findingText(finding, options.lang))}`);
      }
      if (total > MAX_FINDINGS) out.push('', t('md.more', { n: total - MAX_FINDINGS }));
      out.push('');
    }
  }
  if (policyLines.count > 0) {
    out.push(`### ${t('md.policy')}`, '', ...policyLines.items);
    if (policyLines.count > MAX_FINDINGS) out.push('', t('md.more', { n: policyLines.count - MAX_FINDINGS }));
    out.push('');
  }
  let text = out.join('\n');
  if (text.length > MAX_CHARS) text = text.slice(0, text.lastIndexOf('\n', MAX_CHARS)) + '\n\n…\n';
  yield text;
}
