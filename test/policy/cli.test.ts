/** cli/policy-command.ts in-process: text and JSON output, control characters, errors, URLs. */
import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_BYTES, runPolicy } from '../../cli/policy-command.ts';
import { runMain } from '../cli/run.ts';

const fixture = fileURLToPath(new URL('../fixtures/policies/negations.html', import.meta.url));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (s: string) => { out.push(s); }, stderr: (s: string) => { err.push(s); } } };
}

describe('cli: policy command', () => {
  it('prints the claims of a file as a text table', async () => {
    const c = capture();
    expect(await runPolicy(fixture, { format: 'text' }, c.io)).to.equal(0);
    const text = c.out.join('');
    expect(text).to.contain('2 claims');
    expect(text).to.match(/no-cookies-at-all\s+Ce site n'utilise aucun cookie\./);
  });

  it('prints JSON with kind, quote and section', async () => {
    const c = capture();
    expect(await runPolicy(fixture, { format: 'json' }, c.io)).to.equal(0);
    const parsed = JSON.parse(c.out.join('')) as { claims: Array<{ kind: string; quote: string; section: string }> };
    expect(parsed.claims.map((x) => x.kind)).to.deep.equal(['no-cookies-at-all', 'no-cookies-at-all']);
    expect(parsed.claims[0]).to.include({ section: 'Cookies et vie privée' });
  });

  it('removes control characters from site text printed to the terminal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-cli-'));
    const file = join(dir, 'evil.html');
    writeFileSync(file, '<h2>Evil\u001b[2J\u009bheading</h2><p>Les cookies\u202e sont conservés 13 mois\u001b]0;pwned\u0007.</p>');
    const c = capture();
    expect(await runPolicy(file, { format: 'text' }, c.io)).to.equal(0);
    const text = c.out.join('');
    expect(text).to.contain('cookie-lifetime');
    expect(text).to.not.match(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(text).to.not.match(/[\u202a-\u202e\u2066-\u2069]/);
  });

  it('is wired as `cookie-audit policy <file> [--format json]`, refusing other formats', async () => {
    const json = await runMain(['policy', fixture, '--format', 'json']);
    expect(json.code, json.stderr).to.equal(0);
    expect(JSON.parse(json.stdout).claims.map((x: { kind: string }) => x.kind)).to.deep.equal(['no-cookies-at-all', 'no-cookies-at-all']);
    const text = await runMain(['policy', fixture]);
    expect(text.stdout).to.contain('2 claims');
    const bad = await runMain(['policy', fixture, '--format', 'xml']);
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.contain('text or json');
  });

  it('reads .txt files as plain text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-cli-'));
    const file = join(dir, 'policy.txt');
    writeFileSync(file, 'Cookies\n\nCookies are stored for 13 months.\n');
    const c = capture();
    await runPolicy(file, { format: 'json' }, c.io);
    expect(JSON.parse(c.out.join('')).claims[0]).to.deep.include({ kind: 'cookie-lifetime', maxDays: 395.68, section: 'Cookies' });
  });

  it('fails with exit status 2 (usage) and a message for a missing file', async () => {
    const c = capture();
    expect(await runPolicy('/nonexistent/policy.html', { format: 'text' }, c.io)).to.equal(2);
    expect(c.err.join('')).to.contain('cannot read');
  });

  describe('over HTTP', () => {
    let server: Server;
    let base = '';
    before(async () => {
      server = createServer((req, res) => {
        if (req.url === '/big') {
          res.writeHead(200, { 'content-type': 'text/html' });
          res.end('x'.repeat(MAX_BYTES + 10));
          return;
        }
        if (req.url === '/missing') { res.writeHead(404); res.end(); return; }
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<p>Nous utilisons Google Analytics.</p>');
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      const addr = server.address();
      base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    });
    after(() => new Promise<void>((r) => server.close(() => r())));

    it('fetches an http URL as HTML', async () => {
      const c = capture();
      expect(await runPolicy(`${base}/policy`, { format: 'json' }, c.io)).to.equal(0);
      expect(JSON.parse(c.out.join('')).claims[0]).to.include({ kind: 'vendor', name: 'Google Analytics' });
    });

    it('refuses a page larger than the cap and reports HTTP errors', async () => {
      const big = capture();
      expect(await runPolicy(`${base}/big`, { format: 'text' }, big.io)).to.equal(3);
      expect(big.err.join('')).to.contain('larger than');
      const missing = capture();
      expect(await runPolicy(`${base}/missing`, { format: 'text' }, missing.io)).to.equal(3);
      expect(missing.err.join('')).to.contain('HTTP 404');
    });
  });
});

describe('cookie-audit policy: a hostile policy cannot reach the terminal', () => {
  it('prints no raw control byte in --format json, the policy text still readable as JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-hostile-'));
    const file = join(dir, 'p.html');
    writeFileSync(file, '<html><body><h1>Politique cookies</h1><p>Nous utilisons Google Analytics\u009b2J\u001b]52;c;eA==\u0007 pour la mesure d\'audience.</p></body></html>');
    let out = '';
    expect(await runPolicy(file, { format: 'json' }, { stdout: (s) => { out += s; }, stderr: () => {} })).to.equal(0);
    expect(out).not.to.match(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(() => JSON.parse(out)).not.to.throw();
  });
});
