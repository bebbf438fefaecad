/**
 * The policy vocabulary (knowledge/policy-vocabulary.json) typed, plus its compiled form. Core
 * functions take the vocabulary as an argument (tldts style), so callers and tests can pass their own.
 *
 * @example extractClaims(html, POLICY_VOCABULARY)
 */
import { POLICY_VOCABULARY } from '../knowledge/index.ts';
import type { StatementKind, VendorCategory } from './types.ts';

type PolicyKind = 'cookie-policy' | 'privacy-policy' | 'legal-notice';
interface Described { description: string; source: string }

export interface PolicyVocabulary {
  description: string;
  policyLinks: Described & {
    text: Array<{ term: string; lang: 'fr' | 'en'; kind: PolicyKind; score: number }>;
    url: Array<{ term: string; kind: PolicyKind; score: number }>;
    commonPaths: string[];
  };
  verification: Described & { terms: string[]; minTerms: number; minChars: number };
  text: Described & {
    abbreviations: string[]; bullets: string[]; cookieWords: string[]; lifetimeCues: string[];
    dataRetentionCues: string[]; sessionTerms: string[]; persistentTerms: string[];
  };
  numbers: Described & { words: Record<string, number> };
  durations: Described & {
    units: Array<{ unit: 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year'; days: number; words: string[] }>;
    betweenStart: string[]; betweenJoin: string[]; toJoin: string[]; sumJoin: string[];
  };
  vendors: Described & {
    entries: Array<{ name: string; category: VendorCategory; product: boolean; aliases: string[] }>;
    trackingWords: string[]; blockers: string[]; blockerWindow: number;
  };
  negation: Described & { words: string[]; clauseBreaks: string[]; exceptionWords: string[]; exemptExceptionWords: string[] };
  statements: Described & {
    kinds: Array<{ kind: StatementKind; negatable: boolean; exceptions?: boolean; patterns: string[]; exclude: string[] }>;
  };
  consentValidity: Described & { patterns: string[] };
  categories: Described & { entries: Array<{ category: VendorCategory; patterns: string[] }> };
  hosts: Described & { cues: string[]; minListItems: number };
  instructions: Described & { browsers: string[]; headingWords: string[]; words: string[] };
  tables: Described & {
    columns: { name: string[]; purpose: string[]; lifetime: string[]; provider: string[] };
    headingSelectors: string[];
    declarationContainers: string[];
    rowSelectors: Array<{ tool: string; container: string; row: string; name: string; lifetime: string; purpose?: string; provider?: string; providerScope?: string }>;
    listSeparators: string[];
  };
  cleaning: Described & {
    removeSelectors: string[]; bannerSelectors: string[]; bannerHintWords: string[]; bannerButtonWords: string[]; bannerMaxChars: number;
  };
}

/** The bundled vocabulary. */
export { POLICY_VOCABULARY };

const LETTER = '[\\p{L}\\p{N}_]';

/** Escapes a literal for a RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\\/]/g, '\\$&');
}

/**
 * Compiles a vocabulary pattern with the 'iu' flags, making `\b` and `\w` Unicode-aware
 * ('anonymisée\b' must end after the é).
 */
export function compilePattern(source: string, flags = 'iu'): RegExp {
  const boundary = `(?:(?<=${LETTER})(?!${LETTER})|(?<!${LETTER})(?=${LETTER}))`;
  const converted = source.replace(/\\\\|\\b|\\w/g, (m) => (m === '\\b' ? boundary : m === '\\w' ? LETTER : m));
  return new RegExp(converted, flags);
}

/**
 * A regex matching any of the words as whole words (letters or digits may not touch either end,
 * unless the word itself starts or ends with a non-letter such as "n'"). Longest first.
 */
export function wordsPattern(words: readonly string[], flags = 'giu'): RegExp {
  const sorted = [...new Set(words)].sort((a, b) => b.length - a.length);
  const alts = sorted.map((w) => {
    const body = escapeRegExp(w.toLowerCase()).replace(/ /g, '\\s+');
    const start = /^[\p{L}\p{N}]/u.test(w) ? `(?<!${LETTER})` : '';
    const end = /[\p{L}\p{N}]$/u.test(w) ? `(?!${LETTER})` : '';
    return `${start}${body}${end}`;
  });
  return new RegExp(`(?:${alts.join('|')})`, flags);
}

/** Whether the text holds one of the words as a whole word. */
export function hasWord(text: string, re: RegExp): boolean {
  re.lastIndex = 0;
  const found = re.test(text);
  re.lastIndex = 0;
  return found;
}

export interface CompiledVocabulary {
  vocab: PolicyVocabulary;
  cookieWords: RegExp;
  lifetimeCues: RegExp;
  dataRetentionCues: RegExp;
  sessionTerms: RegExp;
  persistentTerms: RegExp;
  negation: RegExp;
  exceptionWords: RegExp;
  exemptExceptionWords: RegExp;
  statements: Array<{ kind: StatementKind; negatable: boolean; exceptions: boolean; patterns: RegExp[]; exclude: RegExp | null }>;
  consentValidity: RegExp[];
  categories: Array<{ category: VendorCategory; patterns: RegExp[] }>;
  vendorAliases: RegExp;
  aliasToVendor: Map<string, { name: string; category: VendorCategory; product: boolean }>;
  trackingWords: RegExp;
  blockers: RegExp;
  hostCues: RegExp;
  browsers: RegExp;
  instructionHeadingWords: RegExp;
  instructionWords: RegExp;
}

/** `compile`, run once per vocabulary object (the bundled one, or a test's own). */
export function perVocabulary<T>(compile: (vocab: PolicyVocabulary) => T): (vocab: PolicyVocabulary) => T {
  const cache = new WeakMap<PolicyVocabulary, T>();
  return (vocab) => {
    let compiled = cache.get(vocab);
    if (compiled === undefined) cache.set(vocab, (compiled = compile(vocab)));
    return compiled;
  };
}

/** The vocabulary's regexes, compiled once per vocabulary object. */
export const compileVocabulary = perVocabulary((vocab): CompiledVocabulary => {
  const aliasToVendor = new Map<string, { name: string; category: VendorCategory; product: boolean }>();
  for (const v of vocab.vendors.entries) {
    for (const a of v.aliases) aliasToVendor.set(a.toLowerCase(), { name: v.name, category: v.category, product: v.product });
  }
  const compiled: CompiledVocabulary = {
    vocab,
    cookieWords: wordsPattern(vocab.text.cookieWords),
    lifetimeCues: wordsPattern(vocab.text.lifetimeCues),
    dataRetentionCues: wordsPattern(vocab.text.dataRetentionCues),
    sessionTerms: wordsPattern(vocab.text.sessionTerms),
    persistentTerms: wordsPattern(vocab.text.persistentTerms),
    negation: wordsPattern(vocab.negation.words),
    exceptionWords: wordsPattern(vocab.negation.exceptionWords),
    exemptExceptionWords: wordsPattern(vocab.negation.exemptExceptionWords),
    statements: vocab.statements.kinds.map((k) => ({
      kind: k.kind,
      negatable: k.negatable,
      exceptions: k.exceptions ?? false,
      patterns: k.patterns.map((p) => compilePattern(p)),
      exclude: k.exclude.length ? wordsPattern(k.exclude) : null,
    })),
    consentValidity: vocab.consentValidity.patterns.map((p) => compilePattern(p)),
    categories: vocab.categories.entries.map((c) => ({ category: c.category, patterns: c.patterns.map((p) => compilePattern(p)) })),
    vendorAliases: wordsPattern([...aliasToVendor.keys()]),
    aliasToVendor,
    trackingWords: wordsPattern(vocab.vendors.trackingWords),
    blockers: wordsPattern(vocab.vendors.blockers),
    hostCues: wordsPattern(vocab.hosts.cues),
    browsers: wordsPattern(vocab.instructions.browsers),
    instructionHeadingWords: wordsPattern(vocab.instructions.headingWords),
    instructionWords: wordsPattern(vocab.instructions.words),
  };
  return compiled;
});
