/**
 * The popup speaks the browser's language: its own words come from `_locales/<lang>/messages.json`
 * through `browser.i18n`, and the rules' texts and findings from the rules' `{ en, fr }` messages in
 * the same language.
 *
 * @example el('h2', {}, msg('rulesHeading')); findingText(f, uiLang());
 */
import browser from 'webextension-polyfill';
import type { Lang } from '../../reports/render-options.ts';

/** The popup's text for `key` (extension/_locales), with `$1`… filled from `subs`. */
export function msg(key: string, subs?: string | string[]): string {
  return browser.i18n.getMessage(key, subs) || key;
}

/** The language the rules' texts are shown in: French when the browser's UI is, else English. */
export function uiLang(): Lang {
  return browser.i18n.getUILanguage().toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
