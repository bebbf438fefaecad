/**
 * The distributed run's commands on the command line: `queue add|status|report|retry` and `worker`
 * (README's "Crawling on many machines"). Only the options are declared here; each command loads
 * its heavy parts (BullMQ, ioredis, the browser driver, the renderers) from ./queue-actions.ts when
 * it runs, so `cookie-audit --help` stays fast.
 *
 * @example
 *   registerQueueCommands(program, result);          // in buildProgram (cli/main.ts)
 *   // cookie-audit queue add --run eu-06 --input list.txt
 */
import type { Command } from 'commander';
import { addBrowserOptions, addCrawlSettingOptions, addFormatOptions, addGateOptions, collect } from './shared-options.ts';
import { CRAWL_DEFAULT_FORMATS } from './default-formats.ts';
import { processIo } from './io.ts';
import type { QueueIo, RawQueueAdd, RawQueueReport, RawQueueRetry, RawQueueStatus, RawWorker } from './queue-actions.ts';


const REDIS_HELP = 'Redis address redis://[:PASSWORD@]HOST[:PORT][/DB] (rediss:// for TLS; default $COOKIE_AUDIT_REDIS, which keeps the password off the command line)';
const RUN_HELP = 'the run\'s name: letters, digits, `.`, `_`, `-` (e.g. eu-06)';

/** Adds `queue …` and `worker` to `program`; each sets `result.exitCode`. Output goes through `io` (default the process's streams). */
export function registerQueueCommands(program: Command, result: { exitCode: number }, io: QueueIo = processIo): void {
  const queue = program.command('queue')
    .description('A crawl spread over many machines: a run\'s queue on Redis (BullMQ), its status, its report.');

  const add = queue.command('add')
    .description('Create the run (first add: its configuration, rule levels, crawl settings and version) and queue the targets not in it yet.')
    .argument('[targets...]', 'domains or http(s) URLs')
    .option('--run <name>', RUN_HELP)
    .option('--redis <url>', REDIS_HELP)
    .option('--input <file>', 'read targets from a file, one per line (# comments and blank lines ignored)')
    .option('--config <file>', 'configuration file the whole run is judged with (default ./cookie-audit.config.json when present)')
    .option('--include-values', 'keep cookie values in the results');
  addCrawlSettingOptions(add)
    .action(async (args: string[], raw: RawQueueAdd) => {
      const { runQueueAdd } = await import('./queue-actions.ts');
      result.exitCode = await runQueueAdd(args, raw, io);
    });

  queue.command('status')
    .description('How far a run is: done/total, errors by code, jobs, live workers, sites per minute, time left.')
    .option('--run <name>', RUN_HELP)
    .option('--redis <url>', REDIS_HELP)
    .option('--watch', 'print it again every few seconds until the run is done (Ctrl-C stops)')
    .option('--interval <ms>', 'with --watch, time between two prints (default 5000)')
    .action(async (raw: RawQueueStatus) => {
      const { runQueueStatus } = await import('./queue-actions.ts');
      result.exitCode = await runQueueStatus(raw, io);
    });

  const report = queue.command('report')
    .description('Collect the run\'s results (the single collector) into DIR/results.jsonl and write the report exactly as `crawl` does; exit 124 while the run is incomplete.')
    .option('--run <name>', RUN_HELP)
    .option('--redis <url>', REDIS_HELP)
    .option('--out <dir>', 'report directory (report.json, results.jsonl, the other formats)')
    .option('--follow', 'keep collecting until every target of the run has a result, then write the report');
  addGateOptions(addFormatOptions(report, CRAWL_DEFAULT_FORMATS))
    .action(async (raw: RawQueueReport) => {
      const { runQueueReport } = await import('./queue-actions.ts');
      result.exitCode = await runQueueReport(raw, io);
    });

  queue.command('retry')
    .description('Queue again the sites whose last result has one of these error codes (their new result replaces the old one).')
    .option('--run <name>', RUN_HELP)
    .option('--redis <url>', REDIS_HELP)
    .option('--code <codes>', 'error codes, comma-separated (e.g. timeout,connection)', collect)
    .action(async (raw: RawQueueRetry) => {
      const { runQueueRetry } = await import('./queue-actions.ts');
      result.exitCode = await runQueueRetry(raw, io);
    });

  const worker = program.command('worker')
    .description('Visit the run\'s queued sites with a headless Chromium, N at a time, until stopped (Ctrl-C, SIGTERM) or idle for --idle-exit.')
    .option('--run <name>', RUN_HELP)
    .option('--redis <url>', REDIS_HELP)
    .option('--concurrency <n>', 'sites visited at once (default from the CPU count)')
    .option('--idle-exit <ms>', 'exit after this long without a job (default: run until stopped)')
    .option('--artefacts <dir>', 'write each site\'s banner screenshot and observations under DIR/<site>-<hash>/ (default: none)')
    .option('--lock-duration <ms>', 'how long a site stays locked to this worker without news (renewed at half; default 30000): how soon the others take over the sites of a worker that was killed')
    .option('--stalled-interval <ms>', 'how often this worker looks for sites of lost workers (default 30000)');
  // The browser's settings come from the worker's command line only, never from Redis.
  addBrowserOptions(worker)
    .action(async (raw: RawWorker) => {
      const { runWorkerCommand } = await import('./queue-actions.ts');
      result.exitCode = await runWorkerCommand(raw, io);
    });
}
