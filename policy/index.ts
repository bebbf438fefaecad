/**
 * The policy extractor's public API (issue #16): pure, browser-free; every function takes the
 * vocabulary as an argument (POLICY_VOCABULARY is the bundled one).
 *
 * @example
 *   import { extractClaims, POLICY_VOCABULARY } from '../policy/index.ts';
 *   extractClaims(html, POLICY_VOCABULARY).filter((c) => c.kind === 'cookie-declared');
 */
export { extractClaims, extractClaimsFromText, claimsOfSentence } from './claims.ts';
export { cleanHtml, removeNonPolicy } from './clean.ts';
export { findDuration, findDurations, parseLifetime, type DurationRange, type Lifetime } from './duration.ts';
export { normaliseText, normaliseBlock, matchForm } from './normalise.ts';
export { htmlBlocks, textBlocks, splitSentences, sentencesOf, type Block } from './sections.ts';
export { extractCookieTables, cookieNamePattern, looksLikeCookieName, mapColumns } from './tables.ts';
export { POLICY_VOCABULARY, compileVocabulary, type PolicyVocabulary } from './vocabulary.ts';
export * from './types.ts';
