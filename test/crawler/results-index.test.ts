/**
 * results.jsonl read line by line and indexed (crawler/resume.ts indexFinished): each site's last
 * line found again by where it is, across the 1 MiB read chunks and multi-byte characters; a
 * file with a cut line or a site twice rewritten, and the index pointing into the new file.
 */
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileLineSpans } from '../../crawler/file-lines.ts';
import { indexFinished, readSitesAt } from '../../crawler/resume.ts';
import type { SiteAudit } from '../../src/model.ts';
import { cleanSite } from '../reports/sample.ts';

/** A site whose line is about `size` bytes, with 2-, 3- and 4-byte characters. */
function site(i: number, size = 200, tag = ''): SiteAudit {
  const s = cleanSite();
  return { ...s, url: `https://s${i}.exemple.fr/`, error: null, banner: { ...s.banner, text: `Cookies é€😀 ${tag}`.padEnd(size, 'x') } };
}

describe('results.jsonl indexed line by line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cookie-audit-results-index-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('finds each line again by its offset, across read chunks and multi-byte characters', () => {
    const path = join(dir, 'spans.jsonl');
    // Lines of 700 KB: most cross a 1 MiB chunk boundary.
    const sites = Array.from({ length: 6 }, (_, i) => site(i, 700_000));
    writeFileSync(path, sites.map((s) => `${JSON.stringify(s)}\n`).join(''));
    const spans = [...fileLineSpans(path)];
    expect(spans.map((l) => (JSON.parse(l.text) as SiteAudit).url)).to.deep.equal(sites.map((s) => s.url));
    expect([...readSitesAt(path, spans)]).to.deep.equal(sites);
  });

  it('keeps the last line of a site, drops a cut line, and rewrites the file it then indexes', async () => {
    const path = join(dir, 'results.jsonl');
    const [a, b, c] = [site(1), site(2), site(3)];
    const bAgain = site(2, 300, 'again');
    writeFileSync(path, [a, b, c, bAgain].map((s) => `${JSON.stringify(s)}\n`).join('') + JSON.stringify(site(4)).slice(0, 90));
    const { spans, dropped } = await indexFinished(path);
    expect(dropped).to.equal(1);
    expect([...spans.keys()]).to.deep.equal([a.url, b.url, c.url]);
    expect([...readSitesAt(path, spans.values())]).to.deep.equal([a, bAgain, c]);
    expect(readFileSync(path, 'utf8')).to.equal([a, bAgain, c].map((s) => `${JSON.stringify(s)}\n`).join(''));
    expect((await indexFinished(join(dir, 'missing.jsonl'))).spans.size).to.equal(0);
  });
});
