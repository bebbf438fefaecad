/**
 * The report as JSON (the document `report.schema.json` describes), values redacted unless asked.
 *
 * @example
 *   renderJson(report, { lang: 'en', includeValues: false });
 */
import type { Report } from '../src/model.ts';
import type { RenderOptions } from './render-options.ts';
import { reportJsonChunks } from './json-stream.ts';
import { redactValues } from './redact-values.ts';

/** In report.json's own layout (one site per line, ./json-stream.ts), so `report` can read it back as a stream. */
export function renderJson(report: Report, options: RenderOptions): string {
  return [...reportJsonChunks(redactValues(report, options.includeValues))].join('');
}
