/**
 * `cookie-audit report shard-*\/report.json --merge --out all`: the reports of `crawl --shard k/n`
 * runs made into one report, written and gated exactly as `crawl` writes and gates its own (one
 * report, one gate). Shards of another tool version or other rule levels are refused (exit 2): one
 * report is never judged two ways. A site present in two shards appears once, the last file's
 * result winning, and the command says which sites those were.
 *
 * @example
 *   process.exitCode = await runMerge(['shard-1/report.json', 'shard-2/report.json'], { out: 'all', format: 'json,html' });
 */
import { join, resolve } from 'node:path';
import { OutputDir } from '../crawler/results-dir.ts';
import type { Report, ReportSource } from '../src/model.ts';
import { canonicalJson } from '../queue/run.ts';
import { finishCrawl, prepareCrawlOutputs, type RawOutputOptions } from './crawl-outputs.ts';
import { readConfig, UsageError } from './crawl-options.ts';
import { readReportHead, readReportSites, reportFileSource } from './read-report.ts';
import { terminalSafe } from './safe-text.ts';
import { processIo, type CliIo } from './io.ts';

export interface RawMergeOptions extends RawOutputOptions {
  out?: string;
  config?: string;
  includeValues?: boolean;
}


/** What must be equal for shards to be one report; a readable name for each. */
function judgedBy(report: Pick<Report, 'tool' | 'config' | 'schemaVersion'>): Record<string, string> {
  return {
    'tool version': report.tool.version,
    'rule levels': canonicalJson(report.config),
  };
}

/** Runs the merge; returns the exit code. @throws UsageError (exit 2) on bad flags or shards that do not match. */
export async function runMerge(files: readonly string[], raw: RawMergeOptions, io: CliIo = processIo): Promise<number> {
  if (files.length === 0) throw new UsageError('Expected one or more report.json files to merge.');
  if (raw.out === undefined || raw.out.trim() === '') throw new UsageError('Expected `--out DIR` with `--merge` (the merged report\'s directory; never one of the shards).');
  const outputs = prepareCrawlOutputs(raw);
  const config = readConfig(raw.config);
  const out = resolve(raw.out);
  for (const file of files) {
    if (resolve(file) === join(out, 'report.json')) throw new UsageError(`Expected \`--out\` to be another directory than the shard \`${file}\`'s: the merge never overwrites an input.`);
  }
  // Each shard's header first: nothing is written when they do not match.
  const heads = await Promise.all(files.map(async (file) => ({ file, head: await readReportHead('report', file) })));
  const first = heads[0]!;
  const reference = judgedBy(first.head);
  for (const { file, head } of heads.slice(1)) {
    const theirs = judgedBy(head);
    const differ = Object.keys(reference).filter((k) => reference[k] !== theirs[k]);
    if (differ.length > 0) {
      throw new UsageError(`Cannot merge \`${file}\` with \`${first.file}\`: they differ in ${differ.join(' and ')} ` +
        `(cookie-audit ${head.tool.version} vs ${first.head.tool.version}); shards merged into one report must be crawled by one version with one configuration.`);
    }
  }
  // Keyed by site (its URL): the last file's result wins, in the place of its last appearance. A
  // first pass keeps only the URLs (which appearance wins); later ones stream the winners from the shards.
  const winner = new Map<string, number>();
  const from = new Map<string, number>();
  const twice: string[] = []; // the first 20 named, `repeated` counts them all
  let repeated = 0;
  let seen = 0;
  for (const [i, file] of files.entries()) {
    for (const site of readReportSites('report', file)) {
      const before = from.get(site.url);
      if (before !== undefined && repeated++ < 20) twice.push(`${site.url} (${files[before]} → ${file})`);
      from.set(site.url, i);
      winner.set(site.url, seen++);
    }
  }
  from.clear();
  const report: ReportSource = {
    schemaVersion: first.head.schemaVersion,
    tool: first.head.tool,
    generatedAt: new Date().toISOString(),
    config: first.head.config,
    sites: {
      *[Symbol.iterator]() {
        let at = 0;
        for (const file of files) for (const site of readReportSites('report', file)) if (winner.get(site.url) === at++) yield site;
      },
    },
  };
  // results.jsonl too, so `judge` and `--baseline` work on the merged directory as on a crawl's.
  const dir = await OutputDir.open(out);
  for (const site of report.sites) await dir.appendResult(site);
  const written = await dir.writeReport(report);
  io.stdout(`Merged ${files.length} report${files.length === 1 ? '' : 's'}: ${winner.size} site${winner.size === 1 ? '' : 's'}.\n`);
  if (repeated > 0) {
    io.stderr(`cookie-audit: ${repeated} site${repeated === 1 ? ' was' : 's were'} in more than one shard; the last file's result was kept:\n`);
    for (const line of twice) io.stderr(`  ${terminalSafe(line, 400)}\n`);
    if (repeated > 20) io.stderr(`  … and ${repeated - 20} more\n`);
  }
  // The other formats and the gate read the merged report.json, site by site, as `report` does.
  return finishCrawl(reportFileSource('report', written), outputs, { out, config, includeValues: raw.includeValues === true }, io);
}
