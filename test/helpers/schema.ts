/**
 * Validates a report against the published schema `reports/report.schema.json` with ajv.
 *
 * @example expectValidReport(report); // throws with ajv's errors when the report breaks the contract
 */
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { readFileSync } from 'node:fs';

const schema = JSON.parse(readFileSync(new URL('../../reports/report.schema.json', import.meta.url), 'utf8'));
// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
const ajv = new Ajv({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv) => void)(ajv);
const validate = ajv.compile(schema);

/** The schema's complaints about `report`, one line each; empty when valid. */
export function reportErrors(report: unknown): string[] {
  return validate(report) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}

export function expectValidReport(report: unknown): void {
  const errors = reportErrors(report);
  if (errors.length > 0) throw new Error(`Report breaks reports/report.schema.json:\n${errors.slice(0, 20).join('\n')}`);
}

/** The site form of the schema, for a single SiteAudit (the extension's get-report answer). */
export function siteErrors(site: unknown): string[] {
  return reportErrors({ schemaVersion: 2, tool: { name: 'cookie-audit', version: '0' }, generatedAt: new Date().toISOString(), config: { maxLifetimeMonths: 13, rules: {} }, sites: [site] });
}
