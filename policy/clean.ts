/**
 * Removes from a policy page what is not the policy: navigation, header, footer, forms, scripts,
 * styles, hidden elements ([hidden], aria-hidden, inline display:none / visibility:hidden), and the
 * consent banner (its "we use cookies… by continuing you accept" would read as the policy's claim).
 * Banners are the consent tools' banner roots from the vocabulary, plus any dialog or notice-like
 * element (by role, id or class) whose short text speaks of cookies and offers an accept or reject
 * button. Consent tools' cookie declarations are never removed as banners.
 *
 * @example cleanHtml('<nav>Accueil</nav><p>Politique</p>', POLICY_VOCABULARY)('body').text() // 'Politique'
 */
import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import { normaliseText } from './normalise.ts';
import { compileVocabulary, hasWord, wordsPattern, type PolicyVocabulary } from './vocabulary.ts';

const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)/i;

/** Loads the HTML and removes everything that is not the policy's own visible text. */
export function cleanHtml(html: string, vocab: PolicyVocabulary): CheerioAPI {
  const $ = cheerio.load(html);
  removeNonPolicy($, vocab);
  return $;
}

/** Same as cleanHtml, on an already loaded document. */
export function removeNonPolicy($: CheerioAPI, vocab: PolicyVocabulary): void {
  const c = compileVocabulary(vocab);
  const declarations = vocab.tables.declarationContainers.join(', ');
  const insideDeclaration = (el: Parameters<CheerioAPI>[0]) => $(el).closest(declarations).length > 0 || $(el).find(declarations).length > 0;

  $('script, style, noscript, template').remove();
  for (const sel of vocab.cleaning.bannerSelectors) $(sel).remove();

  // Banner heuristic: notice-like element, short, about cookies, with an accept/reject control.
  const hint = wordsPattern(vocab.cleaning.bannerHintWords.flatMap((w) => [w, w.replace(/-/g, '')]));
  const buttonWords = new Set(vocab.cleaning.bannerButtonWords.map((w) => w.toLowerCase()));
  $('div, section, aside, dialog, [role=dialog], [role=alertdialog], [role=region]').each((_, el) => {
    const $el = $(el);
    if (!$el.parent().length || insideDeclaration(el)) return;
    const role = ($el.attr('role') ?? '').toLowerCase();
    const idClass = `${$el.attr('id') ?? ''} ${$el.attr('class') ?? ''}`.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
    const looksLikeNotice = role === 'dialog' || role === 'alertdialog' || el.tagName === 'dialog' || hasWord(idClass, hint);
    if (!looksLikeNotice) return;
    const text = normaliseText($el.text());
    if (text.length > vocab.cleaning.bannerMaxChars || !hasWord(text.toLowerCase(), c.cookieWords)) return;
    const hasButton = $el.find('button, a, [role=button], input[type=button], input[type=submit]').toArray()
      .some((b) => buttonWords.has(normaliseText($(b).text() || ($(b).attr('value') ?? '')).replace(/^[^\p{L}]+/u, '').toLowerCase()));
    if (hasButton) $el.remove();
  });

  for (const sel of vocab.cleaning.removeSelectors) $(sel).remove();
  $('[style]').each((_, el) => {
    if (HIDDEN_STYLE.test($(el).attr('style') ?? '')) $(el).remove();
  });
}
