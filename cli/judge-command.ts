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
import { join, resolve } from 'node:path';
import { ENGINE } from '../defaults/engine.ts';
import type { SiteAudit, SiteObservations } from '../src/model.ts';
import { readFinished } from '../crawler/resume.ts';
import { applyGate, parseGateOptions, type RawGateOptions } from './gating.ts';
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

/** Every `<dir>/<site>/observations.json`, by the URL the site was audited as. */
export function savedObservations(dir: string): Map<string, SiteObservations> {
  const byUrl = new Map<string, SiteObservations>();
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
    if (obs && typeof obs.url === 'string') byUrl.set(obs.url, obs);
  }
  return byUrl;
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
  const earlier = (await readFinished(results)).sites;
  const observations = savedObservations(dir);
  const sites: SiteAudit[] = [];
  let judged = 0;
  for (const site of earlier.values()) {
    const obs = site.status === 'ok' ? observations.get(site.url) : undefined;
    if (obs) {
      sites.push(ENGINE.auditSite(obs, config));
      judged++;
    } else {
      // No observations (the site could not be audited, or its artefacts were removed): kept as the crawl judged it.
      sites.push(site);
    }
  }
  const report = ENGINE.buildReport(sites, config);
  const out = raw.out ?? dir;
  const written = await writeFormats(report, formats, out, { lang, includeValues: raw.includeValues === true, assetsDir: dir });
  io.stdout(`Judged ${judged} of ${sites.length} sites again from their saved observations` +
    `${sites.length > judged ? ` (${sites.length - judged} kept as crawled: no observations)` : ''}.\n`);
  for (const path of written) io.stdout(`Wrote ${terminalSafe(path, 2000)}\n`);
  return applyGate(report, flags, { config, lang, io: { ...processIo, ...io } });
}
