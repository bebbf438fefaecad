/**
 * The report formats and one entry point to render any of them. Renderers are pure: a report in, a string out.
 *
 * @example
 *   const formats = parseFormats('html,sarif');          // ['html', 'sarif']
 *   const html = render(report, 'html', { lang: 'fr', includeValues: false, assets });
 *   writeFileSync(`report${FORMAT_EXTENSIONS.html}`, html);
 */
import type { Report } from '../src/model.ts';
import { renderCsv } from './csv.ts';
import { renderHtml } from './html.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';
import { resolveOptions, type RenderOptions } from './render-options.ts';
import { redactValues } from './redact-values.ts';
import { renderSarif } from './sarif.ts';

export type Format = 'json' | 'html' | 'md' | 'csv' | 'junit' | 'sarif';
export const FORMATS: readonly Format[] = ['json', 'html', 'md', 'csv', 'junit', 'sarif'];

/** The file name ending each format is written with. */
export const FORMAT_EXTENSIONS: Record<Format, string> = {
  json: '.json', html: '.html', md: '.md', csv: '.csv', junit: '.junit.xml', sarif: '.sarif',
};

/** Other spellings people type, mapped to a format. */
const ALIASES: Record<string, Format> = { markdown: 'md', xml: 'junit', 'sarif.json': 'sarif' };

const RENDERERS: Record<Format, (report: Report, options: RenderOptions) => string> = {
  json: renderJson, html: renderHtml, md: renderMarkdown, csv: renderCsv, junit: renderJunit, sarif: renderSarif,
};

/** An unknown format name; the message lists the valid ones. */
export class FormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormatError';
  }
}

const validList = (): string => FORMATS.join(', ');

/** The format a name stands for (case-insensitive, aliases allowed), or null. */
export function formatOf(name: string): Format | null {
  const key = name.trim().toLowerCase();
  if ((FORMATS as readonly string[]).includes(key)) return key as Format;
  return ALIASES[key] ?? null;
}

/**
 * A comma-separated list of formats, duplicates removed.
 * @throws FormatError naming the unknown formats and the valid ones, e.g. for `json,pdf`.
 */
export function parseFormats(list: string): Format[] {
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new FormatError(`Expected at least one report format (${validList()}), got ${JSON.stringify(list)}.`);
  const unknown = names.filter((n) => formatOf(n) === null);
  if (unknown.length > 0) {
    throw new FormatError(`Unknown report format${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `\`${u}\``).join(', ')}: expected one or more of ${validList()}, separated by commas.`);
  }
  return [...new Set(names.map((n) => formatOf(n) as Format))];
}

/** Renders `report` in `format`. @throws FormatError for an unknown format. */
export function render(report: Report, format: Format | string, options: Partial<RenderOptions> = {}): string {
  const f = formatOf(format);
  if (!f) throw new FormatError(`Unknown report format \`${format}\`: expected one of ${validList()}.`);
  const resolved = resolveOptions(options);
  // Cookie values and request identifiers leave no format unless --include-values.
  return RENDERERS[f](redactValues(report, resolved.includeValues), resolved);
}

export type { RenderOptions } from './render-options.ts';
export { LANGS, type Lang } from './render-options.ts';
