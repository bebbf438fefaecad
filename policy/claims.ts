/**
 * Reads the claims of a privacy or cookie policy (issue #16), by rules, in French and English.
 * Every claim quotes its sentence (or table row) and names its section. What makes a claim:
 *
 * - statements (no cookies before consent, no cookies at all, IP anonymised, banner, implied
 *   consent): a vocabulary pattern, no exclude word; negatable kinds are dropped when a negation word
 *   sits in the same clause (PolicyLint); the no-cookies kinds keep an exception clause only when it
 *   names strictly necessary cookies;
 * - consent validity: a consent-keeping cue and a duration;
 * - cookie lifetime: a cookie word, a lifetime cue and a duration, with the cookie word before any
 *   data-retention word ('vos données sont conservées 3 ans' is data retention), scope a vendor or
 *   a cookie name when the sentence names one;
 * - vendor: a known alias, not next to a blocker ('LinkedIn profile'), not negated, and either a
 *   tracking product itself or with a tracking word in the sentence;
 * - category: an unnamed kind of provider, when no vendor is named in the sentence;
 * - hosts: a run of list items that are all host names, or a sentence with a host cue and hosts;
 * - cookie-declared: the rows of cookie tables (policy/tables.ts).
 *
 * Sentences that are browser-settings instructions give nothing.
 *
 * @example extractClaimsFromText('Cookies are stored for 13 months.', POLICY_VOCABULARY)
 *   // [{ kind: 'cookie-lifetime', maxDays: 395.68, scope: 'all', quote: 'Cookies are stored for 13 months.', section: '' }]
 */
import * as cheerio from 'cheerio';
import { removeNonPolicy } from './clean.ts';
import { findDuration } from './duration.ts';
import { htmlBlocks, sentencesOf, textBlocks, type Block } from './sections.ts';
import { extractCookieTables } from './tables.ts';
import type { ExtractOptions, PolicyClaim, Sentence, VendorCategory } from './types.ts';
import { compileVocabulary, escapeRegExp, hasWord, type CompiledVocabulary, type PolicyVocabulary } from './vocabulary.ts';

/** Claims of an HTML policy page. */
export function extractClaims(html: string, vocab: PolicyVocabulary, _opts: ExtractOptions = {}): PolicyClaim[] {
  const $ = cheerio.load(html);
  removeNonPolicy($, vocab);
  const tableClaims = extractCookieTables($, vocab);
  const blocks = htmlBlocks($, vocab);
  return dedupe([...tableClaims, ...claimsOfBlocks(blocks, vocab)]);
}

/** Claims of a plain-text policy. */
export function extractClaimsFromText(text: string, vocab: PolicyVocabulary): PolicyClaim[] {
  return dedupe(claimsOfBlocks(textBlocks(text, vocab), vocab));
}

/** Claims of already split pieces of text. */
export function claimsOfBlocks(blocks: readonly Block[], vocab: PolicyVocabulary): PolicyClaim[] {
  const c = compileVocabulary(vocab);
  const claims: PolicyClaim[] = [...hostLists(blocks, vocab)];
  for (const s of sentencesOf(blocks, vocab)) claims.push(...claimsOfSentence(s, c));
  return claims;
}

const HOST = /(?<![\p{L}\p{N}@._\/-])((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,})(?![\p{L}\p{N}_@-]|\.[a-z0-9])/giu;

function hostsIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(HOST)) {
    const h = m[1]!.toLowerCase();
    if (!out.includes(h)) out.push(h);
  }
  return out;
}

/** Runs of list items that are each one host name. */
function hostLists(blocks: readonly Block[], vocab: PolicyVocabulary): PolicyClaim[] {
  const claims: PolicyClaim[] = [];
  let run: Block[] = [];
  const end = () => {
    if (run.length >= vocab.hosts.minListItems) {
      const list = run.map((b) => b.text.toLowerCase());
      claims.push({ kind: 'hosts', list, quote: run.map((b) => b.text).join(', '), section: run[0]!.section });
    }
    run = [];
  };
  for (const b of blocks) {
    const t = b.text.replace(/[;,.]$/, '');
    const hosts = hostsIn(t);
    if (b.item && hosts.length === 1 && hosts[0] === t.toLowerCase()) run.push({ ...b, text: t });
    else end();
  }
  end();
  return claims;
}

function clauseAround(text: string, start: number, end: number, c: CompiledVocabulary): string {
  const breaks = c.vocab.negation.clauseBreaks;
  let from = 0;
  let to = text.length;
  for (const br of breaks) {
    const before = text.lastIndexOf(br, start - 1);
    if (before >= 0) from = Math.max(from, before + br.length);
    const after = text.indexOf(br, end);
    if (after >= 0) to = Math.min(to, after);
  }
  return text.slice(from, to);
}

function isInstruction(s: Sentence, lower: string, c: CompiledVocabulary): boolean {
  const aboutBrowsers = hasWord(lower, c.browsers) || hasWord(s.section.toLowerCase(), c.instructionHeadingWords);
  return aboutBrowsers && hasWord(lower, c.instructionWords);
}

