/**
 * The `cookie-audit` command line: `cookie-audit crawl <target...>` audits sites in a headless
 * Chromium and writes the report; `cookie-audit report <report.json>` re-renders a saved one.
 * Exit status (README.md): 0 pass, 1 findings at or above `--fail-on`, 2 bad arguments or
 * configuration, 3 sites could not be audited (or the crawl could not run at all, e.g. no browser).
 *
 * @example
 *   npx tsx cli/main.ts crawl lyon.cesi.fr https://www.cesi.fr/ --out ./report --concurrency 2
 */
import { Command } from 'commander';
import { VERSION } from '../src/version.ts';
import { ChromiumNotFoundError } from '../crawler/chromium.ts';
import { OutputBusyError } from '../crawler/results-dir.ts';
import { addBrowserOptions, addCrawlSettingOptions, addFormatOptions, addGateOptions } from './shared-options.ts';
import { DEFAULTS } from '../crawler/defaults.ts';
import type { RawOutputOptions } from './crawl-outputs.ts';

import { CRAWL_DEFAULT_FORMATS, JUDGE_DEFAULT_FORMATS, REPORT_DEFAULT_FORMATS } from './default-formats.ts';
// Commands load their heavy parts (browser driver, renderers) when they run, so --help starts at once.
import type { RawCrawlOptions } from './crawl-options.ts';
import { UsageError } from './usage-error.ts';
import { QueueError } from '../queue/queue-error.ts';
import { registerQueueCommands } from './queue-commands.ts';
import type { RawMergeOptions } from './merge-command.ts';
import type { RawReportOptions } from './report-command.ts';
import type { RawJudgeOptions } from './judge-command.ts';
import { terminalLines } from './safe-text.ts';
import { processIo, type CliIo } from './io.ts';


