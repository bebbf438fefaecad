/**
 * Cookie tables: HTML `table`s whose header names a cookie-name column and a lifetime, purpose or
 * provider column (in French or English), `dl` lists of cookie names with their details, and the
 * declaration markup of consent tools — Cookiebot's CookieDeclaration tables and OneTrust's cookie
 * list (#ot-sdk-cookie-policy) are tables; Complianz's div grid (.cmplz-cookies-overview) is read
 * through the vocabulary's rowSelectors. Each row gives a `cookie-declared` claim; the tables read
 * are removed from the document so their text is not read again as prose.
 *
 * Cookie names with placeholders become wildcards: '_ga_XXXXXXX', '_ga_<id>', '_ga_#', '_ga_[ID]',
 * '_ga_{id}' → '_ga_*'.
 *
 * @example cookieNamePattern('_ga_XXXXXXX') // '_ga_*'
 */
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { parseLifetime } from './duration.ts';
import { matchForm, normaliseText } from './normalise.ts';
import type { CookieDeclaredClaim } from './types.ts';
import { compileVocabulary, escapeRegExp, hasWord, type PolicyVocabulary } from './vocabulary.ts';

type Column = 'name' | 'purpose' | 'lifetime' | 'provider';
const COLUMNS: Column[] = ['name', 'lifetime', 'provider', 'purpose'];

/** Turns placeholders in a declared cookie name into '*'. */
export function cookieNamePattern(raw: string): string {
  return normaliseText(raw)
    .replace(/<[^>]*>|\[[^\]]*\]|\{[^}]*\}|#+|X{3,}|x{4,}/g, '*')
    .replace(/\*+/g, '*')
    .trim();
}

