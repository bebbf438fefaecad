/**
 * The report formats and one entry point to render any of them. Renderers are pure: a report and
 * its digest (totals, rule columns: reports/summary.ts) in, the text out in pieces, reading the
 * sites one at a time (some formats read them twice), so a report of any size streams to a file.
 *
 * @example
 *   const formats = parseFormats('html,sarif');          // ['html', 'sarif']
 *   const html = render(report, 'html', { lang: 'fr', includeValues: false, assets });
 *   for (const piece of renderChunks(source, 'csv', options)) await file.write(piece);
 */
import type { ReportSource } from '../src/model.ts';
import { csvChunks } from './csv.ts';
import { htmlChunks } from './html.ts';
import { reportJsonChunks } from './json-stream.ts';
import { junitChunks } from './junit.ts';
import { markdownChunks } from './markdown.ts';
import { resolveOptions, type RenderOptions } from './render-options.ts';
import { redactedSource } from './redact-values.ts';
import { sarifChunks } from './sarif.ts';
import { digestReport, type ReportDigest } from './summary.ts';

export type Format = 'json' | 'html' | 'md' | 'csv' | 'junit' | 'sarif';
export const FORMATS: readonly Format[] = ['json', 'html', 'md', 'csv', 'junit', 'sarif'];

/** The file name ending each format is written with. */
export const FORMAT_EXTENSIONS: Record<Format, string> = {
  json: '.json', html: '.html', md: '.md', csv: '.csv', junit: '.junit.xml', sarif: '.sarif',
};

/** Other spellings people type, mapped to a format. */
const ALIASES: Record<string, Format> = { markdown: 'md', xml: 'junit', 'sarif.json': 'sarif' };

// The digest is asked for only by the formats that need it: report.json and the CSV take one pass.
const RENDERERS: Record<Format, (report: ReportSource, digest: () => ReportDigest, options: RenderOptions) => Iterable<string>> = {
  json: (report) => reportJsonChunks(report),
  csv: (report, _digest, options) => csvChunks(report, options),
  html: (report, digest, options) => htmlChunks(report, digest(), options),
  md: (report, digest, options) => markdownChunks(report, digest(), options),
  junit: (report, digest, options) => junitChunks(report, digest(), options),
  sarif: (report, digest, options) => sarifChunks(report, digest(), options),
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

/**
 * `report` in `format`, in pieces. `digest` gives digestReport(report) when the caller has it (or
 * computes it once for several formats): a pass over the sites saved. @throws FormatError for an unknown format.
 */
export function renderChunks(report: ReportSource, format: Format | string, options: Partial<RenderOptions> = {}, digest: () => ReportDigest = () => digestReport(report)): Iterable<string> {
  const f = formatOf(format);
  if (!f) throw new FormatError(`Unknown report format \`${format}\`: expected one of ${validList()}.`);
  const resolved = resolveOptions(options);
  // Cookie values and request identifiers leave no format unless --include-values (the digest only counts, so it holds none).
  return RENDERERS[f](redactedSource(report, resolved.includeValues), digest, resolved);
}

/** Renders `report` in `format`, as one string. @throws FormatError for an unknown format. */
export function render(report: ReportSource, format: Format | string, options: Partial<RenderOptions> = {}): string {
  return [...renderChunks(report, format, options)].join('');
}

export type { RenderOptions } from './render-options.ts';
export { LANGS, type Lang } from './render-options.ts';
