/**
 * Writes a report in the formats asked for with `--format` as `report.<ext>` files in one
 * directory. The HTML gets the banner screenshots embedded, so it can be mailed on its own.
 *
 * @example
 *   const formats = parseFormatOption('html,sarif');               // ['html', 'sarif']
 *   const paths = await writeFormats(report, formats, './out', { lang: 'fr', includeValues: false });
 */
import { mkdir, open, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Report, SiteAudit } from '../src/model.ts';
import { loadAssets } from '../reports/load-assets.ts';
import { csvChunks } from '../reports/csv.ts';
import { reportJsonChunks, writeChunks } from '../reports/json-stream.ts';
import { redactValues } from '../reports/redact-values.ts';
import { FORMAT_EXTENSIONS, FormatError, LANGS, parseFormats, render, type Format, type Lang } from '../reports/index.ts';
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
}

/** The pieces of the formats written as a stream (json, csv); null for the others. */
function streamedFormat(report: Report, format: Format, options: WriteOptions): Iterable<string> | null {
  // Values redacted site by site, as render() does for the whole report.
  const redact = (site: SiteAudit) => redactValues({ ...report, sites: [site] }, options.includeValues).sites[0]!;
  if (format === 'json') return reportJsonChunks(report, redact);
  if (format === 'csv') return csvChunks(report, { lang: options.lang, includeValues: options.includeValues }, redact);
  return null;
}

/** Renders and writes each format (atomically: temp file + rename); returns the paths written, in order. */
export async function writeFormats(report: Report, formats: readonly Format[], dir: string, options: WriteOptions): Promise<string[]> {
  await mkdir(resolve(dir), { recursive: true });
  const paths: string[] = [];
  for (const format of formats) {
    const path = reportPath(dir, format);
    const streamed = streamedFormat(report, format, options);
    if (streamed) {
      // report.json and CSV grow with every site: written piece by piece, never as one string.
      const file = await open(`${path}.tmp`, 'w');
      try {
        await writeChunks(streamed, (text) => file.write(text));
      } finally {
        await file.close();
      }
    } else {
      const assets = format === 'html' ? loadAssets(report, options.assetsDir ?? dir) : undefined;
      const text = render(report, format, { lang: options.lang, includeValues: options.includeValues, assets });
      await writeFile(`${path}.tmp`, text.endsWith('\n') ? text : `${text}\n`);
    }
    await rename(`${path}.tmp`, path);
    paths.push(path);
  }
  return paths;
}
