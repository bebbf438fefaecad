/**
 * `--resume`: reads the sites a previous run already finished from `<out>/results.jsonl`, so the
 * crawl only visits the rest. A line cut short by a kill is dropped (and removed from the file, so
 * new lines append cleanly); when a site appears twice the last line wins. The file is read line by
 * line, never whole; `indexFinished` keeps only where each site's line is, for the collector of a
 * run of any size (queue/collector.ts).
 *
 * @example
 *   const { sites } = await readFinished('./cookie-audit-report/results.jsonl'); // Map targetKey → SiteAudit
 *   targets.filter((t) => !sites.has(targetKey(t)))
 *   const { spans } = await indexFinished(path); for (const site of readSitesAt(path, spans.values())) …
 */
import { closeSync, existsSync, openSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import type { SiteAudit } from '../src/model.ts';
import { fileLineSpans, readSpan, writeJsonLines, type Span } from './file-lines.ts';
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
 * The sites on the lines at `spans`, in that order, read one at a time: of the file `path`, or of
 * several files, each span saying which of `path` it is in (`file`, default 0).
 */
export function* readSitesAt(path: string | readonly string[], spans: Iterable<Span & { file?: number }>): Generator<SiteAudit> {
  const paths = typeof path === 'string' ? [path] : path;
  const fds: number[] = []; // each opened at its first span: no spans, no file needed
  try {
    for (const span of spans) {
      const file = span.file ?? 0;
      const site = parseResultLine(readSpan(fds[file] ??= openSync(paths[file]!, 'r'), span));
      if (!site) throw new Error(`${paths[file]} changed while cookie-audit was reading it (no site at byte ${span.offset}); run the command again once nothing else writes to it.`);
      yield site;
    }
  } finally {
    for (const fd of fds) if (fd !== undefined) closeSync(fd);
  }
}

/** readSitesAt as an iterable that reads the files again on each pass (a ReportSource's `sites`). */
export function sitesAt(path: string | readonly string[], spans: ReadonlyArray<Span & { file?: number }>): Iterable<SiteAudit> {
  return { [Symbol.iterator]: () => readSitesAt(path, spans) };
}

/**
 * Where the last line of each finished site is in a results file, by key (`SiteAudit.url`), in the
 * order sites first appear; an empty map when the file does not exist. Rewrites the file without
 * its unreadable lines and earlier results of a site (each line parsed, none kept in memory).
 */
export async function indexFinished(path: string): Promise<{ spans: Map<string, Span>; dropped: number }> {
  if (!existsSync(path)) return { spans: new Map(), dropped: 0 };
  const spans = new Map<string, Span>();
  let lines = 0;
  let dropped = 0;
  for (const line of fileLineSpans(path)) {
    if (line.text.trim() === '') continue;
    lines++;
    const site = parseResultLine(line.text);
    if (site) spans.set(site.url, { offset: line.offset, bytes: line.bytes });
    else dropped++;
  }
  if (dropped === 0 && spans.size === lines) return { spans, dropped };
  const clean = await writeJsonLines(`${path}.tmp`, (function* () {
    for (const site of readSitesAt(path, spans.values())) yield [site.url, site] as const;
  })());
  await rename(`${path}.tmp`, path);
  return { spans: clean, dropped };
}

/**
 * The finished sites in a results file, by key (`SiteAudit.url`); an empty map when the file does
 * not exist. Rewrites the file without its unreadable lines.
 */
export async function readFinished(path: string): Promise<{ sites: Map<string, SiteAudit>; dropped: number }> {
  const { spans, dropped } = await indexFinished(path);
  const sites = new Map<string, SiteAudit>();
  for (const site of readSitesAt(path, spans.values())) sites.set(site.url, site);
  return { sites, dropped };
}
