/**
 * The `cookie-audit` command line: `cookie-audit crawl <target...>` audits sites in a headless
 * Chromium and writes the report. Exit status: 0 when the crawl completed, 2 on bad arguments,
 * 1 when the crawl could not run at all (no browser…).
 *
 * @example
 *   npx tsx crawler/cli.ts crawl lyon.cesi.fr https://www.cesi.fr/ --out ./report --concurrency 2
 */
import { Command } from 'commander';
import { join, resolve } from 'node:path';
import { VERSION } from '../src/version.ts';
import { ChromiumNotFoundError } from './chromium.ts';
import { crawl, DEFAULTS } from './crawl.ts';
import { collectTargets, resolveCrawlOptions, UsageError, type RawCrawlOptions } from './options.ts';
import { createProgress } from './progress.ts';
import { summaryTable } from './summary-table.ts';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function buildProgram(): Command {
  const program = new Command('cookie-audit')
    .description('Audit websites against the CNIL / ePrivacy cookie-consent rules.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program.command('crawl')
    .description('Visit each site three times (no interaction, accept, reject) in a headless Chromium and judge it.')
    .argument('[targets...]', 'domains or http(s) URLs (a bare domain is tried as https://, then http://)')
    .option('--input <file>', 'read targets from a file, one per line (# comments and blank lines ignored)')
    .option('--out <dir>', `report directory (report.json, results.jsonl, per-site artefacts)`, DEFAULTS.out)
    .option('--concurrency <n>', `sites visited at once (default ${DEFAULTS.concurrency}, from the CPU count)`)
    .option('--browser-arg <arg>', 'extra Chromium switch, repeatable (proxy, --host-resolver-rules, --ignore-certificate-errors)', collect)
    .option('--executable <path>', 'Chromium/Chrome binary (default: $CHROME_PATH, $PUPPETEER_EXECUTABLE_PATH, then the system one)')
    .option('--pages <n>', `also visit up to N same-site links in the initial phase (default ${DEFAULTS.pages})`)
    .option('--settle <ms>', `quiet time after load and after a click before reading state (default ${DEFAULTS.settle})`)
    .option('--timeout <ms>', `page load time limit (default ${DEFAULTS.timeout})`)
    .option('--config <file>', 'configuration file (default ./cookie-audit.config.json when present)')
    .option('--include-values', 'keep cookie values in the report (redacted by default: they are personal data)')
    .action(async (args: string[], raw: RawCrawlOptions) => {
      const options = resolveCrawlOptions(raw);
      const targets = collectTargets(args, raw.input, options.config);
      const progress = createProgress(new Set(targets.map((t) => t.trim())).size);
      let report;
      try {
        report = await crawl(targets, { ...options, onSite: (site, done, total) => progress.site(site, done, total) });
      } finally {
        progress.stop();
      }
      process.stdout.write(`\n${summaryTable(report)}\n\nReport: ${join(resolve(options.out), 'report.json')}\n`);
    });
  return program;
}

export async function main(argv: string[] = process.argv): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    const e = error as { code?: string; exitCode?: number; message?: string };
    if (typeof e.code === 'string' && e.code.startsWith('commander.')) {
      // commander already printed its message (unknown option, --help, --version).
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? 0 : 2;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`cookie-audit: ${error.message}\n`);
      return 2;
    }
    if (error instanceof ChromiumNotFoundError) {
      process.stderr.write(`cookie-audit: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`cookie-audit: the crawl failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] !== undefined && /(?:^|[\\/])(?:cli\.ts|cookie-audit(?:\.js)?)$/.test(process.argv[1]);
if (invokedDirectly) {
  process.exitCode = await main();
}