const COOKIE_NAME = /^[\p{L}\p{N}_.\-*#<>\[\]{}:$|@%+=]+$/u;

/** Whether a string can be a cookie name (one token, not too long). */
export function looksLikeCookieName(s: string): boolean {
  return s.length > 0 && s.length <= 80 && COOKIE_NAME.test(s);
}

/** Text of an element with spaces at element boundaries and line breaks at <br>. */
export function cellText($: CheerioAPI, el: AnyNode): string {
  const parts: string[] = [];
  const walk = (n: AnyNode) => {
    if (n.type === 'text') parts.push((n as unknown as { data: string }).data);
    else if (n.type === 'tag') {
      const e = n as Element;
      if (e.tagName === 'br') { parts.push('\n'); return; }
      parts.push(' ');
      for (const c of e.children) walk(c);
      parts.push(' ');
    }
  };
  walk(el);
  return parts.join('').split('\n').map((l) => normaliseText(l)).filter(Boolean).join('\n');
}

/** Which column a header cell names, with a score (exact match beats containment, longer beats shorter). */
function classifyHeader(text: string, vocab: PolicyVocabulary): Array<{ column: Column; score: number }> {
  const t = matchForm(text);
  const out: Array<{ column: Column; score: number }> = [];
  for (const column of COLUMNS) {
    let best = 0;
    for (const w of vocab.tables.columns[column]) {
      const word = w.toLowerCase();
      if (t === word) best = Math.max(best, 1000 + word.length);
      else if (new RegExp(`(?<![\\p{L}])${escapeRegExp(word)}(?![\\p{L}])`, 'u').test(t)) best = Math.max(best, word.length);
    }
    if (best) out.push({ column, score: best });
  }
  return out;
}

/** Maps header cells to columns: each column takes its best-scoring header, each header one column. */
export function mapColumns(headers: readonly string[], vocab: PolicyVocabulary): Partial<Record<Column, number>> {
  const candidates = headers.flatMap((h, index) => classifyHeader(h, vocab).map((c) => ({ ...c, index })));
  candidates.sort((a, b) => b.score - a.score);
  const map: Partial<Record<Column, number>> = {};
  const used = new Set<number>();
  for (const c of candidates) {
    if (map[c.column] !== undefined || used.has(c.index)) continue;
    map[c.column] = c.index;
    used.add(c.index);
  }
  return map;
}

function isCookieTable(map: Partial<Record<Column, number>>): boolean {
  return map.name !== undefined && (map.lifetime !== undefined || map.purpose !== undefined || map.provider !== undefined);
}

/** The canonical vendor a provider text names, else its first line. */
function vendorOf(text: string, vocab: PolicyVocabulary): string | undefined {
  const c = compileVocabulary(vocab);
  const t = text.toLowerCase();
  c.vendorAliases.lastIndex = 0;
  const m = c.vendorAliases.exec(t);
  c.vendorAliases.lastIndex = 0;
  if (m) return c.aliasToVendor.get(m[0].replace(/\s+/g, ' '))?.name;
  const first = text.split('\n')[0]?.trim();
  return first ? first : undefined;
}

function splitList(text: string, vocab: PolicyVocabulary): string[] {
  const seps = vocab.tables.listSeparators.map(escapeRegExp).join('|');
  return text.split(new RegExp(seps, 'u')).map((s) => s.trim()).filter(Boolean);
}

/** Nearest heading before an element (caption first), '' when none. */
export function nearestHeading($: CheerioAPI, el: Element, vocab: PolicyVocabulary): string {
  const sel = vocab.tables.headingSelectors.join(', ');
  const caption = $(el).children('caption').first();
  if (caption.length && normaliseText(caption.text())) return normaliseText(caption.text());
  let cur: Element | null = el;
  while (cur) {
    let prev = $(cur).prev();
    while (prev.length) {
      if (prev.is(sel)) return normaliseText(prev.text());
      const inner = prev.find(sel).last();
      if (inner.length) return normaliseText(inner.text());
      prev = prev.prev();
    }
    const parentNode: Element | undefined = $(cur).parent().get(0) as Element | undefined;
    cur = parentNode && parentNode.type === 'tag' ? parentNode : null;
  }
  return '';
}

interface RowParts { names: string; lifetime?: string; purpose?: string; provider?: string; quote: string; section: string }

function rowClaims(parts: RowParts, vocab: PolicyVocabulary): CookieDeclaredClaim[] {
  const names = splitList(parts.names.replace(/\n/g, ','), vocab).filter(looksLikeCookieName);
  if (!names.length) return [];
  const lifetimes = parts.lifetime ? splitList(parts.lifetime.replace(/\n/g, ','), vocab) : [];
  const paired = lifetimes.length === names.length && names.length > 1;
  const vendor = parts.provider ? vendorOf(parts.provider, vocab) : undefined;
  const purpose = parts.purpose ? normaliseText(parts.purpose.replace(/\n/g, ' ')) : undefined;
  return names.map((n, i) => {
    const lifetime = parseLifetime(paired ? lifetimes[i]! : (parts.lifetime ?? '').replace(/\n/g, ' '), vocab);
    const claim: CookieDeclaredClaim = { kind: 'cookie-declared', name: cookieNamePattern(n), quote: parts.quote, section: parts.section };
    if (lifetime && 'session' in lifetime) claim.session = true;
    else if (lifetime) claim.lifetimeDays = lifetime.maxDays;
    if (purpose) claim.purpose = purpose;
    if (vendor) claim.vendor = vendor;
    return claim;
  });
}

/** Reads the cookie tables, lists and declarations, removes them from the document, returns their rows. */
export function extractCookieTables($: CheerioAPI, vocab: PolicyVocabulary): CookieDeclaredClaim[] {
  const c = compileVocabulary(vocab);
  const claims: CookieDeclaredClaim[] = [];

  // Consent tools' div grids.
  for (const rs of vocab.tables.rowSelectors) {
    $(rs.container).each((_, container) => {
      $(container).find(rs.row).each((__, row) => {
        const $row = $(row);
        const names = $row.find(rs.name).toArray().map((e) => cellText($, e));
        const lifetimes = $row.find(rs.lifetime).toArray().map((e) => cellText($, e));
        const purposes = rs.purpose ? $row.find(rs.purpose).toArray().map((e) => cellText($, e)) : [];
        const provider = rs.provider ? cellText($, ($row.closest(rs.providerScope ?? rs.container).find(rs.provider).get(0) ?? row) as AnyNode) : undefined;
        const section = nearestHeading($, row as Element, vocab);
        names.forEach((name, i) => {
          const quote = [name, purposes[i], lifetimes[i]].filter(Boolean).join(' | ');
          claims.push(...rowClaims({ names: name, lifetime: lifetimes[i], purpose: purposes[i], provider, quote, section }, vocab));
        });
      });
      $(container).find(rs.row).remove();
    });
  }

  // Tables.
  $('table').each((_, table) => {
    const rows = $(table).find('tr').toArray();
    const headerIndex = rows.findIndex((r) => $(r).children('th').length > 0);
    const hi = headerIndex >= 0 ? headerIndex : 0;
    const header = rows[hi];
    if (!header) return;
    const map = mapColumns($(header).children('th, td').toArray().map((h) => cellText($, h)), vocab);
    if (!isCookieTable(map)) return;
    const section = nearestHeading($, table as Element, vocab);
    for (const row of rows.slice(hi + 1)) {
      const cells = $(row).children('td, th').toArray().map((td) => cellText($, td));
      if (!cells.length) continue;
      const at = (col: Column) => (map[col] !== undefined ? cells[map[col]!] : undefined);
      const quote = cells.map((t) => t.replace(/\n/g, ' ')).join(' | ');
      claims.push(...rowClaims({ names: at('name') ?? '', lifetime: at('lifetime'), purpose: at('purpose'), provider: at('provider'), quote, section }, vocab));
    }
    $(table).remove();
  });

  // Definition lists: dt = cookie name, dd = its details with a lifetime word.
  $('dl').each((_, dl) => {
    const pairs: Array<{ dt: string; dd: string }> = [];
    let current: string | null = null;
    $(dl).children('dt, dd').each((__, e) => {
      if ((e as Element).tagName === 'dt') current = cellText($, e);
      else if (current !== null) pairs.push({ dt: current, dd: cellText($, e) });
    });
    const lifetimeWords = new RegExp(vocab.tables.columns.lifetime.map((w) => escapeRegExp(w.toLowerCase())).join('|'), 'u');
    const isCookieList = pairs.length > 0 && pairs.every((p) => looksLikeCookieName(p.dt))
      && pairs.some((p) => lifetimeWords.test(p.dd.toLowerCase()) || hasWord(p.dd.toLowerCase(), c.sessionTerms));
    if (!isCookieList) return;
    const section = nearestHeading($, dl as Element, vocab);
    for (const p of pairs) {
      const dd = p.dd.replace(/\n/g, ' ');
      const lifetimeAt = dd.toLowerCase().search(lifetimeWords);
      c.vendorAliases.lastIndex = 0;
      const vendorHit = c.vendorAliases.exec(dd.toLowerCase());
      c.vendorAliases.lastIndex = 0;
      claims.push(...rowClaims({
        names: p.dt,
        lifetime: lifetimeAt >= 0 ? dd.slice(lifetimeAt) : dd,
        provider: vendorHit ? vendorHit[0] : undefined,
        quote: `${p.dt} | ${dd}`,
        section,
      }, vocab));
    }
    $(dl).remove();
  });
  return claims;
}
