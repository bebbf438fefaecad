/** Removes cookie values from a report unless the caller asked for them: values are personal data. */
import type { Report } from '../src/model.ts';

/** A copy of `report` whose cookie values are null, or the report itself when values are wanted. */
export function redactValues(report: Report, includeValues: boolean): Report {
  if (includeValues) return report;
  return {
    ...report,
    sites: report.sites.map((site) => ({
      ...site,
      cookies: site.cookies.map((c) => ({ ...c, value: null })),
    })),
  };
}
