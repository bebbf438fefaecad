/**
 * Reads a saved report.json (for `cookie-audit report` and `--baseline`) and checks it against
 * reports/report.schema.json, so a wrong file gets a clear usage error instead of a crash later.
 *
 * @example
 *   const report = readReportFile('baseline', './old/report.json'); // throws UsageError when it is not a cookie-audit report
 */
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { readFileSync } from 'node:fs';
import type { Report } from '../src/model.ts';
import schema from '../reports/report.schema.json' with { type: 'json' };
import { UsageError } from './crawl-options.ts';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
let validate: ReturnType<Ajv['compile']> | null = null;

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

/**
 * The report in `path`, validated. `what` names the file in messages ("report", "baseline").
 * @throws UsageError when the file is missing, not JSON, or not a cookie-audit report.
 */
export function readReportFile(what: string, path: string): Report {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UsageError(`Cannot read the ${what} \`${path}\`: ${why}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`The ${what} \`${path}\` is not valid JSON: ${(error as Error).message}`);
  }
  const tool = (data as { tool?: { name?: unknown } } | null)?.tool?.name;
  if (typeof data !== 'object' || data === null || Array.isArray(data) || tool !== 'cookie-audit') {
    throw new UsageError(`The ${what} \`${path}\` is not a cookie-audit report (expected the report.json a crawl writes, with "tool": {"name": "cookie-audit"}).`);
  }
  const errors = reportSchemaErrors(data);
  if (errors.length > 0) {
    throw new UsageError(`The ${what} \`${path}\` does not match the cookie-audit report schema (reports/report.schema.json):\n  ${errors.join('\n  ')}`);
  }
  return data as Report;
}
