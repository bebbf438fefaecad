/**
 * The programmatic crawl() on small local servers: same-site pages (`--pages`), the https → http
 * fallback for a bare domain, values kept on request, and per-site error codes.
 */
import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crawl } from '../../crawler/crawl.ts';
import type { Report } from '../../src/model.ts';

const PAGE = (title: string) => `<!doctype html><title>${title}</title><h1>${title}</h1>
<a href="/formations">Formations</a> <a href="/contact#form">Contact</a> <a href="https://elsewhere.example/">Ailleurs</a>`;

describe('crawl() on local servers (real Chromium)', function () {
  this.timeout(180_000);
  let server: http.Server;
  let port: number;
  let closedPort: number;
  let out: string;
  let report: Report;
  const hits: string[] = [];

  before(async () => {
    // Plain HTTP only: https:// to it fails the TLS handshake, so a bare domain must fall back to http://.
    server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/favicon.ico') return void res.writeHead(204).end();
      const cookie = path === '/' ? 'home=1; Max-Age=600' : `page_${path.slice(1)}=1; Max-Age=60`;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': cookie });
      res.end(PAGE(path));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));

    out = mkdtempSync(join(tmpdir(), 'cookie-audit-crawl-fn-'));
    report = await crawl([`localhost:${port}`, `http://127.0.0.1:${closedPort}/`, 'not a domain'], {
      out, concurrency: 2, pages: 2, settle: 500, includeValues: true,
    });
  });

  after(() => new Promise<void>((r) => server.close(() => r())));

  it('falls back from https to http for a bare domain and records the final URL', () => {
    const site = report.sites.find((s) => s.url === `https://localhost:${port}/`)!;
    expect(site.status, JSON.stringify(site.error)).to.equal('ok');
    expect(site.finalUrl).to.equal(`http://localhost:${port}/`);
    expect(site.httpStatus).to.equal(200);
  });

  it('visits up to N same-site links in the initial phase only, and sees their cookies', () => {
    const site = report.sites.find((s) => s.url === `https://localhost:${port}/`)!;
    const initial = site.cookies.filter((c) => c.phase === 'initial').map((c) => c.name);
    expect(initial).to.include.members(['home', 'page_formations', 'page_contact']);
    expect(site.cookies.filter((c) => c.phase === 'refused').map((c) => c.name)).to.deep.equal(['home']);
    const artefact = JSON.parse(readFileSync(join(out, `localhost_${port}`, 'observations.json'), 'utf8'));
    expect(artefact.pages).to.deep.equal([
      { url: `http://localhost:${port}/formations`, error: null },
      { url: `http://localhost:${port}/contact`, error: null },
    ]);
  });

  it('keeps cookie values when asked', () => {
    const site = report.sites.find((s) => s.url === `https://localhost:${port}/`)!;
    expect(site.cookies.find((c) => c.name === 'home')?.value).to.equal('1');
  });

  it('gives unreachable and malformed targets their error codes, and still writes every result', () => {
    expect(report.sites.find((s) => s.url === `http://127.0.0.1:${closedPort}/`)?.error?.code).to.equal('connection-refused');
    expect(report.sites.find((s) => s.url === 'not a domain')?.error?.code).to.equal('invalid-target');
    expect(existsSync(join(out, 'report.json'))).to.equal(true);
    expect(readFileSync(join(out, 'results.jsonl'), 'utf8').trim().split('\n')).to.have.length(3);
  });
});
