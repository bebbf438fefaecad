/**
 * Banner wording (knowledge/banner-wording.json) compiled for matching, and the text normaliser both
 * sides of a match go through. Pure: runs in Node, in any page frame and in the extension.
 *
 * @example
 *   const w = compileWording(wordingJson);
 *   classifyLabel('Continuer sans accepter', w); // 'reject' (the longest matching phrase wins)
 */

/** One language's entry in knowledge/banner-wording.json. */
export interface LanguageWording {
  keywords: string[];
  strongPhrases: string[];
  accept: string[];
  reject: string[];
  settings: string[];
  /** Phrases saying that browsing on is taken as consent ("en poursuivant votre navigation…"): not a valid consent. */
  impliedConsent?: string[];
  /** Labels of controls that only dismiss the banner ("Fermer", "Close"). */
  close?: string[];
  /** Labels of the control that records a settings layer's toggles ("Enregistrer mes choix"). */
  save?: string[];
}

/** The document knowledge/banner-wording.json holds. */
export interface BannerWording {
  description?: string;
  languages: Record<string, LanguageWording>;
}

export type ControlKind = 'accept' | 'reject' | 'settings';

/** All languages merged, phrases normalised. */
export interface CompiledWording {
  keywords: string[];
  strongPhrases: string[];
  /** Control phrases, longest first, so the first whole-word hit is the most specific one. */
  labels: Array<{ phrase: string; kind: ControlKind }>;
  /** Implied-consent phrases ("en poursuivant votre navigation"), normalised. */
  impliedConsent: string[];
  /** Dismiss-only labels ("fermer", "close"), normalised. */
  close: string[];
  /** Save-choices labels ("enregistrer mes choix"), normalised, longest first. */
  save: string[];
}

// Letters NFD does not decompose into a base letter plus accent.
const FOLD: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/**
 * Lower case, accents and apostrophes gone, every non-letter/digit run turned into one space.
 * @example normalise("  J’ACCEPTE\n les Cookies ! ") // "j accepte les cookies"
 */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[øæœßłđðþı]/g, (c) => FOLD[c] ?? c)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Merges every language and normalises the phrases once. */
export function compileWording(wording: BannerWording): CompiledWording {
  const keywords = new Set<string>();
  const strong = new Set<string>();
  const labels = new Map<string, ControlKind>();
  const implied = new Set<string>();
  const close = new Set<string>();
  const save = new Set<string>();
  for (const lang of Object.values(wording.languages)) {
    for (const p of lang.save ?? []) save.add(normalise(p));
    for (const p of lang.impliedConsent ?? []) implied.add(normalise(p));
    for (const p of lang.close ?? []) close.add(normalise(p));
    for (const k of lang.keywords) keywords.add(normalise(k));
    for (const p of lang.strongPhrases) strong.add(normalise(p));
    for (const kind of ['accept', 'reject', 'settings'] as const) {
      for (const p of lang[kind]) {
        const n = normalise(p);
        // A phrase listed under two kinds is ambiguous: reject wins, since wrongly "accepting" is worse.
        if (!labels.has(n) || kind === 'reject') labels.set(n, kind);
      }
    }
  }
  return {
    keywords: [...keywords].filter(Boolean),
    strongPhrases: [...strong].filter(Boolean),
    labels: [...labels].map(([phrase, kind]) => ({ phrase, kind })).filter((l) => l.phrase).sort((a, b) => b.phrase.length - a.phrase.length),
    impliedConsent: [...implied].filter(Boolean),
    close: [...close].filter(Boolean),
    save: [...save].filter(Boolean).sort((a, b) => b.length - a.length),
  };
}

/** Longest control labels we classify; longer "buttons" are paragraphs wrapped in a link. */
export const MAX_LABEL_LENGTH = 80;

/**
 * What a control labelled `label` does: the kind of the longest wording phrase found in it as whole
 * words, or null.
 * @example classifyLabel('Accepter & fermer', w) // 'accept'
 */
export function classifyLabel(label: string, wording: CompiledWording): ControlKind | null {
  return labelHit(label, wording)?.kind ?? null;
}

/** The longest control phrase in a label and its kind, or null. */
function labelHit(label: string, wording: CompiledWording): { phrase: string; kind: ControlKind } | null {
  const n = normalise(label);
  if (!n || n.length > MAX_LABEL_LENGTH) return null;
  const padded = ` ${n} `;
  return wording.labels.find(({ phrase }) => padded.includes(` ${phrase} `)) ?? null;
}

/**
 * Whether a control records the choices made with toggles ("Enregistrer mes choix", "Valider"): a save phrase
 * longer than any accept/reject/settings phrase in the label ("Accepter la sélection" saves, "Tout accepter" does not).
 * @example isSaveLabel('Enregistrer mes choix', w) // true
 */
export function isSaveLabel(label: string, wording: CompiledWording): boolean {
  const n = normalise(label);
  if (!n || n.length > MAX_LABEL_LENGTH) return false;
  const padded = ` ${n} `;
  const save = wording.save.find((p) => padded.includes(` ${p} `));
  return save !== undefined && save.length > (labelHit(label, wording)?.phrase.length ?? 0);
}

/** Whether a text carries consent wording: a keyword at a word start, and whether a strong phrase appears. */
export function matchWording(text: string, wording: CompiledWording): { keyword: boolean; strong: boolean } {
  const padded = ` ${normalise(text)} `;
  const keyword = wording.keywords.some((k) => padded.includes(` ${k}`));
  const strong = wording.strongPhrases.some((p) => padded.includes(` ${p} `));
  return { keyword: keyword || strong, strong };
}

/** Whether a banner text says that browsing on counts as consent ("En poursuivant votre navigation, vous acceptez…"). */
export function saysImpliedConsent(text: string, wording: CompiledWording): boolean {
  const padded = ` ${normalise(text)} `;
  return wording.impliedConsent.some((p) => padded.includes(` ${p} `));
}

/** Whether a control only dismisses the banner: a close label, or a bare cross (×, ✕, x). */
export function isCloseLabel(label: string, wording: CompiledWording): boolean {
  const raw = label.trim();
  if (/^[×✕✖✗xX]$/u.test(raw)) return true;
  const n = normalise(raw);
  return n !== '' && wording.close.includes(n);
}
