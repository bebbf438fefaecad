/**
 * A request's body as recorded (src/capped.ts), from webRequest's `requestBody`: raw bytes
 * (sendBeacon, fetch) or parsed form data. Null when absent, binary or too large.
 *
 * @example bodyText({ raw: [{ bytes: new TextEncoder().encode('v=1&tid=UA-1-1').buffer }] }) // 'v=1&tid=UA-1-1'
 */
import { CAPS } from '../../src/caps.ts';
import { keptBody } from '../../src/capped.ts';

export interface RequestBodyLike {
  error?: string;
  formData?: Record<string, string[] | undefined>;
  raw?: Array<{ bytes?: ArrayBuffer | ArrayBufferView; file?: string }>;
}

export function bodyText(body: RequestBodyLike | null | undefined): string | null {
  if (!body || body.error) return null;
  if (body.raw && body.raw.length > 0) {
    const parts: Uint8Array[] = [];
    let size = 0;
    for (const part of body.raw) {
      if (!part.bytes) return null; // a file upload: not text we keep
      const bytes = ArrayBuffer.isView(part.bytes)
        ? new Uint8Array(part.bytes.buffer, part.bytes.byteOffset, part.bytes.byteLength)
        : new Uint8Array(part.bytes);
      size += bytes.byteLength;
      if (size > CAPS.postBytes) return null; // no need to join what will not be kept
      parts.push(bytes);
    }
    const all = new Uint8Array(size);
    let at = 0;
    for (const p of parts) { all.set(p, at); at += p.byteLength; }
    return keptBody(all);
  }
  if (body.formData) {
    const params = new URLSearchParams();
    for (const [k, values] of Object.entries(body.formData)) for (const v of values ?? []) params.append(k, v);
    return keptBody(params.toString());
  }
  return null;
}
