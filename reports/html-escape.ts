/**
 * HTML escaping for everything that comes from an audited site, and the only two ways a report
 * ever turns such text into a link or an image: an http(s) URL and a base64 image data URI.
 *
 * @example
 *   esc('<img src=x onerror=alert(1)>'); // '&lt;img src=x onerror=alert(1)&gt;'
 */
import { inertText } from './inert-text.ts';
import { isWebUrl } from './summary.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Text safe in element content and in double-quoted attribute values; control characters dropped. */
export function esc(raw: unknown): string {
  return inertText(raw).replace(/[&<>"'`]/g, (c) => ENTITIES[c]);
}

/** A link when `url` is http(s), else the escaped text alone (a `javascript:` URL never becomes a link). */
export function link(url: string | null | undefined, text?: string, max = 90): string {
  const shown = shorten(text ?? url ?? '', max);
  const title = (text ?? url ?? '').length > max ? ` title="${esc(text ?? url)}"` : '';
  if (!isWebUrl(url)) return `<span${title}>${esc(shown)}</span>`;
  return `<a href="${esc(url)}" rel="noopener noreferrer nofollow"${title}>${esc(shown)}</a>`;
}

/** Text cut to `max` characters with an ellipsis. */
export function shorten(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

const DATA_IMAGE = /^data:image\/(?:png|jpeg|webp|gif);base64,[A-Za-z0-9+/]+={0,2}$/;

/** The data URI when it is a base64 PNG/JPEG/WebP/GIF, else null: nothing else may reach `src`. */
export function safeImage(uri: string | undefined): string | null {
  return typeof uri === 'string' && DATA_IMAGE.test(uri) ? uri : null;
}