function firstIndex(text: string, re: RegExp): number {
  re.lastIndex = 0;
  const m = re.exec(text);
  re.lastIndex = 0;
  return m ? m.index : -1;
}

/** Claims of one sentence. */
export function claimsOfSentence(s: Sentence, c: CompiledVocabulary): PolicyClaim[] {
  const text = s.text;
  const lower = text.toLowerCase();
  const ev = { quote: text, section: s.section };
  if (isInstruction(s, lower, c)) return [];
  const claims: PolicyClaim[] = [];

  // Statements.
  for (const st of c.statements) {
    if (st.exclude && hasWord(lower, st.exclude)) continue;
    for (const re of st.patterns) {
      const m = re.exec(lower);
      if (!m) continue;
      if (st.negatable && hasWord(clauseAround(lower, m.index, m.index + m[0].length, c), c.negation)) continue;
      if (st.exceptions) {
        const rest = lower.slice(m.index);
        const ex = firstIndex(rest, c.exceptionWords);
        if (ex >= 0 && !hasWord(rest.slice(ex), c.exemptExceptionWords)) continue;
      }
      claims.push({ kind: st.kind, ...ev });
      break;
    }
  }

  // Vendors.
  const vendors = vendorsIn(lower, c);
  for (const v of vendors) claims.push({ kind: 'vendor', name: v.name, category: v.category, ...ev });

  // Consent validity, then cookie lifetime.
  const duration = findDuration(lower, c.vocab);
  const consentCue = c.consentValidity.some((re) => re.test(lower));
  if (duration && consentCue) claims.push({ kind: 'consent-validity', maxDays: duration.maxDays, ...ev });
  else if (duration && hasWord(lower, c.cookieWords) && hasWord(lower, c.lifetimeCues)) {
    const before = lower.slice(0, duration.start);
    const cookieAt = firstIndex(before, c.cookieWords);
    const dataAt = firstIndex(before, c.dataRetentionCues);
    if (cookieAt >= 0 && (dataAt < 0 || cookieAt < dataAt)) {
      const cookieName = /(?<![\p{L}\p{N}_])([A-Za-z0-9]*_[A-Za-z0-9_.*]*[A-Za-z0-9*])/u.exec(text.slice(0, duration.start));
      const scope = cookieName ? { cookie: cookieName[1]! } : vendors.length === 1 ? { vendor: vendors[0]!.name } : 'all' as const;
      claims.push({ kind: 'cookie-lifetime', maxDays: duration.maxDays, ...(duration.minDays !== undefined ? { minDays: duration.minDays } : {}), scope, ...ev });
    }
  }

  // Categories: a provider without a name.
  if (!vendors.length) {
    for (const cat of c.categories) {
      for (const re of cat.patterns) {
        const m = re.exec(lower);
        if (!m || hasWord(clauseAround(lower, m.index, m.index + m[0].length, c), c.negation)) continue;
        claims.push({ kind: 'category', category: cat.category, ...ev });
        break;
      }
    }
  }

  // Hosts named in a sentence.
  if (hasWord(lower, c.hostCues)) {
    const hosts = hostsIn(lower);
    if (hosts.length) claims.push({ kind: 'hosts', list: hosts, ...ev });
  }
  return claims;
}

interface FoundVendor { name: string; category: VendorCategory }

function vendorsIn(lower: string, c: CompiledVocabulary): FoundVendor[] {
  const found: FoundVendor[] = [];
  const tracking = hasWord(lower, c.trackingWords);
  const window = c.vocab.vendors.blockerWindow;
  c.vendorAliases.lastIndex = 0;
  for (let m = c.vendorAliases.exec(lower); m; m = c.vendorAliases.exec(lower)) {
    const v = c.aliasToVendor.get(m[0].replace(/\s+/g, ' '));
    if (!v) continue;
    const start = m.index;
    const end = start + m[0].length;
    const wordsBefore = lower.slice(0, start).split(/\s+/).filter(Boolean).slice(-window).join(' ');
    const wordsAfter = lower.slice(end).split(/\s+/).filter(Boolean).slice(0, window).join(' ');
    if (hasWord(wordsBefore, c.blockers) || hasWord(wordsAfter, c.blockers)) continue;
    if (hasWord(clauseAround(lower, start, end, c), c.negation)) continue;
    if (!v.product && !tracking) continue;
    if (!found.some((f) => f.name === v.name)) found.push({ name: v.name, category: v.category });
  }
  c.vendorAliases.lastIndex = 0;
  return found;
}

function claimKey(cl: PolicyClaim): string {
  const { quote, section, ...rest } = cl;
  return `${JSON.stringify(rest)}\u0000${quote}`;
}

function dedupe(claims: PolicyClaim[]): PolicyClaim[] {
  const seen = new Set<string>();
  return claims.filter((cl) => {
    const k = claimKey(cl);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export { escapeRegExp };
