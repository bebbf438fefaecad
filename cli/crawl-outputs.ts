/**
 * What `crawl` does with its report besides report.json (which crawl() writes itself, as the
 * contract that `report`, `--baseline` and `--resume` read back): the other `--format` files, in
 * `--lang`, then the CI gate. Flags are checked before the browser starts.
 *
 * @example
 *   const outputs = prepareCrawlOutputs(raw);            // throws UsageError on a bad flag
 *   const { report } = await crawlList(targets, options);  // its sites read back from results.jsonl
 *   process.exitCode = await finishCrawl(report, outputs, { out, config, includeValues });
 */
import { join, resolve } from 'node:path';
import type { ResolvedConfig } from '../src/config.ts';
import type { ReportSource } from '../src/model.ts';
import type { Format, Lang } from '../reports/index.ts';
import { judgeReport, parseGateOptions, printGate, type GateFlags, type RawGateOptions } from './gating.ts';
import { parseFormatOption, parseLangOption, writeFormats } from './report-files.ts';
import { processIo, type CliIo } from './io.ts';

export { CRAWL_DEFAULT_FORMATS } from './default-formats.ts';
import { CRAWL_DEFAULT_FORMATS } from './default-formats.ts';

export interface RawOutputOptions extends RawGateOptions {
  format?: string;
  lang?: string;
}

export interface CrawlOutputs {
  formats: Format[];
  lang: Lang;
  gate: GateFlags;
}

export function prepareCrawlOutputs(raw: RawOutputOptions): CrawlOutputs {
  return { formats: parseFormatOption(raw.format, CRAWL_DEFAULT_FORMATS), lang: parseLangOption(raw.lang), gate: parseGateOptions(raw) };
}

/**
 * Writes the formats, prints where they are and the gate's summary; returns the exit code. The
 * gate's verdict and the totals come from one pass over the sites, each format from another.
 */
export async function finishCrawl(report: ReportSource, outputs: CrawlOutputs, o: { out: string; config: ResolvedConfig; includeValues: boolean }, io: CliIo = processIo): Promise<number> {
  const { result, digest } = judgeReport(report, outputs.gate, o.config);
  const others = await writeFormats(report, outputs.formats.filter((f) => f !== 'json'), o.out, { lang: outputs.lang, includeValues: o.includeValues, digest });
  for (const path of [join(resolve(o.out), 'report.json'), ...others]) io.stdout(`Report: ${path}\n`);
  io.stdout('\n');
  return printGate(result, report, { config: o.config, lang: outputs.lang, io, digest });
}
