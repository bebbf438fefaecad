/**
 * Report wording in English and French, from `reports/i18n/{en,fr}.json`.
 *
 * @example
 *   t('fr', 'site.findings', { n: 3 }); // '3 constats'
 */
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import type { Lang } from './render-options.ts';

const TABLES: Record<Lang, Record<string, unknown>> = { en, fr };

/** The string for `key` in `lang` (English when missing), with `{name}` placeholders filled. */
export function t(lang: Lang, key: string, vars: Record<string, string | number> = {}): string {
  const raw = TABLES[lang][key] ?? TABLES.en[key];
  const text = typeof raw === 'string' ? raw : key;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** A translator bound to one language. */
export function translator(lang: Lang): (key: string, vars?: Record<string, string | number>) => string {
  return (key, vars) => t(lang, key, vars);
}
