/**
 * Rule metadata for renderers: the registry's `meta`, French wording from `i18n/fr.json` when asked,
 * and a plain fallback for a rule id the registry does not know (an old or foreign report).
 *
 * @example
 *   ruleInfo('cookie-lifetime', 'fr').remedy;
 */
import { ENGINE } from '../defaults/engine.ts';
import type { Report, Severity } from '../src/model.ts';
import fr from './i18n/fr.json' with { type: 'json' };
import type { Lang } from './render-options.ts';

export interface RuleInfo {
  id: string;
  title: string;
  failureTitle: string;
  description: string;
  legalReference: { label: string; url: string } | null;
  remedy: string;
  defaultSeverity: Severity;
  known: boolean;
}

type Translations = Record<string, Partial<Pick<RuleInfo, 'title' | 'failureTitle' | 'description' | 'remedy'>> & { legalLabel?: string }>;
const FR_RULES = (fr as { rules?: Translations }).rules ?? {};

/** The wording of one rule in `lang`; `fallbackTitle` is used when the registry lacks the id. */
export function ruleInfo(id: string, lang: Lang, fallbackTitle?: string): RuleInfo {
  const meta = ENGINE.rules.find((r) => r.meta.id === id)?.meta;
  const base: RuleInfo = meta
    ? {
      id, title: meta.title, failureTitle: meta.failureTitle, description: meta.description,
      legalReference: meta.legalReference ?? null, remedy: meta.remedy, defaultSeverity: meta.defaultSeverity, known: true,
    }
    : {
      id, title: fallbackTitle ?? id, failureTitle: fallbackTitle ?? id, description: '', legalReference: null,
      remedy: '', defaultSeverity: 'error', known: false,
    };
  if (lang !== 'fr' || !meta) return base;
  const t = FR_RULES[id] ?? {};
  return {
    ...base,
    title: t.title ?? base.title,
    failureTitle: t.failureTitle ?? base.failureTitle,
    description: t.description ?? base.description,
    remedy: t.remedy ?? base.remedy,
    legalReference: base.legalReference && t.legalLabel ? { ...base.legalReference, label: t.legalLabel } : base.legalReference,
  };
}

/** Every rule id the report mentions, in registry order first, then any unknown ones as met. */
export function reportRuleIds(report: Report): string[] {
  const seen = new Set<string>();
  for (const site of report.sites) {
    for (const r of site.rules) seen.add(r.id);
    for (const f of site.findings) seen.add(f.rule);
  }
  // Rules configured on but never run (every site errored) still deserve a row.
  for (const [id, level] of Object.entries(report.config?.rules ?? {})) if (level !== 'off') seen.add(id);
  if (seen.size === 0) for (const r of ENGINE.rules) seen.add(r.meta.id);
  const ordered = ENGINE.rules.map((r) => r.meta.id).filter((id) => seen.has(id));
  for (const id of seen) if (!ordered.includes(id)) ordered.push(id);
  return ordered;
}
