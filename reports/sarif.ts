/**
 * SARIF 2.1.0: one run, the rules described in `tool.driver.rules` (help text = remedy, helpUri = legal
 * reference), one result per finding located at the site's URL, and sites that could not be audited as
 * tool execution notifications.
 *
 * @example
 *   JSON.parse(renderSarif(report, { lang: 'en', includeValues: false })).runs[0].results.length;
 */
import { findingKey, keyOfSite } from '../src/baseline.ts';
import type { Report } from '../src/model.ts';
import { inertJson } from './inert-text.ts';
import type { RenderOptions } from './render-options.ts';
import { t } from './i18n.ts';
import { findingText, siteErrorText } from './messages.ts';
import { reportRuleIds, ruleInfo } from './rule-info.ts';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** `cookie-lifetime` → `CookieLifetime`, the SARIF convention for a rule's name. */
const pascal = (id: string): string => id.split(/[^a-zA-Z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');

/** A URI SARIF accepts: the parsed URL, else the text percent-encoded. */
function uriOf(raw: string): string {
  try {
    return new URL(raw).href;
  } catch {
    return encodeURI(raw || 'about:blank');
  }
}

export function renderSarif(report: Report, options: RenderOptions): string {
  const ids = reportRuleIds(report);
  const rules = ids.map((id) => {
    const title = report.sites.flatMap((s) => s.rules).find((r) => r.id === id)?.title;
    const info = ruleInfo(id, options.lang, title);
    const level = report.config?.rules?.[id];
    const descriptor: Record<string, unknown> = {
      id,
      name: pascal(id),
      shortDescription: { text: info.title },
      defaultConfiguration: { level: (level === 'warn' ? 'warning' : level === 'off' ? 'none' : info.defaultSeverity === 'warn' ? 'warning' : 'error') },
      properties: { tags: ['privacy', 'cookies', 'cnil'] },
    };
    if (info.description) descriptor.fullDescription = { text: info.description };
    if (info.legalReference?.url) descriptor.helpUri = info.legalReference.url;
    if (info.remedy || info.legalReference) {
      const ref = info.legalReference;
      descriptor.help = {
        text: [info.remedy, ref ? `${ref.label}: ${ref.url}` : ''].filter(Boolean).join('\n\n'),
        markdown: [info.remedy, ref ? `[${ref.label}](${ref.url})` : ''].filter(Boolean).join('\n\n'),
      };
    }
    return descriptor;
  });

  const results = report.sites.flatMap((site) => {
    const sKey = keyOfSite(site);
    const uri = uriOf(site.finalUrl || site.url);
    return site.findings.map((f) => ({
      ruleId: f.rule,
      ruleIndex: ids.indexOf(f.rule),
      level: f.severity === 'warn' ? 'warning' : 'error',
      message: { text: findingText(f, options.lang) || ruleInfo(f.rule, options.lang).failureTitle },
      locations: [{ physicalLocation: { artifactLocation: { uri } } }],
      // Stable identity across runs so code-scanning tools track a finding instead of reopening it.
      partialFingerprints: { 'cookieAudit/v1': findingKey(sKey, f) },
      properties: {
        ...(f.cookie !== undefined ? { cookie: f.cookie } : {}),
        ...(f.domain !== undefined ? { domain: f.domain } : {}),
        ...(f.phase !== undefined ? { phase: f.phase } : {}),
        evidence: f.evidence,
      },
    }));
  });

  const notifications = report.sites.filter((s) => s.status !== 'ok').map((s) => ({
    level: 'error',
    message: { text: t(options.lang, 'sarif.unaudited', { url: s.url, code: s.error?.code ?? 'error', reason: siteErrorText(s.error, options.lang) }) },
    locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(s.url) } } }],
  }));

  const sarif = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'cookie-audit',
          version: report.tool?.version ?? '0.0.0',
          rules,
        },
      },
      invocations: [{
        executionSuccessful: notifications.length === 0,
        ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
        ...(report.generatedAt ? { endTimeUtc: report.generatedAt } : {}),
      }],
      results,
    }],
  };
  return inertJson(sarif, 2) + '\n';
}
