/**
 * Writes a report in the formats asked for with `--format` as `report.<ext>` files in one
 * directory. The HTML gets the banner screenshots embedded, so it can be mailed on its own.
 *
 * @example
 *   const formats = parseFormatOption('html,sarif');               // ['html', 'sarif']
 *   const paths = await writeFormats(report, formats, './out', { lang: 'fr', includeValues: false });
 *
 * Every format is written piece by piece (reports/index.ts renderChunks), never as one string, so
 * a report read from a file (cli/read-report.ts reportFileSource) is never in memory whole.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ReportSource } from '../src/model.ts';
import { loadAssets } from '../reports/load-assets.ts';
import { writeFileChunks } from '../crawler/results-dir.ts';
import { digestReport, type ReportDigest } from '../reports/summary.ts';
import { FORMAT_EXTENSIONS, FormatError, LANGS, parseFormats, renderChunks, type Format, type Lang } from '../reports/index.ts';
import { UsageError } from './crawl-options.ts';

/** `--format` validated, duplicates removed. @throws UsageError naming the valid formats. */
export function parseFormatOption(raw: string | undefined, fallback: string): Format[] {
  try {
    return parseFormats(raw ?? fallback);
  } catch (error) {
    if (error instanceof FormatError) throw new UsageError(error.message);
    throw error;
  }
}

/** `--lang` validated. @throws UsageError naming the languages. */
export function parseLangOption(raw: string | undefined): Lang {
  const lang = (raw ?? 'en').trim().toLowerCase();
  if (!(LANGS as readonly string[]).includes(lang)) {
    throw new UsageError(`Expected \`lang\` to be one of ${LANGS.join(', ')}, got \`${raw}\``);
  }
  return lang as Lang;
}

/** The file a format is written to in `dir`, e.g. `report.junit.xml`. */
export function reportPath(dir: string, format: Format): string {
  return join(resolve(dir), `report${FORMAT_EXTENSIONS[format]}`);
}

export interface WriteOptions {
  lang: Lang;
  includeValues: boolean;
  /** Where the report's screenshot paths are relative to; default `dir`. */
  assetsDir?: string;
  /** digestReport(report), when the caller has it: a pass over the sites saved. */
  digest?: ReportDigest;
}

/** The pieces, then a line end when they do not end with one. */
function* endingWithNewline(chunks: Iterable<string>): Generator<string> {
  let last = '';
  for (const chunk of chunks) {
    if (chunk !== '') last = chunk;
    yield chunk;
  }
  if (!last.endsWith('\n')) yield '\n';
}

/** Renders and writes each format (atomically: temp file + rename); returns the paths written, in order. */
export async function writeFormats(report: ReportSource, formats: readonly Format[], dir: string, options: WriteOptions): Promise<string[]> {
  await mkdir(resolve(dir), { recursive: true });
  let digest = options.digest;
  const digestOnce = () => (digest ??= digestReport(report));
  const paths: string[] = [];
  for (const format of formats) {
    const path = reportPath(dir, format);
    const assets = format === 'html' ? loadAssets(report, options.assetsDir ?? dir) : undefined;
    const chunks = renderChunks(report, format, { lang: options.lang, includeValues: options.includeValues, assets }, digestOnce);
    await writeFileChunks(path, endingWithNewline(chunks));
    paths.push(path);
  }
  return paths;
}
