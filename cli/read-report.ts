/**
 * Reads a saved report.json (for `cookie-audit report`, `--baseline` and `report --merge`) and
 * checks it against reports/report.schema.json, so a wrong file gets a clear usage error instead of
 * a crash later.
 *
 * Reports are read as a stream, never as one string (Node's string limit is near 100,000 sites):
 * the layout crawler/results-dir.ts writes has the header fields one per line, then `"sites": [`,
 * then one site's JSON per line, then `]` and `}` (see `writeReport`). A valid report.json laid out
 * otherwise (pretty-printed by another tool) is still read, whole, when it is under
 * WHOLE_FILE_LIMIT bytes.
 *
 * @example
 *   const report = readReportFile('baseline', './old/report.json'); // throws UsageError when it is not a cookie-audit report
 *   for (const site of readReportSites('report', './big/report.json')) …  // one site at a time
 *   const report = reportFileSource('report', './big/report.json');     // a ReportSource: each pass reads the file again
 */
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { fileLines } from '../crawler/file-lines.ts';
import type { Report, ReportSource, SiteAudit } from '../src/model.ts';
import schema from '../reports/report.schema.json' with { type: 'json' };
import { UsageError } from './crawl-options.ts';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
let validate: ReturnType<Ajv['compile']> | null = null;

/** A report in another layout than ours is parsed whole only up to this size (bytes). */
export const WHOLE_FILE_LIMIT = 256 * 1024 * 1024;

/** The schema's complaints about `data`, at most `max` lines; empty when it is a valid report. */
export function reportSchemaErrors(data: unknown, max = 5): string[] {
  if (!validate) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    (addFormats as unknown as (a: Ajv) => void)(ajv);
    validate = ajv.compile(schema);
  }
  if (validate(data)) return [];
  return (validate.errors ?? []).slice(0, max).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}

export type ReportHead = Omit<Report, 'sites'>;

class NotOurLayout extends Error {}

/** `  "key": value,` → [key, value]; null when the line is not one header field. */
function headerField(line: string): [string, unknown] | null {
  const m = /^ {2}"([A-Za-z]+)": (.*?),?$/.exec(line);
  if (!m) return null;
  try {
    return [m[1]!, JSON.parse(m[2]!)];
  } catch {
    return null;
  }
}

/**
 * Our layout, streamed: yields the header once, then each site. Throws NotOurLayout when the
 * header is not laid out as we write it (before any site is yielded).
 */
function* streamOurs(path: string): Generator<{ head: ReportHead } | { site: unknown; index: number }> {
  const lines = fileLines(path);
  const next = () => {
    const r = lines.next();
    return r.done ? null : r.value.replace(/\r$/, '');
  };
  try {
    if (next() !== '{') throw new NotOurLayout();
    const head: Record<string, unknown> = {};
    let line: string | null;
    for (;;) {
      line = next();
      if (line === null) throw new NotOurLayout();
      if (line === '  "sites": [' || line === '  "sites": []') break;
      const field = headerField(line);
      if (!field) throw new NotOurLayout();
      head[field[0]] = field[1];
    }
    // The first site decides too: one whole site per line, or another layout.
    let pending: unknown = undefined;
    if (line === '  "sites": [') {
      line = next();
      if (line === null) throw new NotOurLayout();
      if (line !== '  ]') {
        try {
          pending = JSON.parse(line.trim().replace(/,$/, ''));
        } catch {
          throw new NotOurLayout();
        }
      }
    }
    yield { head: head as unknown as ReportHead };
    let index = 0;
    if (pending !== undefined) {
      yield { site: pending, index: index++ };
      for (;;) {
        line = next();
        if (line === null) throw new SyntaxError('the file ends inside the `sites` list (cut short?)');
        if (line === '  ]') break;
        const text = line.trim().replace(/,$/, '');
        let site: unknown;
        try {
          site = JSON.parse(text);
        } catch (error) {
          throw new SyntaxError(`site ${index + 1}: ${(error as Error).message}`);
        }
        yield { site, index: index++ };
      }
    }
    const end = next();
    if (end !== '}' || (next() ?? '') !== '') throw new SyntaxError('unexpected text after the `sites` list');
  } finally {
    lines.return(undefined);
  }
}

function notReport(what: string, path: string): UsageError {
  return new UsageError(`The ${what} \`${path}\` is not a cookie-audit report (expected the report.json a crawl writes, with "tool": {"name": "cookie-audit"}).`);
}

function checkHead(what: string, path: string, head: unknown): ReportHead {
  const tool = (head as { tool?: { name?: unknown } } | null)?.tool?.name;
  if (typeof head !== 'object' || head === null || Array.isArray(head) || tool !== 'cookie-audit') throw notReport(what, path);
  const errors = reportSchemaErrors({ ...head, sites: [] });
  if (errors.length > 0) throw schemaError(what, path, errors);
  return head as ReportHead;
}

