/**
 * Renders a rule's draft finding or note the way the engine does, so rule tests can read the sentence.
 *
 * @example expect(english(meta, out[0])).to.include('_ga');
 */
import { messageLookup } from '../../src/engine.ts';
import { formatMessage, textIn, type Lang } from '../../src/messages.ts';
import type { DraftNote, RuleMeta } from '../../src/rule.ts';

/** The sentence of a finding, note or "not applicable" reason in `lang` (English by default). */
export function english(meta: RuleMeta, ref: DraftNote, lang: Lang = 'en'): string {
  const lookup = messageLookup(meta.messages);
  const text = lookup(ref.messageId);
  if (!text) throw new Error(`${meta.id} has no message ${ref.messageId}`);
  return formatMessage(textIn(text, lang), ref.data, lang, lookup);
}
