/**
 * The fixture web answers HTTP and HTTPS on one port, serves the real npm packages, and a real
 * Chromium routed to it sees the designed cookies (third-party ones included) and each consent manager's banner.
 */
import { expect } from 'chai';
import http from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'puppeteer-core';
import { startFixtureWeb, type FixtureWeb } from './fixtures/web/server.ts';
import { launchChromium } from './fixtures/web/chromium.ts';
import type { FixtureSite } from './fixtures/web/site-types.ts';
import { ENGINE } from '../defaults/engine.ts';

interface Answer { status: number; body: string; headers: http.IncomingHttpHeaders; encrypted: boolean }

/** A plain Node request to the fixture port, naming the virtual host as a browser would. */
function fetchFrom(web: FixtureWeb, scheme: 'https' | 'http', host: string, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const lib = scheme === 'https' ? https : http;
    const req = lib.request({
      host: '127.0.0.1', port: web.port, path, headers: { host },
      ...(scheme === 'https' ? { servername: host, rejectUnauthorized: false } : {}),
    }, (res) => {
      const encrypted = Boolean((res.socket as { encrypted?: boolean }).encrypted);
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({
        status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers, encrypted,
      }));
    });
    req.on('error', reject);
    req.end();
  });
}

// The rules the engine ships: a site may declare an outcome for any of them.
const RULES = [...ENGINE.ruleIds];
const CMPS = ['tarteaucitronjs', 'vanilla-cookieconsent', 'klaro', 'orejime', 'cookieconsent', '@porscheofficial/cookie-consent-banner'];

