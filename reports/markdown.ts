/**
 * A short Markdown summary for a pull-request comment or a CI step summary: totals, a table of
 * sites × the rules that fail somewhere, and the top findings, capped well under GitHub's 65,536 characters.
 *
 * @example
 *   renderMarkdown(report, { lang: 'en', includeValues: false });
 */
import type { Finding, Report, SiteAudit } from '../src/model.ts';
import { translator } from './i18n.ts';
import type { RenderOptions } from './render-options.ts';
import { ruleInfo } from './rule-info.ts';
import { cellOutcome, siteLabel, totals, type Cell } from './summary.ts';

const MAX_SITES = 30;
const MAX_FINDINGS = 15;
const MAX_TEXT = 200;
const MAX_CHARS = 60_000;

const ICON: Record<Cell, string> = { pass: '✅', fail: '❌', 'not-applicable': '➖', error: '💥', absent: '·' };

/** Text from an audited site made inert: no markup, no link, no table break, one line. */
export function mdText(raw: unknown, max = MAX_TEXT): string {
  let text = String(raw ?? '').replace(/\s+/g, ' ').trim();
  if (text.length > max) text = text.slice(0, max - 1) + '…';
  return text
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')
    // A `:` after a scheme is how GitHub autolinks; breaking `javascript:` keeps it plain text.
    .replace(/\b(javascript|data|vbscript):/gi, '$1&#58;');
}

export function renderMarkdown(report: Report, options: RenderOptions): string {
  const t = translator(options.lang);
  const sum = totals(report);
  const out: string[] = [`## 🍪 ${t('md.title')}`, ''];
  out.push(t('md.totals', {
    sites: sum.sites, audited: sum.audited, failing: sum.sitesFailing, errors: sum.errors, warnings: sum.warnings,
  }), '');

  const unaudited = report.sites.filter((s) => s.status !== 'ok');
  if (unaudited.length > 0) {
    out.push(`**${t('md.unaudited', { n: unaudited.length })}**`, '');
    for (const s of unaudited.slice(0, MAX_SITES)) {
      out.push(`- ${mdText(siteLabel(s))}: ${mdText(s.error?.code ?? 'error', 60)} — ${mdText(s.error?.message ?? '')}`);
    }
    out.push('');
  }

  const failingRules = sum.rules.filter((r) => r.fail > 0 || r.error > 0).map((r) => r.id);
  if (failingRules.length === 0 && sum.findings === 0) {
    out.push(t('md.noFindings'), '');
  } else {
    const flagged = report.sites.filter((s) => failingRules.some((id) => ['fail', 'error'].includes(cellOutcome(s, id))));
    out.push(`| ${t('site')} | ${failingRules.map((id) => `\`${id}\``).join(' | ')} |`);
    out.push(`|---|${failingRules.map(() => ':-:').join('|')}|`);
    for (const site of flagged.slice(0, MAX_SITES)) {
      const cells = failingRules.map((id) => {
        const cell = cellOutcome(site, id);
        const n = site.findings.filter((f) => f.rule === id).length;
        return cell === 'fail' && n > 0 ? `${ICON[cell]} ${n}` : ICON[cell];
      });
      out.push(`| ${mdText(siteLabel(site), 80)} | ${cells.join(' | ')} |`);
    }
    if (flagged.length > MAX_SITES) out.push('', t('md.moreSites', { n: flagged.length - MAX_SITES }));
    out.push('', `${ICON.pass} ${t('outcomeLong.pass')} · ${ICON.fail} ${t('outcomeLong.fail')} · ${ICON['not-applicable']} ${t('outcomeLong.not-applicable')} · ${ICON.error} ${t('outcomeLong.error')}`, '');

    const all: Array<{ site: SiteAudit; finding: Finding }> = report.sites.flatMap((site) => site.findings.map((finding) => ({ site, finding })));
    all.sort((a, b) => Number(b.finding.severity === 'error') - Number(a.finding.severity === 'error'));
    if (all.length > 0) {
      out.push(`### ${t('md.topFindings')}`, '');
      for (const { site, finding } of all.slice(0, MAX_FINDINGS)) {
        const icon = finding.severity === 'error' ? '❌' : '⚠️';
        const title = ruleInfo(finding.rule, options.lang).failureTitle;
        out.push(`- ${icon} **${mdText(siteLabel(site), 80)}** · ${mdText(title, 120)} (\`${mdText(finding.rule, 60)}\`): ${mdText(finding.message)}`);
      }
      if (all.length > MAX_FINDINGS) out.push('', t('md.more', { n: all.length - MAX_FINDINGS }));
      out.push('');
    }
  }
  let text = out.join('\n');
  if (text.length > MAX_CHARS) text = text.slice(0, text.lastIndexOf('\n', MAX_CHARS)) + '\n\n…\n';
  return text;
}
