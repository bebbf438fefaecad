/**
 * Rule metadata for renderers: the registry's `meta` in the asked language (each rule declares its
 * texts `{ en, fr }`), and a plain fallback for a rule id the registry does not know (an old or
 * foreign report).
 *
 * @example
 *   ruleInfo('cookie-lifetime', 'fr').remedy;
 */
import { ENGINE } from '../defaults/engine.ts';
import { textIn } from '../src/messages.ts';
import type { Report, Severity } from '../src/model.ts';
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

/** The wording of one rule in `lang`; `fallbackTitle` is used when the registry lacks the id. */
export function ruleInfo(id: string, lang: Lang, fallbackTitle?: string): RuleInfo {
  const meta = ENGINE.rules.find((r) => r.meta.id === id)?.meta;
  if (!meta) {
    return {
      id, title: fallbackTitle ?? id, failureTitle: fallbackTitle ?? id, description: '', legalReference: null,
      remedy: '', defaultSeverity: 'error', known: false,
    };
  }
  return {
    id,
    title: textIn(meta.title, lang),
    failureTitle: textIn(meta.failureTitle, lang),
    description: textIn(meta.description, lang),
    legalReference: meta.legalReference ? { label: textIn(meta.legalReference.label, lang), url: meta.legalReference.url } : null,
    remedy: textIn(meta.remedy, lang),
    defaultSeverity: meta.defaultSeverity,
    known: true,
  };
}

/** The rule ids a report mentions (`seen`, as met) and those its config turns on, in registry order first, then any unknown ones as met. */
export function orderRuleIds(seenIds: Iterable<string>, config: Report['config'] | undefined): string[] {
  const seen = new Set(seenIds);
  // Rules configured on but never run (every site errored) still deserve a row.
  for (const [id, level] of Object.entries(config?.rules ?? {})) if (level !== 'off') seen.add(id);
  if (seen.size === 0) for (const r of ENGINE.rules) seen.add(r.meta.id);
  const ordered = ENGINE.rules.map((r) => r.meta.id).filter((id) => seen.has(id));
  for (const id of seen) if (!ordered.includes(id)) ordered.push(id);
  return ordered;
}
