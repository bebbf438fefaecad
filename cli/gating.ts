/**
 * The CI gating flags of `crawl` and `report` (`--fail-on`, `--allow-errors`, `--baseline`) turned
 * into a gate run (src/gate.ts holds every decision), its summary printed and, on GitHub
 * Actions, the Markdown summary appended to $GITHUB_STEP_SUMMARY. Returns the exit code.
 * The baseline is read as a stream into its finding keys (src/baseline.ts), never whole.
 *
 * @example
 *   const flags = parseGateOptions({ failOn: 'warn', baseline: 'old/report.json' });
 *   process.exitCode = applyGate(report, flags, { config, lang: 'en' });
 *   // a report read from a file: the verdict and the renderers' digest in one pass
 *   const { result, digest } = judgeReport(source, flags, config);
 *   process.exitCode = printGate(result, source, { config, lang: 'en', digest });
 */
import { appendFileSync } from 'node:fs';
import { Baseline } from '../src/baseline.ts';
import type { ResolvedConfig } from '../src/config.ts';
import { FAIL_ON, maxFindingsFromConfig, startGate, type FailOn, type GateResult } from '../src/gate.ts';
import type { ReportSource } from '../src/model.ts';
import { renderChunks, type Lang } from '../reports/index.ts';
import { mdText } from '../reports/markdown.ts';
import { DigestFold, type ReportDigest } from '../reports/summary.ts';
import { UsageError } from './crawl-options.ts';
import { readReportSites } from './read-report.ts';
import { terminalSafe } from './safe-text.ts';
import { processIo, type CliIo } from './io.ts';

export interface RawGateOptions {
  failOn?: string;
  allowErrors?: boolean;
  baseline?: string;
}

export interface GateFlags {
  failOn: FailOn;
  allowErrors: boolean;
  baseline: Baseline | null;
}

/** The gating flags validated; the baseline file is read and checked now, before any crawl. */
export function parseGateOptions(raw: RawGateOptions): GateFlags {
  const failOn = (raw.failOn ?? 'error').trim().toLowerCase();
  if (!(FAIL_ON as readonly string[]).includes(failOn)) {
    throw new UsageError(`Expected \`fail-on\` to be one of ${FAIL_ON.join(', ')}, got \`${raw.failOn}\``);
  }
  return {
    failOn: failOn as FailOn,
    allowErrors: raw.allowErrors === true,
    baseline: raw.baseline === undefined ? null : Baseline.of(readReportSites('baseline', raw.baseline)),
  };
}

export interface ApplyOptions {
  /** Supplies each rule's `maxFindings` allowance (per-URL overrides included). */
  config: ResolvedConfig;
  lang: Lang;
  /** Where the summary lines go; default `io.stdout`. */
  print?: (line: string) => void;
  /** Where the CLI writes; default the process's stdout and stderr. */
  io?: CliIo;
  /** Environment to read GITHUB_STEP_SUMMARY from; default process.env. */
  env?: NodeJS.ProcessEnv;
}

/** The GitHub step summary: the Markdown report, then the gate's verdict as inert text. */
export function stepSummary(report: ReportSource, result: GateResult, lang: Lang, digest?: ReportDigest): string {
  const md = [...renderChunks(report, 'md', { lang, includeValues: false }, digest && (() => digest))].join('');
  const verdict = result.summary.map((line) => `- ${mdText(line.trim(), 400)}`).join('\n');
  return `${md.trimEnd()}\n\n### Gate (exit ${result.exitCode})\n\n${verdict}\n\n`;
}

/** The gate's verdict and the renderers' digest (reports/summary.ts), from one pass over the sites. */
export function judgeReport(report: ReportSource, flags: GateFlags, config: ResolvedConfig): { result: GateResult; digest: ReportDigest } {
  const run = startGate({
    failOn: flags.failOn,
    allowErrors: flags.allowErrors,
    baseline: flags.baseline,
    maxFindings: maxFindingsFromConfig(config),
  });
  const digest = new DigestFold();
  for (const site of report.sites) {
    run.add(site);
    digest.add(site);
  }
  return { result: run.result(), digest: digest.result(report) };
}

/** Prints the gate's summary, appends the step summary when on GitHub Actions; returns the exit code. */
export function printGate(result: GateResult, report: ReportSource, options: ApplyOptions & { digest?: ReportDigest }): number {
  const io = options.io ?? processIo;
  const print = options.print ?? ((line: string) => io.stdout(`${line}\n`));
  // The summary quotes site strings (URLs, cookie names, rule messages, a baseline's findings).
  for (const line of result.summary) print(terminalSafe(line, 2000));
  const summaryFile = (options.env ?? process.env).GITHUB_STEP_SUMMARY;
  if (summaryFile) {
    try {
      appendFileSync(summaryFile, stepSummary(report, result, options.lang, options.digest));
    } catch (error) {
      // The audit's verdict matters more than the CI nicety: warn and keep the exit code.
      io.stderr(`${terminalSafe(`cookie-audit: could not write the step summary to \`${summaryFile}\`: ${(error as Error).message}`, 2000)}\n`);
    }
  }
  return result.exitCode;
}

/** Runs the gate, prints its summary, appends the step summary when on GitHub Actions; returns the exit code. */
export function applyGate(report: ReportSource, flags: GateFlags, options: ApplyOptions): number {
  const { result, digest } = judgeReport(report, flags, options.config);
  return printGate(result, report, { ...options, digest });
}
