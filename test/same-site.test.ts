/** One SameSite mapping for every collector's spelling (conformance: the crawler's and the extension's inputs agree). */
import { expect } from 'chai';
import { sameSiteOf } from '../src/cookie-parse.ts';

describe('SameSite, as each collector reads it', () => {
  it('maps the header, DevTools and WebExtension spellings of each value to one', () => {
    const spellings: Record<string, Array<string | undefined>> = {
      Strict: ['Strict', 'strict', 'STRICT'],
      Lax: ['Lax', 'lax'],
      None: ['None', 'none', 'no_restriction'],
    };
    for (const [value, forms] of Object.entries(spellings)) for (const f of forms) expect(sameSiteOf(f), String(f)).to.equal(value);
    for (const f of ['unspecified', '', undefined, 'bogus']) expect(sameSiteOf(f), String(f)).to.equal(null);
  });
});
