/**
 * The crawler's hardening helpers, without a browser: Set-Cookie redaction, scheme refusal,
 * artefact names that cannot leave `--out`, reading back a results file cut by a kill, and the
 * documented list of error codes.
 */
import { expect } from 'chai';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ERROR_CODES } from '../../crawler/errors.ts';
import { OutputDir } from '../../crawler/results-dir.ts';
import { redactCookieLine } from '../../crawler/redact-set-cookie.ts';
import { readFinished, targetKey } from '../../crawler/resume.ts';
import { slugOf, SlugSet } from '../../crawler/slug.ts';
import { parseTarget } from '../../crawler/targets.ts';
import { errorSite } from '../../src/engine.ts';

describe('crawler hardening', () => {
  it('redacts the value of a raw Set-Cookie line and keeps its attributes', () => {
    expect(redactCookieLine('_ga=GA1.2.345.678; Max-Age=63072000; Path=/; Domain=.a.fr')).to.equal('_ga=<redacted>; Max-Age=63072000; Path=/; Domain=.a.fr');
    expect(redactCookieLine('id=a=b=c')).to.equal('id=<redacted>');
    expect(redactCookieLine('valueonly; Path=/')).to.equal('=<redacted>; Path=/');
  });

  it('refuses non-http(s) schemes with `unsupported-scheme`, and lets file: through only when allowed', () => {
    for (const t of ['file:///etc/passwd', 'FILE:///etc/shadow', 'javascript:alert(1)', 'data:text/html,x', 'chrome://crash', 'view-source:https://a.fr/', 'ftp://a.fr/']) {
      const r = parseTarget(t);
      expect(r, t).to.have.property('code', 'unsupported-scheme');
    }
    expect(parseTarget('file:///etc/passwd')).to.have.property('error').that.includes('--allow-scheme file');
    expect(parseTarget('javascript:alert(1)', { allowSchemes: ['file'] })).to.have.property('code', 'unsupported-scheme');
    expect(parseTarget('file:///srv/page.html', { allowSchemes: ['file'] })).to.deep.include({ url: 'file:///srv/page.html', candidates: ['file:///srv/page.html'] });
    expect(parseTarget('exa mple.fr')).to.have.property('code', 'invalid-target');
    expect(parseTarget('localhost:8080')).to.have.property('url', 'https://localhost:8080/');
  });

  it('names artefact directories so that no site name can climb out of --out', async () => {
    const hostile = ['https://a.fr/../../../etc/passwd', 'https://a.fr/%2e%2e/%2e%2e/x', 'https://a.fr/..%2f..%2fx', '../../x', '/etc/passwd', '..', '.', 'C:\\Windows', 'https://a.fr/\u0000\u001b[2J'];
    const slugs = new SlugSet();
    const out = await OutputDir.open(mkdtempSync(join(tmpdir(), 'cookie-audit-slug-')));
    for (const url of hostile) {
      const slug = slugs.take(url);
      expect(slug, url).to.match(/^[a-z0-9][a-z0-9._-]*$/);
      expect(slug, url).to.not.include('..');
      expect(out.siteDir(slug).startsWith(`${out.dir}/`), url).to.equal(true);
    }
    expect(() => out.siteDir('../escape')).to.throw(/Unsafe/);
    expect(slugOf('https://Lyon.cesi.fr/')).to.equal('lyon.cesi.fr');
  });

  it('reads back a results file cut short by a kill: whole lines kept, the cut line dropped and removed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cookie-audit-resume-unit-'));
    const path = join(dir, 'results.jsonl');
    const a = errorSite('https://a.fr/', 'dns', 'no');
    const b = errorSite('https://b.fr/', 'tls', 'bad');
    const b2 = errorSite('https://b.fr/', 'timeout', 'later');
    writeFileSync(path, `${JSON.stringify(a)}\n${JSON.stringify(b)}\n${JSON.stringify(b2)}\n${JSON.stringify(a).slice(0, 40)}`);
    const { sites, dropped } = await readFinished(path);
    expect([...sites.keys()]).to.deep.equal(['https://a.fr/', 'https://b.fr/']);
    expect(sites.get('https://b.fr/')?.error?.code).to.equal('timeout');
    expect(dropped).to.equal(1);
    const rewritten = readFileSync(path, 'utf8');
    expect(rewritten.endsWith('\n')).to.equal(true);
    expect(rewritten.trim().split('\n').map((l) => JSON.parse(l).url)).to.deep.equal(['https://a.fr/', 'https://b.fr/']);
    expect((await readFinished(join(dir, 'missing.jsonl'))).sites.size).to.equal(0);
  });

  it('keys a target by its normalised URL, so `a.fr` and `https://a.fr/` are the same site on resume', () => {
    expect(targetKey('a.fr')).to.equal('https://a.fr/');
    expect(targetKey(' https://a.fr/ ')).to.equal('https://a.fr/');
    expect(targetKey('exa mple.fr')).to.equal('exa mple.fr');
  });

  it('documents every error code in the README', () => {
    const doc = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const code of Object.keys(ERROR_CODES)) expect(doc, code).to.include(`| \`${code}\` |`);
  });
});
