/**
 * The report as JSON (the document `report.schema.json` describes), values redacted unless asked.
 *
 * @example
 *   renderJson(report, { lang: 'en', includeValues: false });
 */
import type { Report } from '../src/model.ts';
import type { RenderOptions } from './render-options.ts';
import { inertJson } from './inert-text.ts';
import { redactValues } from './redact-values.ts';

export function renderJson(report: Report, options: RenderOptions): string {
  return inertJson(redactValues(report, options.includeValues), 2) + '\n';
}
