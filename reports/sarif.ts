/**
 * SARIF 2.1.0: one run, the rules described in `tool.driver.rules` (help text = remedy, helpUri = legal
 * reference), one result per finding located at the site's URL, and sites that could not be audited as
 * tool execution notifications.
 *
 * @example
 *   JSON.parse([...sarifChunks(report, digestReport(report), { lang: 'en', includeValues: false })].join('')).runs[0].results.length;
 */
import { findingKey, keyOfSite } from '../src/baseline.ts';
import type { ReportSource } from '../src/model.ts';
import { inertJson } from './inert-text.ts';
import type { RenderOptions } from './render-options.ts';
import { t } from './i18n.ts';
import { findingText, siteErrorText } from './sentences.ts';
import { ruleInfo } from './rule-info.ts';
import type { ReportDigest } from './summary.ts';

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

// Where the streamed lists go in the document's skeleton (a string no report can produce: it is escaped there).
const LIST_MARK = '\u0000cookie-audit-list\u0000';

/**
 * `skeleton` pretty-printed as inertJson(value, 2) would print it with `lists` in place of its
 * LIST_MARK items, in order: each list's items are produced (and printed) one at a time.
 */
function* prettyWithLists(skeleton: unknown, lists: Array<() => Iterable<unknown>>): Generator<string> {
  const marker = JSON.stringify(LIST_MARK);
  const pieces = inertJson(skeleton, 2).split(marker);
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    if (i === 0) {
      yield piece;
      continue;
    }
    const before = pieces[i - 1]!;
    const indent = before.slice(before.lastIndexOf('\n') + 1);
    let first = true;
    for (const item of lists[i - 1]!()) {
      yield `${first ? '' : `,\n${indent}`}${inertJson(item, 2).split('\n').join(`\n${indent}`)}`;
      first = false;
    }
    yield piece;
  }
}

export function* sarifChunks(report: ReportSource, digest: ReportDigest, options: RenderOptions): Generator<string> {
  const { ids } = digest;
  const rules = ids.map((id) => {
    const info = ruleInfo(id, options.lang, digest.titles.get(id));
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

  const results = function* (): Generator<unknown> {
    for (const site of report.sites) {
      const sKey = keyOfSite(site);
      const uri = uriOf(site.finalUrl || site.url);
      for (const f of site.findings) {
        yield {
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
        };
      }
    }
  };

  const notifications = function* (): Generator<unknown> {
    for (const s of report.sites) {
      if (s.status === 'ok') continue;
      yield {
        level: 'error',
        message: { text: t(options.lang, 'sarif.unaudited', { url: s.url, code: s.error?.code ?? 'error', reason: siteErrorText(s.error, options.lang) }) },
        locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(s.url) } } }],
      };
    }
  };
  const unaudited = digest.totals.unaudited;
  const lists: Array<() => Iterable<unknown>> = [];
  // An empty list prints as `[]`: a mark only where there are items.
  const list = (n: number, items: () => Iterable<unknown>): unknown[] => {
    if (n === 0) return [];
    lists.push(items);
    return [LIST_MARK];
  };

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
        executionSuccessful: unaudited === 0,
        ...(unaudited > 0 ? { toolExecutionNotifications: list(unaudited, notifications) } : {}),
        ...(report.generatedAt ? { endTimeUtc: report.generatedAt } : {}),
      }],
      results: list(digest.totals.findings, results),
    }],
  };
  yield* prettyWithLists(sarif, lists);
  yield '\n';
}
