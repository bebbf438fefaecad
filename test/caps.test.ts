/**
 * One conformance suite for the caps both collectors apply to what a request carries (src/caps.ts,
 * src/capped.ts): the same body, as each collector's browser API hands it over, is kept or refused
 * alike by the crawler (DevTools' text or bytes) and by the extension (webRequest's bytes).
 */
import { expect } from 'chai';
import { PhaseCapture } from '../crawler/capture.ts';
import { bodyText } from '../extension/background/request-body.ts';
import { CAPS } from '../src/caps.ts';
import { keptUrl } from '../src/capped.ts';

/** What each collector records of a POST body sent as these bytes. */
const collectors: Record<string, (bytes: Uint8Array) => string | null> = {
  'crawler (DevTools text)': (bytes) => crawlerBody({ postData: new TextDecoder().decode(bytes) }),
  'crawler (DevTools bytes)': (bytes) => crawlerBody({ postDataEntries: [{ bytes: Buffer.from(bytes).toString('base64') }] }),
  'extension (webRequest bytes)': (bytes) => bodyText({ raw: [{ bytes: bytes.slice(0, 100).buffer }, { bytes: bytes.slice(100) }] }),
};

function crawlerBody(request: { postData?: string; postDataEntries?: Array<{ bytes: string }> }): string | null {
  const cap = new PhaseCapture({ isOfInterest: () => true });
  (cap as unknown as { onRequest(e: unknown): void }).onRequest({ requestId: 'r1', type: 'Ping', request: { url: 'https://t.test/collect', method: 'POST', ...request } });
  return cap.requests[0]!.postData;
}

const bytes = (text: string) => new TextEncoder().encode(text);

for (const [name, body] of Object.entries(collectors)) {
  describe(`request body caps conformance: ${name}`, () => {
    it('keeps a text body of up to CAPS.postBytes bytes, whole', () => {
      const text = `v=2&tid=G-1&${'x'.repeat(CAPS.postBytes - 12)}`;
      expect(body(bytes(text))).to.equal(text);
    });

    it('refuses one byte more, counting bytes, not characters', () => {
      expect(body(bytes('x'.repeat(CAPS.postBytes + 1)))).to.equal(null);
      expect(body(bytes('é'.repeat(CAPS.postBytes / 2)))).to.equal('é'.repeat(CAPS.postBytes / 2));
      expect(body(bytes(`${'é'.repeat(CAPS.postBytes / 2)}x`))).to.equal(null);
    });

    it('refuses a binary body: bytes that are not UTF-8, or a NUL', () => {
      expect(body(new Uint8Array([0x76, 0x3d, 0xff, 0xfe, 0x31]))).to.equal(null);
      expect(body(bytes('v=1\u0000&tid=UA-1-1'))).to.equal(null);
    });
  });
}

describe('URL cap', () => {
  it('keeps the first CAPS.urlChars characters of a URL', () => {
    const url = `https://t.test/collect?${'a'.repeat(CAPS.urlChars)}`;
    expect(keptUrl(url)).to.equal(url.slice(0, CAPS.urlChars));
    expect(keptUrl('https://t.test/')).to.equal('https://t.test/');
  });
});
