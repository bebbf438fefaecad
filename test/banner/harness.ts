/**
 * Test harness for the banner tests: a tiny HTTP server answering per host name (Chromium maps every
 * host to it with --host-resolver-rules) and a fresh headless Chromium with the project's flags.
 *
 * @example
 *   const web = await serve({ 'site.test': { '/': '<p>hi</p>' } });
 *   const browser = await launch(web.port);  // http://site.test:<port>/ now reaches `web`
 *   const tab = pagePerTest({ 'site.test': { '/': '<p>hi</p>' } }); // in a describe(): both, and a fresh page per test
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { launchBrowser } from '../../crawler/browser.ts';
import { findChromium } from '../../crawler/chromium.ts';
import type { Browser, BrowserContext, Page } from 'puppeteer-core';

const NODE_MODULES = resolve(import.meta.dirname, '../../node_modules');
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html; charset=utf-8' };

/** Pages per host name (URLs carry no port: the resolver rule maps every host and port to the server), then per path; `/node_modules/…` is served from the project's node_modules. */
export type Site = Record<string, Record<string, string>>;

export interface Web { port: number; url(host: string, path?: string): string; close(): Promise<void> }

export async function serve(sites: Site): Promise<Web> {
  const server: Server = createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const path = (req.url ?? '/').split('?')[0]!;
    if (path.startsWith('/node_modules/')) {
      const file = resolve(NODE_MODULES, '.' + path.slice('/node_modules'.length));
      if (!file.startsWith(NODE_MODULES)) { res.writeHead(403).end(); return; }
      try {
        const body = readFileSync(file);
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
      } catch { res.writeHead(404).end(); }
      return;
    }
    const body = sites[host]?.[path];
    if (body === undefined) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    url: (host, path = "/") => `http://${host}${path}`,
    close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}

/** Headless Chromium launched as the crawler launches it, every host routed to the test server. */
export async function launch(port: number): Promise<Browser & { profileDir: string }> {
  const { browser, userDataDir, close } = await launchBrowser({
    executablePath: findChromium(), extraArgs: [`--host-resolver-rules=MAP * 127.0.0.1:${port}`],
  });
  return Object.assign(browser, { profileDir: userDataDir, close });
}

export interface PagePerTest { readonly web: Web; readonly browser: Browser; readonly page: Page }

/**
 * For the enclosing describe(): the sites served and Chromium launched before its tests, closed
 * after them, and each test a fresh browser context and page (no cookie or storage carried over).
 * Hooks registered here run before the suite's own; read the fields in hooks and tests only.
 */
export function pagePerTest(sites: Site): PagePerTest {
  let web: Web | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  before(async () => {
    web = await serve(sites);
    browser = await launch(web.port);
  });
  after(async () => {
    await browser?.close();
    await web?.close();
  });
  beforeEach(async () => {
    context = await browser!.createBrowserContext();
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('pagePerTest: the server, browser and page exist inside hooks and tests only');
    return value;
  };
  return { get web() { return ready(web); }, get browser() { return ready(browser); }, get page() { return ready(page); } };
}
