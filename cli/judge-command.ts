/**
 * `cookie-audit judge <out-dir>`: judges a crawl's saved observations again, without a browser,
 * with another config or a newer rule set (Lighthouse's `-A`). Each site directory's
 * `observations.json` is judged afresh; sites that could not be audited keep their error from
 * `results.jsonl`. Writes report.json and the asked formats (default: into <out-dir>) and gates.
 *
 * @example
 *   cookie-audit judge ./cookie-audit-report --config strict.json --format html,sarif --fail-on warn
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ENGINE } from '../defaults/engine.ts';
import type { ReportSource, SiteObservations } from '../src/model.ts';
import { writeJsonLines, type Span } from '../crawler/file-lines.ts';
import { indexFinished, readSitesAt, sitesAt } from '../crawler/resume.ts';
import { judgeReport, parseGateOptions, printGate, type RawGateOptions } from './gating.ts';
import { readConfig, UsageError } from './crawl-options.ts';
import { parseFormatOption, parseLangOption, writeFormats } from './report-files.ts';
import { terminalSafe } from './safe-text.ts';
import { processIo, type CliIo } from './io.ts';

export { JUDGE_DEFAULT_FORMATS } from './default-formats.ts';
import { JUDGE_DEFAULT_FORMATS } from './default-formats.ts';

export interface RawJudgeOptions extends RawGateOptions {
  format?: string;
  out?: string;
  lang?: string;
  includeValues?: boolean;
  config?: string;
}

/** Each `<dir>/<site>/observations.json`, in the folders' name order, read one at a time. @throws UsageError on a file that is not JSON. */
export function* eachSavedObservations(dir: string): Generator<SiteObservations> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const file = join(dir, entry.name, 'observations.json');
    if (!existsSync(file)) continue;
    let saved: { observations?: SiteObservations };
    try {
      saved = JSON.parse(readFileSync(file, 'utf8')) as { observations?: SiteObservations };
    } catch (error) {
      throw new UsageError(`${terminalSafe(file, 500)} is not valid JSON (${(error as Error).message}); restore it or crawl that site again`);
    }
    const obs = saved.observations;
    if (obs && typeof obs.url === 'string') yield obs;
  }
}

/** Every `<dir>/<site>/observations.json`, by the URL the site was audited as. */
export function savedObservations(dir: string): Map<string, SiteObservations> {
  return new Map([...eachSavedObservations(dir)].map((obs) => [obs.url, obs]));
}

/** Re-judges; returns the gate's exit code. @throws UsageError (exit 2) on a missing or foreign directory. */
export async function runJudge(dirArg: string, raw: RawJudgeOptions, io: Pick<CliIo, 'stdout'> & Partial<CliIo> = processIo): Promise<number> {
  const formats = parseFormatOption(raw.format, JUDGE_DEFAULT_FORMATS);
  const lang = parseLangOption(raw.lang);
  const config = readConfig(raw.config);
  const flags = parseGateOptions(raw);
  const dir = resolve(dirArg);
  const results = join(dir, 'results.jsonl');
  if (!existsSync(results)) {
    throw new UsageError(`${terminalSafe(dir, 500)} holds no results.jsonl: give the --out directory of a \`cookie-audit crawl\``);
  }
  // Only where each site is, never the sites: the sites judged again go to a scratch file, one line
  // each, and the report reads each site from there or, kept as crawled, from results.jsonl.
  const spans: Map<string, Span & { file?: number }> = (await indexFinished(results)).spans;
  const audited = new Set<string>(); // the index's own key strings: no second copy of every URL
  const urls = spans.keys();
  for (const site of readSitesAt(results, spans.values())) {
    const url = urls.next().value!;
    if (site.status === 'ok') audited.add(url);
  }
  const out = raw.out ?? dir;
  await mkdir(resolve(out), { recursive: true });
  const scratch = join(resolve(out), '.judged.jsonl.tmp');
  try {
    const judgedAgain = await writeJsonLines(scratch, (function* () {
      for (const obs of eachSavedObservations(dir)) {
        if (audited.has(obs.url)) yield [obs.url, ENGINE.auditSite(obs, config)] as const;
      }
    })());
    // The site's place in results.jsonl's order is kept; its line is now the one judged again.
    for (const [url, span] of judgedAgain) spans.set(url, { ...span, file: 1 });
    judgedAgain.clear();
    audited.clear();
    // No observations (the site could not be audited, or its artefacts were removed): kept as the crawl judged it.
    const order = [...spans.values()];
    spans.clear();
    const judged = order.filter((s) => s.file === 1).length;
    const report: ReportSource = { ...ENGINE.buildReport([], config), sites: sitesAt([results, scratch], order) };
    const { result, digest } = judgeReport(report, flags, config);
    const written = await writeFormats(report, formats, out, { lang, includeValues: raw.includeValues === true, assetsDir: dir, digest });
    io.stdout(`Judged ${judged} of ${order.length} sites again from their saved observations` +
      `${order.length > judged ? ` (${order.length - judged} kept as crawled: no observations)` : ''}.\n`);
    for (const path of written) io.stdout(`Wrote ${terminalSafe(path, 2000)}\n`);
    return printGate(result, report, { config, lang, io: { ...processIo, ...io }, digest });
  } finally {
    await rm(scratch, { force: true });
  }
}
