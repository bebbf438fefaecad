/**
 * Durations in policy text, in days. One calendar rule everywhere: a year is the mean Gregorian
 * year, 365.2425 days, and a month a twelfth of it, 30.436875 days (so '13 mois' = 395.68 days,
 * '2 ans' = 730.49, '25 months' = 760.92). Results are rounded to 2 decimals; rules compare with a
 * tolerance. Units and number words come from the vocabulary's `durations` and `numbers`.
 *
 * - '13 mois', 'treize mois', '2 ans', '25 months', '24h', '6-mois'
 * - 'between 30 days and 12 months', 'entre 1 jour et 2 ans', 'de 30 jours à 13 mois', '30 days to 12 months' → minDays + maxDays
 *   ('between … and' needs its start word; 'to' / 'à' / '-' alone make a range)
 * - '1 an et 1 mois', "d'un an et un mois" → the sum (the second unit smaller than the first)
 * - 'session', 'jusqu'à la fermeture du navigateur' → session (parseLifetime only)
 *
 * @example findDuration('between 30 days and 12 months', POLICY_VOCABULARY) // { minDays: 30, maxDays: 365.24, … }
 */
import { normaliseText } from './normalise.ts';
import { compileVocabulary, escapeRegExp, hasWord, perVocabulary, type PolicyVocabulary } from './vocabulary.ts';

export interface DurationRange {
  maxDays: number;
  minDays?: number;
  /** Where the expression starts and ends in the (normalised, lower-cased) text. */
  start: number;
  end: number;
}

export type Lifetime = { session: true } | { maxDays: number; minDays?: number } | null;

interface Quantity { days: number; unitDays: number; start: number; end: number }

interface DurationMatcher { quantity: RegExp; numbers: Map<string, number>; units: Map<string, number>; betweenStart: RegExp; betweenJoin: RegExp; toJoin: RegExp; sumJoin: RegExp }

const L = '[\\p{L}\\p{N}]';

const matcherFor = perVocabulary((vocab): DurationMatcher => {
  const numbers = new Map(Object.entries(vocab.numbers.words).map(([w, n]) => [w.toLowerCase(), n]));
  const units = new Map<string, number>();
  for (const u of vocab.durations.units) for (const w of u.words) units.set(w.toLowerCase(), u.days);
  const byLength = (a: string, b: string) => b.length - a.length;
  const numberWords = [...numbers.keys()].sort(byLength).map((w) => escapeRegExp(w).replace(/[ -]/g, '[\\s-]'));
  const allUnits = [...units.keys()].sort(byLength).map(escapeRegExp);
  const wordUnits = [...units.keys()].filter((u) => u.length > 1).sort(byLength).map(escapeRegExp);
  // A digit quantity takes any unit ('24h', '30 j'); a number word only a unit longer than one letter.
  const digit = `(\\d+(?:[.,]\\d+)?)\\s*-?\\s*(${allUnits.join('|')})`;
  const word = `(${numberWords.join('|')})(?:\\s*\\(\\d+\\))?\\s+(${wordUnits.join('|')})`;
  const quantity = new RegExp(`(?<!${L})(?:${digit}|${word})(?!${L})`, 'giu');
  const tail = (words: string[]) => new RegExp(`(?:^|\\s)(?:${words.map(escapeRegExp).join('|')})\\s*$`, 'iu');
  const joinRe = (words: string[]) => new RegExp(`^\\s*(?:${words.map(escapeRegExp).join('|')})\\s*$`, 'iu');
  const m: DurationMatcher = {
    quantity, numbers, units,
    betweenStart: tail(vocab.durations.betweenStart),
    betweenJoin: joinRe(vocab.durations.betweenJoin),
    toJoin: joinRe(vocab.durations.toJoin),
    sumJoin: joinRe(vocab.durations.sumJoin),
  };
  return m;
});

const round = (n: number) => Math.round(n * 100) / 100;

function quantities(text: string, m: DurationMatcher): Quantity[] {
  const out: Quantity[] = [];
  m.quantity.lastIndex = 0;
  for (let r = m.quantity.exec(text); r; r = m.quantity.exec(text)) {
    const value = r[1] !== undefined ? Number(r[1].replace(',', '.')) : m.numbers.get(r[3]!.replace(/[\s-]+/g, (s) => (s.includes('-') ? '-' : ' ')));
    const unitWord = (r[2] ?? r[4])!;
    const unitDays = m.units.get(unitWord);
    if (value === undefined || !Number.isFinite(value) || unitDays === undefined) continue;
    out.push({ days: value * unitDays, unitDays, start: r.index, end: r.index + r[0].length });
  }
  return out;
}

/** The first duration expression in the text (a single duration, a range or a sum), or null. */
export function findDuration(input: string, vocab: PolicyVocabulary): DurationRange | null {
  return findDurations(input, vocab)[0] ?? null;
}

/** Every duration expression in the text, in order. */
export function findDurations(input: string, vocab: PolicyVocabulary): DurationRange[] {
  const text = normaliseText(input).toLowerCase();
  const m = matcherFor(vocab);
  const qs = quantities(text, m);
  const out: DurationRange[] = [];
  for (let i = 0; i < qs.length; i++) {
    const q = qs[i]!;
    let days = q.days;
    let end = q.end;
    let lastUnit = q.unitDays;
    // A sum: '1 an et 1 mois', '1 year, 6 months' (units strictly decreasing).
    let j = i + 1;
    while (j < qs.length && qs[j]!.unitDays < lastUnit && m.sumJoin.test(text.slice(end, qs[j]!.start))
      && !(j === i + 1 && m.betweenStart.test(text.slice(0, q.start)))) {
      days += qs[j]!.days;
      lastUnit = qs[j]!.unitDays;
      end = qs[j]!.end;
      j++;
    }
    if (j > i + 1) {
      out.push({ maxDays: round(days), start: q.start, end });
      i = j - 1;
      continue;
    }
    // A range: 'between A and B' / 'entre A et B', or 'A to B' / 'de A à B' / 'A - B'.
    const next = qs[i + 1];
    if (next) {
      const join = text.slice(q.end, next.start);
      const between = m.betweenJoin.test(join) && m.betweenStart.test(text.slice(0, q.start));
      if (between || m.toJoin.test(join)) {
        const lo = Math.min(q.days, next.days);
        const hi = Math.max(q.days, next.days);
        out.push({ minDays: round(lo), maxDays: round(hi), start: q.start, end: next.end });
        i += 1;
        continue;
      }
    }
    out.push({ maxDays: round(days), start: q.start, end });
  }
  return out;
}

/**
 * A table cell's or short text's lifetime: session, a duration (its maximum), or null
 * ('Persistent', empty, unparsable).
 */
export function parseLifetime(input: string, vocab: PolicyVocabulary): Lifetime {
  const c = compileVocabulary(vocab);
  const text = normaliseText(input).toLowerCase();
  const d = findDuration(text, vocab);
  if (d) return d.minDays === undefined ? { maxDays: d.maxDays } : { maxDays: d.maxDays, minDays: d.minDays };
  if (hasWord(text, c.sessionTerms)) return { session: true };
  return null;
}