/** `result.exitCode` is set by the command that ran (the gate's verdict); everything is printed through `io`. */
export function buildProgram(result: { exitCode: number } = { exitCode: 0 }, io: CliIo = processIo): Command {
  const program = new Command('cookie-audit')
    .description('Audit websites against the CNIL / ePrivacy cookie-consent rules.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });

  const crawlCommand = program.command('crawl')
    .description('Visit each site three times (no interaction, accept, reject) in a headless Chromium and judge it.')
    .argument('[targets...]', 'domains or http(s) URLs (a bare domain is tried as https://, then http://)')
    .option('--input <file>', 'read targets from a file, one per line (# comments and blank lines ignored)')
    .option('--out <dir>', `report directory (report.json, results.jsonl, per-site artefacts)`, DEFAULTS.out)
    .option('--concurrency <n>', `sites visited at once (default ${DEFAULTS.concurrency}, from the CPU count)`)
    .option('--config <file>', 'configuration file (default ./cookie-audit.config.json when present)')
    .option('--include-values', 'keep cookie values in the report (redacted by default: they are personal data)')
    .option('--max-time <ms>', 'time budget of the whole run: then no new site starts, the report of the finished ones is written, exit status 124')
    .option('--resume', 'keep <out>/results.jsonl from an interrupted run and only visit the targets not in it')
    .option('--shard <k/n>', 'crawl only part K of N of the list (split by a hash of each target, stable when the list is reordered); merge the parts with `report --merge`');
  addGateOptions(addFormatOptions(addCrawlSettingOptions(addBrowserOptions(crawlCommand)), CRAWL_DEFAULT_FORMATS))
    .action(async (args: string[], raw: RawCrawlOptions & RawOutputOptions) => {
      const { runCrawl } = await import('./crawl-command.ts');
      result.exitCode = await runCrawl(args, raw, io);
    });

  const reportCommand = program.command('report')
    .description('Re-render a saved report.json in other formats and gate on it, offline (no browser).')
    .argument('<report.json...>', 'a report written by `cookie-audit crawl` (several with --merge)')
    .option('--out <dir>', 'directory for the rendered files (default: the report\'s own directory)')
    .option('--config <file>', 'configuration file for the rules\' maxFindings allowances (default ./cookie-audit.config.json when present)')
    .option('--include-values', 'show cookie values, when the saved report kept them')
    .option('--merge', 'merge the reports of `crawl --shard` runs into one report in --out (same tool version and rule levels), written and gated as `crawl` does');
  addGateOptions(addFormatOptions(reportCommand, REPORT_DEFAULT_FORMATS))
    .action(async (files: string[], raw: RawReportOptions & RawMergeOptions & { merge?: boolean }) => {
      if (raw.merge) {
        const { runMerge } = await import('./merge-command.ts');
        result.exitCode = await runMerge(files, { ...raw, format: raw.format ?? CRAWL_DEFAULT_FORMATS }, io);
        return;
      }
      if (files.length !== 1) throw new UsageError(`Expected one report.json, got ${files.length}; give --merge to merge several.`);
      const file = files[0]!;
      const { runReport } = await import('./report-command.ts');
      result.exitCode = await runReport(file, raw, io);
    });

  const judgeCommand = program.command('judge')
    .description('Judge a crawl\'s saved observations again (another config, a newer rule set), offline (no browser).')
    .argument('<out-dir>', 'the --out directory of a `cookie-audit crawl` (results.jsonl and each site\'s observations.json)')
    .option('--out <dir>', 'directory for report.json and the rendered files (default: <out-dir> itself)')
    .option('--config <file>', 'configuration file to judge with (default ./cookie-audit.config.json when present)')
    .option('--include-values', 'show cookie values, when the crawl kept them');
  addGateOptions(addFormatOptions(judgeCommand, JUDGE_DEFAULT_FORMATS))
    .action(async (dir: string, raw: RawJudgeOptions) => {
      const { runJudge } = await import('./judge-command.ts');
      result.exitCode = await runJudge(dir, raw, io);
    });
  registerQueueCommands(program, result, io);
  program.command('policy')
    .description('Print the claims a privacy or cookie policy makes (an HTML or .txt file, or an http(s) URL fetched as plain HTML).')
    .argument('<file|url>', 'the policy: a local file or an http(s) URL')
    .option('--format <format>', 'text (a table) or json', 'text')
    .action(async (source: string, raw: { format: string }) => {
      if (raw.format !== 'text' && raw.format !== 'json') throw new UsageError(`Expected \`format\` to be text or json, got \`${raw.format}\``);
      const { runPolicy } = await import('./policy-command.ts');
      result.exitCode = await runPolicy(source, { format: raw.format }, io);
    });
  return program;
}

/** Runs the command line `argv` (node's, with the two leading entries); returns the exit status. Output goes to `io`. */
export async function main(argv: string[] = process.argv, io: CliIo = processIo): Promise<number> {
  try {
    const result = { exitCode: 0 };
    await buildProgram(result, io).parseAsync(argv);
    return result.exitCode;
  } catch (error) {
    const e = error as { code?: string; exitCode?: number; message?: string };
    if (typeof e.code === 'string' && e.code.startsWith('commander.')) {
      // commander already printed its message (unknown option, --help, --version).
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? 0 : 2;
    }
    if (error instanceof UsageError || error instanceof OutputBusyError) {
      // A usage error may quote a crafted report.json (a JSON parse error, a schema path).
      io.stderr(`${terminalLines(`cookie-audit: ${error.message}`)}\n`);
      return 2;
    }
    if (error instanceof QueueError) {
      io.stderr(`${terminalLines(`cookie-audit: ${error.message}`)}\n`);
      return error.exitCode;
    }
    // Not a verdict on the sites (1 means findings): nothing could be audited.
    if (error instanceof ChromiumNotFoundError) {
      io.stderr(`${terminalLines(`cookie-audit: ${error.message}`)}\n`);
      return 3;
    }
    io.stderr(`${terminalLines(`cookie-audit: the crawl failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`)}\n`);
    return 3;
  }
}

const invokedDirectly = process.argv[1] !== undefined && /(?:^|[\\/])cli[\\/]main\.ts$/.test(process.argv[1]);
if (invokedDirectly) {
  process.exitCode = await main();
}
