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
import type { Report, SiteAudit } from '../src/model.ts';
import { canonicalJson } from '../queue/run.ts';
import { finishCrawl, prepareCrawlOutputs, type RawOutputOptions } from './crawl-outputs.ts';
import { readConfig, UsageError } from './crawl-options.ts';
import { readReportHead, readReportSites } from './read-report.ts';
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
  // Keyed by site (its normalised URL): the last file's result wins.
  const sites = new Map<string, SiteAudit>();
  const from = new Map<string, string>();
  const twice: string[] = [];
  for (const file of files) {
    for await (const site of readReportSites('report', file)) {
      if (sites.has(site.url)) {
        twice.push(`${site.url} (${from.get(site.url)} → ${file})`);
        sites.delete(site.url); // re-inserted below: the order follows the winning shard
      }
      sites.set(site.url, site);
      from.set(site.url, file);
    }
  }
  from.clear();
  const report: Report = {
    schemaVersion: first.head.schemaVersion,
    tool: first.head.tool,
    generatedAt: new Date().toISOString(),
    config: first.head.config,
    sites: [...sites.values()],
  };
  sites.clear();
  // results.jsonl too, so `judge` and `--baseline` work on the merged directory as on a crawl's.
  const dir = await OutputDir.open(out);
  for (const site of report.sites) await dir.appendResult(site);
  await dir.writeReport(report);
  io.stdout(`Merged ${files.length} report${files.length === 1 ? '' : 's'}: ${report.sites.length} site${report.sites.length === 1 ? '' : 's'}.\n`);
  if (twice.length > 0) {
    io.stderr(`cookie-audit: ${twice.length} site${twice.length === 1 ? ' was' : 's were'} in more than one shard; the last file's result was kept:\n`);
    for (const line of twice.slice(0, 20)) io.stderr(`  ${terminalSafe(line, 400)}\n`);
    if (twice.length > 20) io.stderr(`  … and ${twice.length - 20} more\n`);
  }
  return finishCrawl(report, outputs, { out, config, includeValues: raw.includeValues === true }, io);
}
