/** XML text and attribute escaping that also drops characters XML 1.0 forbids (a site may send any byte). */
import { inertText } from './inert-text.ts';

// XML 1.0 §2.2 Char: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF.
// eslint-disable-next-line no-control-regex
const INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlEscape(raw: unknown): string {
  // Controls XML allows (DEL, C1, bidi) are dropped too: no escape sequence for a terminal `cat`.
  return inertText(raw)
    .replace(INVALID, '\uFFFD')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** For attributes: line breaks would be normalised to spaces by parsers, so keep them as references. */
export function xmlAttr(raw: unknown): string {
  return xmlEscape(raw).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
