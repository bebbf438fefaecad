/**
 * The sentences of a report in the reader's language: findings, rule notes and exemption reasons are
 * re-rendered from their message ids and data (each rule's `meta.messages`, the engine's and the
 * exemption classifier's catalogs), and a site's error from its code. A report without ids (schema 1)
 * or with an id no catalog knows keeps its English text. Each renderer escapes the result as before.
 *
 * @example
 *   findingText(site.findings[0], 'fr'); // 'Le cookie « _ga » (example.fr) est déposé avant …'
 *   noteTexts(site.rules[0], 'fr');      // ['Aucun appel Google Analytics n'a été observé.']
 */
import { ENGINE } from '../defaults/engine.ts';
import { messageLookup } from '../src/engine.ts';
import { EXEMPTION_MESSAGES } from '../src/exemption.ts';
import { renderRef, type MessageLookup } from '../src/messages.ts';
import type { Exemption, Finding, RuleResult, SiteAudit } from '../src/model.ts';
import { t } from './i18n.ts';
import type { Lang } from './render-options.ts';

const lookups = new Map<string, MessageLookup>();

/** Where a rule's messages are found (its own, then the engine's and the exemption reasons). */
function lookupFor(ruleId: string | undefined): MessageLookup {
  const key = ruleId ?? '';
  let found = lookups.get(key);
  if (!found) {
    found = messageLookup(ENGINE.rules.find((r) => r.meta.id === ruleId)?.meta.messages);
    lookups.set(key, found);
  }
  return found;
}

const isData = (v: unknown): v is Record<string, never> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A finding's sentence in `lang`; its English `message` when it has no known id. */
export function findingText(f: Pick<Finding, 'rule' | 'message' | 'messageId' | 'data'>, lang: Lang): string {
  if (typeof f.messageId !== 'string') return f.message ?? '';
  return renderRef({ messageId: f.messageId, data: isData(f.data) ? f.data : {}, message: f.message ?? '' }, lang, lookupFor(f.rule));
}

/** A rule result's notes in `lang`, one per `notes` entry; the English note when its id is unknown. */
export function noteTexts(result: Pick<RuleResult, 'id' | 'notes' | 'noteMessages'> | undefined, lang: Lang): string[] {
  if (!result) return [];
  const notes = Array.isArray(result.notes) ? result.notes : [];
  const ids = Array.isArray(result.noteMessages) ? result.noteMessages : [];
  return notes.map((note, i) => {
    const ref = ids[i];
    if (!ref || typeof ref.messageId !== 'string') return note;
    return renderRef({ messageId: ref.messageId, data: isData(ref.data) ? ref.data : {}, message: note }, lang, lookupFor(result.id));
  });
}

const exemptionLookup: MessageLookup = (id) => EXEMPTION_MESSAGES[id];

/** Why a cookie is exempt or not, in `lang`; its English `reason` when it has no known id. */
export function reasonText(exemption: Pick<Exemption, 'reason' | 'reasonId' | 'reasonData'> | undefined | null, lang: Lang): string {
  if (!exemption) return '';
  if (typeof exemption.reasonId !== 'string') return exemption.reason ?? '';
  return renderRef({ messageId: exemption.reasonId, data: isData(exemption.reasonData) ? exemption.reasonData : {}, message: exemption.reason ?? '' }, lang, exemptionLookup);
}

/**
 * Evidence for people to read: the English exemption reasons a finding's evidence repeats (a consent
 * finding's `exemption`, the banner rule's cookie list) are shown in `lang`, found among the site's
 * cookies; everything else is left as recorded.
 */
export function evidenceLocalizer(site: Pick<SiteAudit, 'cookies'>, lang: Lang): (value: unknown) => unknown {
  const reasons = new Map<string, string>();
  for (const c of site.cookies ?? []) {
    if (c?.exemption?.reason && !reasons.has(c.exemption.reason)) reasons.set(c.exemption.reason, reasonText(c.exemption, lang));
  }
  const localize = (value: unknown): unknown => {
    if (typeof value === 'string') return reasons.get(value) ?? value;
    if (Array.isArray(value)) return value.map(localize);
    if (isData(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, localize(v)]));
    return value;
  };
  return lang === 'en' || reasons.size === 0 ? (v) => v : localize;
}

/** The CNIL category of an exempt cookie (`session`, `consent-storage`…) in `lang`; as written when unknown. */
export function categoryText(category: string | null | undefined, lang: Lang): string {
  if (!category) return '';
  return renderRef({ messageId: `category:${category}`, message: category }, lang, exemptionLookup);
}

/**
 * Why a site could not be audited, in `lang`: what its error code means (`reports/i18n/*.json`
 * `error.<code>`), then the collector's own detail (browser or network text, left as it came).
 */
export function siteErrorText(error: SiteAudit['error'], lang: Lang): string {
  const code = error?.code ?? 'error';
  const key = `error.${code}`;
  const meaning = t(lang, key);
  const detail = error?.message ?? '';
  if (meaning === key) return detail;
  return detail && detail !== meaning && detail !== t('en', key) ? `${meaning} (${detail})` : meaning;
}
