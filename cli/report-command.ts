/**
 * `cookie-audit report <report.json>`: re-renders a saved report in other formats and gates on it,
 * offline (no browser). Output goes next to the input unless `--out` says otherwise, so the
 * screenshots the report names are found and embedded in the HTML.
 *
 * @example
 *   cookie-audit report ./cookie-audit-report/report.json --format md,sarif --fail-on warn
 */
import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { judgeReport, parseGateOptions, printGate, type RawGateOptions } from './gating.ts';
import { readConfig, UsageError } from './crawl-options.ts';
import { parseFormatOption, parseLangOption, reportPath, writeFormats } from './report-files.ts';
import { reportFileSource } from './read-report.ts';
import { terminalSafe } from './safe-text.ts';
import { processIo, type CliIo } from './io.ts';

export { REPORT_DEFAULT_FORMATS } from './default-formats.ts';
import { REPORT_DEFAULT_FORMATS } from './default-formats.ts';

export interface RawReportOptions extends RawGateOptions {
  format?: string;
  out?: string;
  lang?: string;
  includeValues?: boolean;
  config?: string;
}

/** `path` with its existing ancestors' symbolic links resolved (the rest, not created yet, appended). */
function realPathOf(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    const parent = dirname(abs);
    return parent === abs ? abs : join(realPathOf(parent), basename(abs));
  }
}

/**
 * True when writing `target` (temp file + rename) would replace the file at `input`: the same
 * directory entry once symbolic links are resolved (an `--out` that is a link to the input's
 * directory), or the same file (a hard link).
 */
function sameEntry(target: string, input: string): boolean {
  const entry = (p: string) => join(realPathOf(dirname(resolve(p))), basename(p));
  if (entry(target) === entry(input) || realPathOf(target) === realPathOf(input)) return true;
  try {
    const a = statSync(target);
    const b = statSync(input);
    return a.dev === b.dev && a.ino === b.ino;
  } catch {
    return false;
  }
}

/** Runs the command; returns the exit code (0, 1 or 3 from the gate). @throws UsageError (exit 2). */
export async function runReport(file: string, raw: RawReportOptions, io: CliIo = processIo): Promise<number> {
  // Every argument is checked before anything is written.
  const formats = parseFormatOption(raw.format, REPORT_DEFAULT_FORMATS);
  const lang = parseLangOption(raw.lang);
  if (raw.out !== undefined && raw.out.trim() === '') throw new UsageError('Expected `out` to be a directory path, got an empty string');
  const config = readConfig(raw.config);
  const flags = parseGateOptions(raw);
  // The report is read site by site, never whole: a first pass checks every site (before anything
  // is written) and folds the gate's verdict and the totals; each format then reads it again.
  const report = reportFileSource('report', file);
  const { result, digest } = judgeReport(report, flags, config);

  const inputDir = dirname(resolve(file));
  const out = raw.out ?? inputDir;
  // Never overwrite the input: it may hold values or fields this version would drop.
  const skipped = formats.filter((f) => sameEntry(reportPath(out, f), file));
  const written = await writeFormats(report, formats.filter((f) => !skipped.includes(f)), out, {
    lang, includeValues: raw.includeValues === true, assetsDir: inputDir, digest,
  });
  for (const path of written) io.stdout(`Wrote ${terminalSafe(path, 2000)}\n`);
  if (skipped.length > 0) io.stdout(`Kept ${terminalSafe(resolve(file), 2000)} as it is (it is the input).\n`);
  return printGate(result, report, { config, lang, io, digest });
}