function schemaError(what: string, path: string, errors: string[]): UsageError {
  return new UsageError(`The ${what} \`${path}\` does not match the cookie-audit report schema (reports/report.schema.json):\n  ${errors.join('\n  ')}`);
}

function checkSite(what: string, path: string, head: ReportHead, site: unknown, index: number): SiteAudit {
  const errors = reportSchemaErrors({ ...head, sites: [site] });
  if (errors.length > 0) throw schemaError(what, path, errors.map((e) => e.replace(/^\/sites\/0/, `/sites/${index}`)));
  return site as SiteAudit;
}

function readWhole(what: string, path: string): unknown {
  const size = statSync(path).size;
  if (size > WHOLE_FILE_LIMIT) {
    throw new UsageError(`The ${what} \`${path}\` is not laid out as cookie-audit writes report.json (one site per line) and is too large ` +
      `(${Math.round(size / 1048576)} MiB) to read whole; write it again with \`cookie-audit report\` from its results, or with this version.`);
  }
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`The ${what} \`${path}\` is not valid JSON: ${(error as Error).message}`);
  }
}

function openable(what: string, path: string): void {
  try {
    statSync(path);
    closeSync(openSync(path, 'r'));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UsageError(`Cannot read the ${what} \`${path}\`: ${why}`);
  }
}

/**
 * The header (every field but `sites`) then each site, checked (unless `checkSites` is false: the
 * file was checked before), one at a time.
 * @throws UsageError when the file is missing, not JSON, or not a cookie-audit report.
 */
export function* readReportStream(what: string, path: string, checkSites = true): Generator<{ head: ReportHead } | { site: SiteAudit }> {
  openable(what, path);
  let head: ReportHead | null = null;
  const ours = streamOurs(path);
  try {
    for (const item of ours) {
      if ('head' in item) {
        head = checkHead(what, path, item.head);
        yield { head };
      } else {
        yield { site: checkSites ? checkSite(what, path, head!, item.site, item.index) : item.site as SiteAudit };
      }
    }
    return;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if (error instanceof SyntaxError) throw new UsageError(`The ${what} \`${path}\` is not valid JSON: ${error.message}`);
    if (!(error instanceof NotOurLayout)) throw error;
  }
  // Another layout: the whole file, when small enough.
  const data = readWhole(what, path) as Record<string, unknown> | null;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw notReport(what, path);
  const { sites, ...rest } = data;
  head = checkHead(what, path, rest);
  const errors = checkSites ? reportSchemaErrors(data) : [];
  if (errors.length > 0) throw schemaError(what, path, errors);
  yield { head };
  for (const site of sites as SiteAudit[]) yield { site };
}

/** Only the header (tool, version, rule levels) of a report; its sites are not read (our layout) . */
export function readReportHead(what: string, path: string): ReportHead {
  const stream = readReportStream(what, path);
  try {
    const first = stream.next();
    if (first.done || !('head' in first.value)) throw notReport(what, path);
    return first.value.head;
  } finally {
    stream.return(undefined);
  }
}

/** Each site of a report, checked, one at a time. */
export function* readReportSites(what: string, path: string): Generator<SiteAudit> {
  for (const item of readReportStream(what, path)) if ('site' in item) yield item.site;
}

/**
 * A report file as a ReportSource: its header read now, its sites read from the file again on each
 * pass (each `for … of report.sites`), one at a time, so the report is never in memory whole. The
 * first complete pass checks every site against the schema; later ones only parse, once they have
 * made sure the file is still the one checked (same inode, size and modification time).
 * @throws UsageError when the file is missing, not a cookie-audit report, or changes while it is read.
 */
export function reportFileSource(what: string, path: string): ReportSource {
  const head = readReportHead(what, path);
  const identity = (): string => {
    const s = statSync(path);
    return `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}`;
  };
  const changed = () => new UsageError(`The ${what} \`${path}\` changed while cookie-audit was reading it; run the command again once nothing writes to it.`);
  let checked: string | null = null;
  const sites: Iterable<SiteAudit> = {
    *[Symbol.iterator]() {
      const before = identity();
      if (checked !== null && before !== checked) throw changed();
      const check = checked === null;
      for (const item of readReportStream(what, path, check)) if ('site' in item) yield item.site;
      if (identity() !== before) throw changed();
      if (check) checked = before;
    },
  };
  return { ...head, sites };
}

/**
 * The report in `path`, validated, read as a stream (sites one by one, no whole-file string).
 * `what` names the file in messages ("report", "baseline").
 * @throws UsageError when the file is missing, not JSON, or not a cookie-audit report.
 */
export function readReportFile(what: string, path: string): Report {
  let head: ReportHead | null = null;
  const sites: SiteAudit[] = [];
  for (const item of readReportStream(what, path)) {
    if ('head' in item) head = item.head;
    else sites.push(item.site);
  }
  if (!head) throw notReport(what, path);
  return { ...head, sites } as Report;
}
