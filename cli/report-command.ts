/**
 * `cookie-audit report <report.json>`: re-renders a saved report in other formats and gates on it,
 * offline (no browser). Output goes next to the input unless `--out` says otherwise, so the
 * screenshots the report names are found and embedded in the HTML.
 *
 * @example
 *   cookie-audit report ./cookie-audit-report/report.json --format md,sarif --fail-on warn
 */
import { dirname, resolve } from 'node:path';
import { applyGate, parseGateOptions, type RawGateOptions } from './gating.ts';
import { readConfig, UsageError } from './crawl-options.ts';
import { parseFormatOption, parseLangOption, reportPath, writeFormats } from './report-files.ts';
import { readReportFile } from './read-report.ts';
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

/** Runs the command; returns the exit code (0, 1 or 3 from the gate). @throws UsageError (exit 2). */
export async function runReport(file: string, raw: RawReportOptions, io: CliIo = processIo): Promise<number> {
  // Every argument is checked before anything is written.
  const formats = parseFormatOption(raw.format, REPORT_DEFAULT_FORMATS);
  const lang = parseLangOption(raw.lang);
  if (raw.out !== undefined && raw.out.trim() === '') throw new UsageError('Expected `out` to be a directory path, got an empty string');
  const config = readConfig(raw.config);
  const flags = parseGateOptions(raw);
  const report = readReportFile('report', file);

  const inputDir = dirname(resolve(file));
  const out = raw.out ?? inputDir;
  // Never overwrite the input: it may hold values or fields this version would drop.
  const skipped = formats.filter((f) => reportPath(out, f) === resolve(file));
  const written = await writeFormats(report, formats.filter((f) => !skipped.includes(f)), out, {
    lang, includeValues: raw.includeValues === true, assetsDir: inputDir,
  });
  for (const path of written) io.stdout(`Wrote ${terminalSafe(path, 2000)}\n`);
  if (skipped.length > 0) io.stdout(`Kept ${terminalSafe(resolve(file), 2000)} as it is (it is the input).\n`);
  return applyGate(report, flags, { config, lang, io });
}