describe('fixture web', function () {
  this.timeout(60_000);
  let web: FixtureWeb;
  before(async () => { web = await startFixtureWeb(); });
  after(async () => { await web?.close(); });

  describe('over plain Node requests', () => {
    it('answers HTTPS and HTTP on the same port, choosing the site by Host', async () => {
      const secure = await fetchFrom(web, 'https', 'www.demo-ecole.fr', '/');
      expect(secure.encrypted).to.equal(true);
      expect(secure.status).to.equal(200);
      expect(secure.body).to.include('/vendor/tarteaucitronjs/tarteaucitron.js');

      const plain = await fetchFrom(web, 'http', 'sans-traceur.test', '/');
      expect(plain.encrypted).to.equal(false);
      expect(plain.status).to.equal(200);
      expect(String(plain.headers['set-cookie'])).to.match(/^PHPSESSID=\w+; Path=\/; HttpOnly$/);
    });

    it('serves the vendored npm files unchanged, on any host and through the CDN host', async () => {
      const klaro = await fetchFrom(web, 'https', 'nantes.demo-ecole.fr', '/vendor/klaro/dist/klaro.js');
      expect(klaro.status).to.equal(200);
      expect(klaro.headers['content-type']).to.match(/javascript/);
      expect(klaro.body).to.equal(readFileSync('node_modules/klaro/dist/klaro.js', 'utf8'));

      const cdn = await fetchFrom(web, 'https', 'cdn.jsdelivr.net', '/npm/@minimal-analytics/ga4@1.8.7/dist/index.js');
      expect(cdn.body).to.equal(readFileSync('node_modules/@minimal-analytics/ga4/dist/index.js', 'utf8'));
    });

    it('refuses paths outside the exposed packages', async () => {
      for (const path of ['/vendor/klaro/../../package.json', '/vendor/tough-cookie/package.json', '/vendor/klaro/%2e%2e/%2e%2e/package.json']) {
        expect((await fetchFrom(web, 'https', 'www.demo-ecole.fr', path)).status, path).to.equal(404);
      }
    });

    it('sets the redirect cookie on the 302 itself', async () => {
      const r = await fetchFrom(web, 'https', 'redirection.test', '/');
      expect(r.status).to.equal(302);
      expect(r.headers.location).to.equal('/accueil');
      expect(String(r.headers['set-cookie'])).to.match(/^redir_track=.+; Max-Age=2592000/);
    });

    it('declares every site once, with known rule ids, and each one answers', async () => {
      const hosts = web.sites.map((s) => s.host);
      expect(new Set(hosts).size).to.equal(hosts.length);
      for (const cmp of CMPS) expect(web.sites.some((s) => s.cmp === cmp), cmp).to.equal(true);
      for (const s of web.sites) {
        for (const id of Object.keys(s.expected)) expect(RULES, `${s.host}: ${id}`).to.include(id);
        expect(s.cmp === null, `${s.host}: a banner needs controls`).to.equal(s.controls === undefined);
        const r = await fetchFrom(web, s.scheme, s.host, s.path);
        expect([200, 302], s.host).to.include(r.status);
      }
    });
  });

  describe('in Chromium', () => {
    let browser: Browser;
    before(async () => { browser = await launchChromium(web); });
    after(async () => { await browser?.close(); });

    const site = (host: string): FixtureSite => {
      const s = web.sites.find((x) => x.host === host);
      if (!s) throw new Error(`No fixture site ${host}`);
      return s;
    };

    /** Opens a site in a fresh context and returns the page, its cookie names and what it requested. */
    async function open(s: FixtureSite): Promise<{ page: Page; requests: string[]; cookieNames: () => Promise<string[]> }> {
      const ctx = await browser.createBrowserContext();
      const page = await ctx.newPage();
      const requests: string[] = [];
      page.on('request', (r) => { requests.push(r.url()); });
      await page.goto(web.origin(s.host, s.scheme) + s.path, { waitUntil: 'networkidle0' });
      const cdp = await page.createCDPSession();
      const cookieNames = async () => {
        const { cookies } = await cdp.send('Network.getAllCookies') as { cookies: Array<{ name: string }> };
        return cookies.map((c) => c.name).sort();
      };
      return { page, requests, cookieNames };
    }

    it('keeps third-party cookies set by a cross-site iframe and pixel', async () => {
      const { page, cookieNames } = await open(site('iframe-tiers.test'));
      expect(page.frames().map((f) => f.url())).to.include('https://ads.tracker.test/frame');
      expect(await cookieNames()).to.include.members(['ad_id', 'ad_seen', 'ad_px']);
      await page.browserContext().close();
    });

    it('shows each real consent manager\'s banner and sets only its consent cookie before a choice', async () => {
      const cmpSites = CMPS.map((cmp) => web.sites.find((s) => s.cmp === cmp && s.expected['cookies-before-consent'] === 'pass')!);
      await Promise.all(cmpSites.map(async (s) => {
        const { page, cookieNames } = await open(s);
        await page.waitForSelector(s.controls!.banner, { visible: true, timeout: 15_000 });
        const names = await cookieNames();
        for (const absent of s.absentCookies?.initial ?? []) expect(names, s.host).not.to.include(absent);
        expect(names.every((n) => ['tarteaucitron', 'cc_cookie', 'klaro', 'orejime', 'cookieconsent_status'].includes(n)), `${s.host}: ${names}`).to.equal(true);
        await page.browserContext().close();
      }));
    });

    it('runs analytics only after clicking accept on the tarteaucitron site', async () => {
      const s = site('www.demo-ecole.fr');
      const { page, requests, cookieNames } = await open(s);
      expect(requests.some((u) => u.includes('/g/collect'))).to.equal(false);
      await (await page.waitForSelector(s.controls!.accept, { visible: true }))!.click();
      await page.waitForRequest((r) => r.url().startsWith('https://www.google-analytics.com/g/collect?v=2&tid=G-'), { timeout: 10_000 });
      await page.waitForFunction(() => document.cookie.includes('_ga='), { timeout: 10_000 });
      expect(await cookieNames()).to.include.members(s.expectedCookies!.accepted!);
      await page.browserContext().close();
    });

    it('sends the parent-domain cookie from one campus and not from its sibling', async () => {
      const paris = await open(site('paris.demo-ecole.fr'));
      const cdp = await paris.page.createCDPSession();
      const { cookies } = await cdp.send('Network.getAllCookies') as { cookies: Array<{ name: string; domain: string }> };
      expect(cookies.find((c) => c.name === 'campus_visitor')?.domain).to.equal('.demo-ecole.fr');
      await paris.page.browserContext().close();
      const lyon = await open(site('lyon.demo-ecole.fr'));
      expect(await lyon.cookieNames()).not.to.include('campus_visitor');
      await lyon.page.browserContext().close();
    });
  });
});
