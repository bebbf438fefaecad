/**
 * Every cookie as CSV, one row per cookie per phase per site (RFC 4180: CRLF, quoted fields),
 * with cells that a spreadsheet would run as a formula neutralised by a leading quote.
 *
 * @example
 *   csvChunks(report, { lang: 'en', includeValues: false }).next().value; // 'site,final_url,phase,name,…\r\n'
 */
import type { ReportCookie, ReportSource, SiteAudit } from '../src/model.ts';
import { declaredLifetimeSeconds, storedLifetimeSeconds } from './lifetime-text.ts';
import { inertText } from './inert-text.ts';
import { reasonText } from './sentences.ts';
import type { RenderOptions } from './render-options.ts';

type Cell = string | number | boolean | null | undefined;

const COLUMNS: Array<[string, (c: ReportCookie, site: SiteAudit, o: RenderOptions) => Cell]> = [
  ['site', (_c, s) => s.url],
  ['final_url', (_c, s) => s.finalUrl],
  ['phase', (c) => c.phase],
  ['name', (c) => c.name],
  ['value', (c, _s, o) => (o.includeValues ? c.value : null)],
  ['domain', (c) => c.domain],
  ['host_only', (c) => c.hostOnly],
  ['path', (c) => c.path],
  ['party', (c) => c.party],
  ['source', (c) => c.source],
  ['set_by', (c) => c.setterUrl],
  ['frame_url', (c) => c.frameUrl],
  ['set_at', (c) => c.setAt],
  ['declared_max_age', (c) => c.declaredMaxAge],
  ['declared_expires', (c) => c.declaredExpires],
  ['declared_lifetime_days', (c) => days(declaredLifetimeSeconds(c))],
  ['stored_expires', (c) => c.storedExpires],
  ['stored_lifetime_days', (c) => days(storedLifetimeSeconds(c))],
  ['secure', (c) => c.secure],
  ['http_only', (c) => c.httpOnly],
  ['same_site', (c) => c.sameSite],
  ['exempt', (c) => c.exemption?.exempt],
  ['exempt_category', (c) => c.exemption?.category],
  ['exempt_reason', (c, _s, o) => reasonText(c.exemption, o.lang)],
  ['matched_by', (c) => c.exemption?.matchedBy],
  ['known_platform', (c) => c.exemption?.known?.platform],
  ['known_category', (c) => c.exemption?.known?.category],
  ['findings', (c, s) => findingRules(c, s)],
  ['policy_declared_by', (c) => c.policy?.declaredBy ?? (c.policy ? 'none' : null)],
  ['policy_claimed_days', (c) => (c.policy?.claimedDays === null || c.policy?.claimedDays === undefined ? null : Math.round(c.policy.claimedDays * 10) / 10)],
  ['policy_claimed_session', (c) => c.policy?.claimedSession],
  ['policy_quote', (c) => c.policy?.quote],
  ['policy_url', (c) => c.policy?.policyUrl],
];

const days = (seconds: number | null): number | null => (seconds === null ? null : Math.round((seconds / 86_400) * 10) / 10);

/** Rule ids of the findings about this cookie in this phase (or phase-less findings about it). */
function findingRules(c: ReportCookie, site: SiteAudit): string {
  const ids = site.findings
    .filter((f) => f.cookie === c.name && (!f.domain || f.domain === c.domain) && (!f.phase || f.phase === c.phase))
    .map((f) => f.rule);
  return [...new Set(ids)].join(' ');
}

// OWASP CSV injection: = + - @ start a formula, and tab or CR before them; Excel also reads the
// full-width ＝ ＋ － ＠ (U+FF1D, U+FF0B, U+FF0D, U+FF20) as formula starts, and ignores leading spaces.
const FORMULA_START = /^[\t\r]|^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;
// French (and other `;`-list locales) Excel splits on `;`, others on `,` or tab: any of them, a quote
// or a line break makes the field quoted, so `https://a.example/p;=1+1` stays one inert cell.
const NEEDS_QUOTES = /[",;\t\r\n]/;

/**
 * One CSV field: control characters dropped, formula-looking text gets a leading `'`, then RFC 4180
 * quoting when the text holds a separator of any locale, a quote, a line break or edge spaces.
 */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // French Excel splits every line on `;` and honours quotes only at the start of a piece, so the
  // text after a `;` (or a tab) inside a cell is a cell of its own there: neutralised too.
  const clean = inertText(value).replace(/([;\t][\s"]*)(?=[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/g, "$1'");
  let text = FORMULA_START.test(clean) ? `'${clean}` : clean;
  if (NEEDS_QUOTES.test(text) || text !== text.trim()) text = `"${text.replace(/"/g, '""')}"`;
  return text;
}

/** The CSV in pieces: the header line, then one piece per site (its rows), so it can be written as a stream. */
export function* csvChunks(report: ReportSource, options: RenderOptions): Generator<string> {
  yield `${COLUMNS.map(([name]) => name).join(',')}\r\n`;
  for (const site of report.sites) {
    let rows = '';
    for (const cookie of site.cookies) rows += `${COLUMNS.map(([, get]) => csvCell(get(cookie, site, options))).join(',')}\r\n`;
    if (rows !== '') yield rows;
  }
}
