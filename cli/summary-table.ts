/**
 * The table printed at the end of a crawl: site, banner/consent manager, cookies, failing rules.
 * Above TABLE_LIMIT sites only their number: a terminal is no place for a long list's table (the
 * report files hold every site), and the sites stay read one at a time.
 *
 * @example
 *   console.log(summaryTable(report));
 *   io.stdout(summaryText(source, count));   // the table, or a line when there are too many sites
 */
import type { Report, ReportSource, SiteAudit } from '../src/model.ts';
import { terminalSafe } from './safe-text.ts';
import { failingRuleIds, isFailingSite } from '../src/site-verdict.ts';
import { jarKey } from '../src/cookie-key.ts';

function row(site: SiteAudit): string[] {
  const url = terminalSafe(site.finalUrl || site.url, 60);
  if (site.status === 'error') return [url, '-', '-', `error: ${terminalSafe(site.error?.code, 40)}`];
  const banner = site.banner.detected ? terminalSafe(site.banner.cmp ?? site.banner.method ?? 'yes', 30) : 'none';
  const cookies = new Set(site.cookies.map(jarKey)).size;
  const failing = failingRuleIds(site);
  return [url, banner, String(cookies), failing.length ? terminalSafe(failing.join(', '), 200) : '-'];
}

export function summaryTable(report: Report): string {
  const rows = [['site', 'banner', 'cookies', 'failing rules'], ...report.sites.map(row)];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  const errors = report.sites.filter((s) => s.status === 'error').length;
  const failing = report.sites.filter(isFailingSite).length;
  return [
    line(rows[0]), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line), '',
    `${report.sites.length} site${report.sites.length === 1 ? '' : 's'}: ${failing} failing at least one rule, ${errors} could not be audited.`,
  ].join('\n');
}

export const TABLE_LIMIT = 1000;

/** What `crawl` and `queue report` print before the report files: the table between blank lines, or the count. */
export function summaryText(report: ReportSource, count: number): string {
  if (count > TABLE_LIMIT) return `\n${count} sites in the report (table left out above ${TABLE_LIMIT}: see the report files).\n\n`;
  return `\n${summaryTable({ ...report, sites: [...report.sites] })}\n\n`;
}
