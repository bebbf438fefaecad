/**
 * `--resume`: reads the sites a previous run already finished from `<out>/results.jsonl`, so the
 * crawl only visits the rest. A line cut short by a kill is dropped (and removed from the file, so
 * new lines append cleanly); when a site appears twice the last line wins.
 *
 * @example
 *   const { sites } = await readFinished('./cookie-audit-report/results.jsonl'); // Map targetKey → SiteAudit
 *   targets.filter((t) => !sites.has(targetKey(t)))
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { SiteAudit } from '../src/model.ts';
import { parseTarget, type TargetOptions } from './targets.ts';

/** The key a target's result is recorded under: its normalised URL (the raw text when it is not a valid target). */
export function targetKey(raw: string, options: TargetOptions = {}): string {
  const parsed = parseTarget(raw, options);
  return 'error' in parsed ? raw.trim() : parsed.url;
}

/** A parsed results line, or null when it is not a site audit (cut short, edited by hand…). */
export function parseResultLine(line: string): SiteAudit | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  const v = value as Partial<SiteAudit> | null;
  if (typeof v !== 'object' || v === null || typeof v.url !== 'string' || (v.status !== 'ok' && v.status !== 'error')) return null;
  return v as SiteAudit;
}

/**
 * The finished sites in a results file, by key (`SiteAudit.url`); an empty map when the file does
 * not exist. Rewrites the file without its unreadable lines.
 */
export async function readFinished(path: string): Promise<{ sites: Map<string, SiteAudit>; dropped: number }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { sites: new Map(), dropped: 0 };
    throw error;
  }
  const sites = new Map<string, SiteAudit>();
  let dropped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const site = parseResultLine(line);
    if (site) sites.set(site.url, site);
    else dropped++;
  }
  if (dropped > 0 || sites.size !== text.split('\n').filter((l) => l.trim() !== '').length) {
    const clean = [...sites.values()].map((s) => `${JSON.stringify(s)}\n`).join('');
    await writeFile(`${path}.tmp`, clean);
    await rename(`${path}.tmp`, path);
  }
  return { sites, dropped };
}
