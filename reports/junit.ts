/**
 * JUnit XML: one `<testsuite>` per site, one `<testcase>` per site × rule; `<failure>` for a fail,
 * `<skipped>` for not applicable, `<error>` for a rule error or a site that could not be audited.
 *
 * @example
 *   junitChunks(report, digestReport(report), { lang: 'en', includeValues: false }); // '<?xml version="1.0" …', then one suite per site
 */
import type { ReportSource, SiteAudit } from '../src/model.ts';
import type { RenderOptions } from './render-options.ts';
import { t } from './i18n.ts';
import { findingText, noteTexts, siteErrorText } from './sentences.ts';
import { ruleInfo } from './rule-info.ts';
import { cellOutcome, ruleResult, siteLabel, type ReportDigest } from './summary.ts';
import { xmlAttr, xmlEscape } from './xml.ts';

interface Counts { tests: number; failures: number; errors: number; skipped: number }

function siteSuite(site: SiteAudit, ids: string[], options: RenderOptions, timestamp: string): { xml: string; counts: Counts } {
  const counts: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const label = siteLabel(site);
  const cases: string[] = [];
  for (const id of ids) {
    const cell = cellOutcome(site, id);
    if (cell === 'absent') continue;
    counts.tests++;
    const info = ruleInfo(id, options.lang, ruleResult(site, id)?.title);
    const result = ruleResult(site, id);
    const open = `    <testcase name="${xmlAttr(`${id}: ${info.title}`)}" classname="${xmlAttr(label)}" time="0"`;
    if (cell === 'pass') {
      cases.push(`${open}/>`);
    } else if (cell === 'fail') {
      counts.failures++;
      const findings = site.findings.filter((f) => f.rule === id);
      const advice = [
        info.remedy ? t(options.lang, 'junit.remedy', { text: info.remedy }) : '',
        info.legalReference ? t(options.lang, 'junit.reference', { label: info.legalReference.label, url: info.legalReference.url }) : '',
      ].filter(Boolean);
      const body = [...findings.map((f) => `- [${t(options.lang, `severity.${f.severity}`)}] ${findingText(f, options.lang)}`), ...(advice.length ? ['', ...advice] : [])].join('\n');
      cases.push(`${open}>\n      <failure message="${xmlAttr(`${info.failureTitle} (${findings.length})`)}" type="${xmlAttr(id)}">${xmlEscape(body)}</failure>\n    </testcase>`);
    } else if (cell === 'not-applicable') {
      counts.skipped++;
      cases.push(`${open}>\n      <skipped message="${xmlAttr(noteTexts(result, options.lang).join(' '))}"/>\n    </testcase>`);
    } else {
      counts.errors++;
      const message = site.status === 'error'
        ? `${site.error?.code ?? 'error'}: ${siteErrorText(site.error, options.lang)}`
        : noteTexts(result, options.lang).join(' ');
      cases.push(`${open}>\n      <error message="${xmlAttr(message)}" type="${xmlAttr(site.status === 'error' ? site.error?.code ?? 'site-error' : 'rule-error')}">${xmlEscape(message)}</error>\n    </testcase>`);
    }
  }
  const props = [
    `      <property name="url" value="${xmlAttr(site.url)}"/>`,
    `      <property name="finalUrl" value="${xmlAttr(site.finalUrl)}"/>`,
    `      <property name="status" value="${xmlAttr(site.status)}"/>`,
    `      <property name="cmp" value="${xmlAttr(site.banner?.cmp ?? '')}"/>`,
  ].join('\n');
  const xml = `  <testsuite name="${xmlAttr(label)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}" time="0" timestamp="${xmlAttr(site.startedAt ?? timestamp)}">\n    <properties>\n${props}\n    </properties>\n${cases.join('\n')}\n  </testsuite>`;
  return { xml, counts };
}

export function* junitChunks(report: ReportSource, digest: ReportDigest, options: RenderOptions): Generator<string> {
  // The digest's per-rule cell counts are the suites' counts summed (a case per cell that is not absent).
  const total: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const r of digest.totals.rules) {
    total.tests += r.fail + r.pass + r.notApplicable + r.error;
    total.failures += r.fail;
    total.errors += r.error;
    total.skipped += r.notApplicable;
  }
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="cookie-audit" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}" skipped="${total.skipped}" time="0" timestamp="${xmlAttr(report.generatedAt)}">\n`;
  for (const site of report.sites) yield `${siteSuite(site, digest.ids, options, report.generatedAt).xml}\n`;
  yield '</testsuites>\n';
}
