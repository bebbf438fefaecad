/**
 * Unicode normalisation of policy text before any matching: NFKC (which also turns non-breaking
 * spaces into spaces), the hyphens U+2010/U+2011/U+2012/U+2043/U+2212 into '-', soft hyphens and
 * zero-width characters removed, curly apostrophes into "'", typographic quotes and guillemets into
 * '"' (guillemets' inner spaces dropped), runs of spaces and tabs into one space.
 *
 * @example normaliseText('aix\u2010en\u2010provence.cesi.fr') // 'aix-en-provence.cesi.fr'
 * @example normaliseText('cliquez sur «\u00a0J’accepte\u00a0»') // 'cliquez sur "J\'accepte"'
 */

/** Normalises one line of text (newlines become spaces). */
export function normaliseText(text: string): string {
  return normaliseBlock(text).replace(/\n+/g, ' ').trim();
}

/** Normalises text but keeps its line breaks (each line trimmed). */
export function normaliseBlock(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\u00a0\u2007\u202f\u2000-\u200a\u3000]/g, ' ')
    .replace(/[\u2010\u2011\u2012\u2043\u2212]/g, '-')
    .replace(/[\u2018\u2019\u201a\u201b\u02bc\u2032`´]/g, "'")
    .replace(/«\s*/g, '"')
    .replace(/\s*»/g, '"')
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v]+/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .join('\n');
}

/** The lower-case form patterns are matched against. */
export function matchForm(text: string): string {
  return normaliseText(text).toLowerCase();
}
