/** Small crawler helpers: browser lookup, same-site links, artefact slugs, terminal-safe text. */
import { expect } from 'chai';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChromiumNotFoundError, findChromium } from '../../crawler/chromium.ts';
import { sameSiteLinks } from '../../crawler/links.ts';
import { slugOf, SlugSet } from '../../crawler/slug.ts';
import { terminalSafe } from '../../cli/safe-text.ts';

const dir = mkdtempSync(join(tmpdir(), 'cookie-audit-helpers-'));
const fakeChrome = join(dir, 'chrome');
writeFileSync(fakeChrome, '#!/bin/sh\n');
chmodSync(fakeChrome, 0o755);
const missing = join(dir, 'missing');

describe('findChromium', () => {
  it('prefers --executable, then $CHROME_PATH, then $PUPPETEER_EXECUTABLE_PATH, then system paths', () => {
    expect(findChromium({ executable: fakeChrome, env: { CHROME_PATH: missing } })).to.equal(fakeChrome);
    expect(findChromium({ env: { CHROME_PATH: fakeChrome }, candidates: [] })).to.equal(fakeChrome);
    expect(findChromium({ env: { PUPPETEER_EXECUTABLE_PATH: fakeChrome }, candidates: [] })).to.equal(fakeChrome);
    expect(findChromium({ env: {}, candidates: [missing, fakeChrome] })).to.equal(fakeChrome);
  });

  it('explains how to get a browser when none is found', () => {
    expect(() => findChromium({ executable: missing })).to.throw(ChromiumNotFoundError, /--executable.*missing or not executable/);
    expect(() => findChromium({ env: { CHROME_PATH: missing } })).to.throw(ChromiumNotFoundError, /\$CHROME_PATH/);
    expect(() => findChromium({ env: {}, candidates: [missing] })).to.throw(ChromiumNotFoundError, /apt-get install -y chromium/);
  });
});

describe('sameSiteLinks', () => {
  it('lists distinct same-site page links in document order, up to N', () => {
    const html = `<a href="/contact">c</a><a href="https://lyon.ecole.fr/x#part">l</a><a href="/contact#again">c2</a>
      <a href="https://other.fr/">o</a><a href="mailto:a@ecole.fr">m</a><a href="/brochure.pdf">p</a><a href="#top">t</a><a href="/plan">p</a>`;
    expect(sameSiteLinks(html, 'https://www.ecole.fr/', 5)).to.deep.equal(['https://www.ecole.fr/contact', 'https://lyon.ecole.fr/x', 'https://www.ecole.fr/plan']);
    expect(sameSiteLinks(html, 'https://www.ecole.fr/', 1)).to.deep.equal(['https://www.ecole.fr/contact']);
    expect(sameSiteLinks(html, 'https://www.ecole.fr/', 0)).to.deep.equal([]);
  });
});

describe('slugs', () => {
  it('are safe directory names, unique within a crawl', () => {
    expect(slugOf('https://Lyon.cesi.fr:8443/a/../b?c=1')).to.match(/^[a-z0-9][a-z0-9._-]*$/);
    expect(slugOf('https://lyon.cesi.fr/')).to.equal('lyon.cesi.fr');
    const set = new SlugSet();
    expect([set.take('https://a.fr/'), set.take('http://a.fr/'), set.take('https://a.fr')]).to.deep.equal(['a.fr', 'a.fr-2', 'a.fr-3']);
  });
});

describe('terminalSafe', () => {
  it('strips control characters and bidi overrides, and caps the length', () => {
    expect(terminalSafe('a\u001b[2J\rb\u202ec\n')).to.equal('a[2J bc ');
    // OSC 52 (clipboard), a C1 CSI, line separators and the Arabic letter mark are dropped too.
    expect(terminalSafe('x\u001b]52;c;ZXZpbA==\u0007y\u009b2Jz\u2028\u061c')).to.equal('x]52;c;ZXZpbA==y2Jz');
    expect(terminalSafe('x'.repeat(50), 10)).to.have.length(10);
  });
});
