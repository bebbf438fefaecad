/**
 * `cookie-audit crawl`: checks the flags, crawls the list with a progress display, prints the
 * summary table, writes the report files and gates. Ctrl-C or --max-time stop the crawl but still
 * write the report of the sites already done. Loaded only when the command runs.
 *
 * @example process.exitCode = await runCrawl(['lyon.cesi.fr'], { out: './report' });
 */
import { crawlList } from '../crawler/crawl.ts';
import { finishCrawl, prepareCrawlOutputs, type RawOutputOptions } from './crawl-outputs.ts';
import { collectTargets, resolveCrawlOptions, type RawCrawlOptions } from './crawl-options.ts';
import { probeSandboxHost, sandboxDecision, sandboxNotice } from '../crawler/sandbox.ts';
import { inShard, parseShard } from '../queue/shard.ts';
import { createProgress } from './progress.ts';
import { summaryText } from './summary-table.ts';
import { processIo, type CliIo } from './io.ts';

/** Runs the command; returns the exit code. @throws UsageError (exit 2) before the browser starts. */
export async function runCrawl(args: string[], raw: RawCrawlOptions & RawOutputOptions, io: CliIo = processIo): Promise<number> {
  const outputs = prepareCrawlOutputs(raw);
  const options = resolveCrawlOptions(raw);
  // Chromium's sandbox stays on unless this machine cannot run it (root, no user namespaces): said once.
  const notice = sandboxNotice(sandboxDecision(probeSandboxHost(), { noSandbox: options.browserArgs.includes('--no-sandbox') }));
  if (notice) io.stderr(`${notice}\n`);
  const listed = collectTargets(args, raw.input, options.config);
  // --shard K/N: this machine's part of the list, by a hash of each target (queue/shard.ts).
  const shardFlag = (raw as { shard?: string }).shard;
  const shard = shardFlag === undefined ? null : parseShard(shardFlag);
  const targets = shard ? listed.filter((t) => inShard(t, shard.index, shard.count)) : listed;
  if (shard) io.stderr(`cookie-audit: shard ${shard.index}/${shard.count}: ${targets.length} of ${listed.length} targets\n`);
  const progress = createProgress(new Set(targets.map((t) => t.trim())).size, io);
  // Ctrl-C, or --max-time, stops the crawl but still writes the report of the sites already done.
  const controller = new AbortController();
  let stoppedBy: 'SIGINT' | '--max-time' | null = null;
  const stop = (why: 'SIGINT' | '--max-time') => {
    if (stoppedBy) return;
    stoppedBy = why;
    io.stderr(`\ncookie-audit: stopping (${why}); writing the report of the finished sites…\n`);
    controller.abort();
  };
  const interrupt = () => stop('SIGINT');
  process.once('SIGINT', interrupt);
  const maxTimer = options.maxTime === null ? null : setTimeout(() => stop('--max-time'), options.maxTime);
  let launches = 0;
  let result;
  try {
    // The report's sites are read back from results.jsonl on each pass: a long list's report stage stays flat in memory.
    result = await crawlList(targets, {
      ...options, signal: controller.signal, onSite: (site, done, total) => progress.site(site, done, total),
      onBrowser: () => {
        if (launches++ > 0) io.stderr('\ncookie-audit: the browser exited unexpectedly and was relaunched; the sites it was visiting are retried.\n');
      },
    });
  } finally {
    process.off('SIGINT', interrupt);
    if (maxTimer) clearTimeout(maxTimer);
    progress.stop();
  }
  const { report, sites } = result;
  io.stdout(summaryText(report, sites));
  let exitCode = await finishCrawl(report, outputs, options, io);
  if (stoppedBy) {
    io.stderr(`cookie-audit: stopped by ${stoppedBy} after ${sites} site${sites === 1 ? '' : 's'}; ` +
      'run the same command with --resume to finish the list.\n');
    // 130 is the shell's status for Ctrl-C, 124 that of timeout(1): the report is incomplete either way.
    exitCode = stoppedBy === 'SIGINT' ? 130 : 124;
  }
  return exitCode;
}
