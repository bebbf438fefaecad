/**
 * A request's body as text when it is small (≤ 8 KiB), from webRequest's `requestBody`: raw
 * bytes (sendBeacon, fetch) or parsed form data. Null when absent, binary or too large.
 *
 * @example bodyText({ raw: [{ bytes: new TextEncoder().encode('v=1&tid=UA-1-1').buffer }] }) // 'v=1&tid=UA-1-1'
 */
export const MAX_BODY_BYTES = 8 * 1024;

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
      if (size > MAX_BODY_BYTES) return null;
      parts.push(bytes);
    }
    const all = new Uint8Array(size);
    let at = 0;
    for (const p of parts) { all.set(p, at); at += p.byteLength; }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(all);
    } catch {
      return null; // binary
    }
  }
  if (body.formData) {
    const params = new URLSearchParams();
    for (const [k, values] of Object.entries(body.formData)) for (const v of values ?? []) params.append(k, v);
    const text = params.toString();
    return text.length <= MAX_BODY_BYTES ? text : null;
  }
  return null;
}
