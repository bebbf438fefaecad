/**
 * Turns a cleaned page, or plain text, into sentences, each with its nearest heading as `section`
 * (PoliGraph: headings give context). Also returns runs of list items, which is where policies
 * list the hosts they cover.
 *
 * HTML: block elements end a piece of text; headings (the vocabulary's tables.headingSelectors)
 * set the section; tables left after the cookie tables were taken become one piece per row, cells
 * joined with ' | '. Text: one piece per line; a short line with no closing punctuation that is not
 * a list item is a heading; list bullets are stripped.
 *
 * @example splitSentences('Cookies are stored for 13 months. Data is kept for 3 years.', V)
 *   // ['Cookies are stored for 13 months.', 'Data is kept for 3 years.']
 */
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { normaliseBlock, normaliseText } from './normalise.ts';
import { escapeRegExp, type PolicyVocabulary } from './vocabulary.ts';
import type { Sentence } from './types.ts';

/** A piece of text before sentence splitting. */
export interface Block {
  text: string;
  section: string;
  /** A list item (li, or a bulleted line). */
  item: boolean;
}

const BLOCK_TAGS = new Set(['p', 'div', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'section', 'article', 'main', 'aside', 'blockquote',
  'pre', 'address', 'figure', 'figcaption', 'details', 'summary', 'body', 'tr', 'td', 'th', 'tbody', 'thead', 'table', 'br', 'hr']);

/** The pieces of text of a cleaned document, in order. */
export function htmlBlocks($: CheerioAPI, vocab: PolicyVocabulary): Block[] {
  const headingSel = vocab.tables.headingSelectors.join(', ');
  const blocks: Block[] = [];
  let section = '';
  let buf = '';
  let inItem = false;
  const flush = () => {
    const text = normaliseText(buf);
    if (text) blocks.push({ text, section, item: inItem });
    buf = '';
  };
  const walk = (node: AnyNode) => {
    if (node.type === 'text') { buf += (node as unknown as { data: string }).data; return; }
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') return;
    const el = node as Element;
    const tag = el.tagName.toLowerCase();
    if ($(el).is(headingSel) && tag !== 'table') {
      flush();
      const text = normaliseText($(el).text());
      if (text) section = text;
      return;
    }
    if (tag === 'table') {
      flush();
      $(el).find('tr').each((_, tr) => {
        const cells = $(tr).children('td, th').toArray().map((td) => normaliseText($(td).text())).filter(Boolean);
        if (cells.length) blocks.push({ text: cells.join(' | '), section, item: false });
      });
      return;
    }
    if (BLOCK_TAGS.has(tag)) {
      flush();
      const wasItem = inItem;
      if (tag === 'li') inItem = true;
      for (const child of el.children) walk(child);
      flush();
      inItem = wasItem;
      return;
    }
    for (const child of el.children) walk(child);
  };
  const root = $('body').get(0) ?? $.root().get(0);
  if (root) for (const child of (root as Element).children) walk(child);
  flush();
  return blocks;
}

/** The pieces of a plain-text policy: one per line, headings guessed, bullets stripped. */
export function textBlocks(text: string, vocab: PolicyVocabulary): Block[] {
  const bullet = new RegExp(`^(?:${vocab.text.bullets.map(escapeRegExp).join('|')})\\s+`, 'u');
  const numbered = /^\(?\d{1,2}[.)]\s+(?=\S)/;
  const blocks: Block[] = [];
  let section = '';
  for (const raw of normaliseBlock(text).split('\n')) {
    let line = raw.trim();
    if (!line) continue;
    let item = false;
    if (bullet.test(line)) { line = line.replace(bullet, ''); item = true; }
    else if (numbered.test(line) && line.length > 90) { item = true; }
    if (!line) continue;
    if (!item && isHeadingLine(line)) { section = line; continue; }
    blocks.push({ text: line, section, item });
  }
  return blocks;
}

function isHeadingLine(line: string): boolean {
  return line.length <= 90 && !/[.!?:;,)"']$/.test(line) && /^[\p{Lu}\d]/u.test(line);
}

/** Splits a block into sentences (not after the vocabulary's abbreviations). */
export function splitSentences(text: string, vocab: PolicyVocabulary): string[] {
  const abbreviations = new Set(vocab.text.abbreviations.map((a) => a.toLowerCase()));
  const out: string[] = [];
  const re = /[.!?]+["')\]]*\s+(?=["«(\[]?[\p{Lu}\d])/gu;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + m[0].trimEnd().length;
    const lastWord = text.slice(start, end).split(/\s+/).pop()!.toLowerCase();
    if (abbreviations.has(lastWord) || /^\d{1,2}\.$/.test(lastWord)) continue;
    const s = text.slice(start, end).trim();
    if (s) out.push(s);
    start = m.index + m[0].length;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

/** The sentences of the blocks, each with its section. */
export function sentencesOf(blocks: readonly Block[], vocab: PolicyVocabulary): Sentence[] {
  return blocks.flatMap((b) => splitSentences(b.text, vocab).map((text) => ({ text, section: b.section })));
}
