/**
 * Many host names for few sites: serves `site-<n>.bench.test` (HTTP and HTTPS on one port) by
 * forwarding each request to the fixture web as one of a few template sites, so a benchmark can
 * crawl hundreds of distinct hosts (no cache or cookie shared between them) without hundreds of fixtures.
 *
 * @example
 *   const alias = await startHostAlias(web, ['sans-traceur.test', 'lyon.demo-ecole.fr']);
 *   alias.target(7) // → 'https://site-7.bench.test/' served as lyon.demo-ecole.fr
 */
import http from 'node:http';
import https from 'node:https';
import { throwawayCertificate } from '../test/fixtures/web/tls.ts';
import { listenOnePort } from '../test/fixtures/web/one-port.ts';
import type { FixtureWeb } from '../test/fixtures/web/server.ts';

export interface HostAlias {
  port: number;
  /** The URL of alias number `n` (the template's scheme and path). */
  target(n: number): string;
  /** Chromium resolver rule: bench hosts here, every other host (third parties) to the fixture web. */
  browserArgs: string[];
  close(): Promise<void>;
}

const ALIAS = /^site-(\d+)\.bench\.test$/;

export async function startHostAlias(web: FixtureWeb, templateHosts: readonly string[]): Promise<HostAlias> {
  const templates = templateHosts.map((host) => {
    const site = web.sites.find((s) => s.host === host);
    if (!site) throw new Error(`Expected a fixture site host, got \`${host}\` (see test/fixtures/web/sites.ts)`);
    return site;
  });
  const forward = (scheme: 'http' | 'https'): http.RequestListener => (req, res) => {
    const m = ALIAS.exec((req.headers.host ?? '').replace(/:\d+$/, ''));
    if (!m) {
      res.writeHead(404).end('Not a bench host');
      return;
    }
    const template = templates[Number(m[1]) % templates.length];
    const upstream = (scheme === 'https' ? https : http).request({
      host: '127.0.0.1', port: web.port, method: req.method, path: req.url,
      headers: { ...req.headers, host: template.host }, rejectUnauthorized: false, servername: template.host,
    }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  };
  const { key, cert } = await throwawayCertificate();
  const listener = await listenOnePort(http.createServer(forward('http')), https.createServer({ key, cert }, forward('https')));
  return {
    port: listener.port,
    target: (n) => {
      const t = templates[n % templates.length];
      return `${t.scheme}://site-${n}.bench.test${t.path}`;
    },
    browserArgs: [`--host-resolver-rules=MAP *.bench.test 127.0.0.1:${listener.port}, MAP * 127.0.0.1:${web.port}`, '--ignore-certificate-errors'],
    close: listener.close,
  };
}
