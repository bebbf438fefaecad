/**
 * Messages built from an id and data, the way ESLint rules declare `meta.messages`: a rule (or the
 * engine, or the exemption classifier) declares each sentence once per language with `{{name}}`
 * placeholders, and a finding or note carries only `messageId` + `data`. The report keeps the
 * English rendering in `message` for older readers; renderers re-render in the report's language.
 *
 * Placeholders:
 * - `{{name}}`: the value of `data.name` (a nested `{ messageId, data }` is rendered in the same
 *   language; a missing name is left as written, as ESLint does);
 * - `{{name|one|other}}`: `one` when `data.name` is singular in that language (1 in English; 0 and 1
 *   in French), else `other`, e.g. `{{count}} hit{{count||s}}` or `{{n|a été|ont été}}`.
 *
 * @example
 *   const messages = { tooLong: { en: 'Cookie "{{name}}" lives {{days}} day{{days||s}}.', fr: 'Le cookie « {{name}} » vit {{days}} jour{{days||s}}.' } };
 *   formatMessage(messages.tooLong.fr, { name: '_ga', days: 730 }, 'fr'); // 'Le cookie « _ga » vit 730 jours.'
 */

/** The languages every message is written in. */
export type Lang = 'en' | 'fr';
export const LANGS: readonly Lang[] = ['en', 'fr'];

/** One text in each language. */
export interface LocalizedText {
  en: string;
  fr: string;
}

/** A message in a catalog: `{ en, fr }` templates with `{{placeholders}}`. */
export type MessageCatalog = Readonly<Record<string, LocalizedText>>;

/** A message to render later: its id, its data, and optionally its English rendering (the fallback). */
export interface MessageRef {
  messageId: string;
  data?: MessageData;
  /** English rendering, used when a reader does not know the id (an old or foreign report). */
  message?: string;
}

/** What a placeholder may be filled with: plain JSON values, or another message. */
export type MessageValue = string | number | boolean | null | MessageRef;
export type MessageData = { [name: string]: MessageValue };

/** Finds a message by id; undefined when unknown. */
export type MessageLookup = (messageId: string) => LocalizedText | undefined;

function isRef(value: unknown): value is MessageRef {
  return typeof value === 'object' && value !== null && typeof (value as MessageRef).messageId === 'string';
}

function singular(value: MessageValue | undefined, lang: Lang): boolean {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return false;
  return lang === 'fr' ? Math.abs(n) < 2 : n === 1;
}

/** The text of a localized message in `lang`; English when that language is missing. */
export function textIn(text: LocalizedText | string | undefined | null, lang: Lang): string {
  if (text === undefined || text === null) return '';
  if (typeof text === 'string') return text;
  const t = text[lang];
  return typeof t === 'string' ? t : text.en;
}

/** Fills a template's placeholders from `data`; nested messages are found with `lookup`. */
export function formatMessage(template: string, data: MessageData | undefined, lang: Lang, lookup: MessageLookup = () => undefined): string {
  const values: MessageData = data && typeof data === 'object' ? data : {};
  return template.replace(/\{\{\s*([\w.-]+)\s*(?:\|([^|}]*)\|([^}]*))?\}\}/g, (whole, name: string, one?: string, other?: string) => {
    if (!Object.prototype.hasOwnProperty.call(values, name)) return one === undefined ? whole : (other ?? '');
    const value = values[name];
    if (one !== undefined) return singular(value, lang) ? one : (other ?? '');
    return valueText(value, lang, lookup);
  });
}

function valueText(value: MessageValue, lang: Lang, lookup: MessageLookup): string {
  if (isRef(value)) return renderRef(value, lang, lookup);
  if (value === null || value === undefined) return '';
  return String(value);
}

/**
 * A message reference rendered in `lang`: its template with its data, or its English `message`
 * when the id is unknown (null when there is neither).
 */
export function renderRef(ref: MessageRef, lang: Lang, lookup: MessageLookup): string {
  const text = lookup(ref.messageId);
  if (!text) return typeof ref.message === 'string' ? ref.message : ref.messageId;
  return formatMessage(textIn(text, lang), ref.data, lang, lookup);
}

/** A lookup that tries each catalog in turn (a rule's own messages first, then the shared ones). */
export function catalogLookup(...catalogs: ReadonlyArray<MessageCatalog | undefined>): MessageLookup {
  return (id) => {
    for (const c of catalogs) {
      if (c && Object.prototype.hasOwnProperty.call(c, id)) return c[id];
    }
    return undefined;
  };
}
