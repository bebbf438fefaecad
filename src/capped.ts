/**
 * The caps of src/caps.ts applied to one value, the same way in both collectors: a request's URL
 * and its body. Pure (TextEncoder and TextDecoder exist in Node and in every browser).
 *
 * @example keptBody(new TextEncoder().encode('v=1&tid=UA-1-1')) // 'v=1&tid=UA-1-1'
 */
import { CAPS } from './caps.ts';

/** A request URL as recorded: its first CAPS.urlChars characters. */
export function keptUrl(url: string): string {
  return url.length > CAPS.urlChars ? url.slice(0, CAPS.urlChars) : url;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/**
 * A request body as recorded: its text when it is at most CAPS.postBytes bytes of UTF-8 text, else
 * null (too large to keep, or binary: not UTF-8, or holding NUL). `body` is the bytes sent, or the
 * text a browser already decoded them to (where undecodable bytes became U+FFFD).
 */
export function keptBody(body: string | Uint8Array): string | null {
  let text: string;
  if (typeof body === 'string') {
    if (body.length > CAPS.postBytes || encoder.encode(body).length > CAPS.postBytes || body.includes('\uFFFD')) return null;
    text = body;
  } else {
    if (body.byteLength > CAPS.postBytes) return null;
    try { text = utf8.decode(body); } catch { return null; }
  }
  return text.includes('\u0000') ? null : text;
}
