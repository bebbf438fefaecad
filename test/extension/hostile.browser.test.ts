/**
 * A hostile fixture web for the extension: one site per attack a page can make on the evidence the
 * extension gathers about it (issue 13). The page-world hook and the content script talk through
 * DOM events, which a page can dispatch itself; each site here forges them, and the verdict must
 * stay what the browser really did:
 *
 * - faux-clic.test: a forged "accept" early click, backdated to the page's start;
 * - fausse-suppression.test: after a real refusal, a forged `_ga=; Max-Age=0` while `_ga` stays in the jar;
 * - faux-connect.test: a forged "connect" before the content script's, to make the hook drop what it kept;
 * - faux-message.test: popup-only messages (`audit-from-scratch`, `get-report`) sent from the content
 *   script's side, by the page's events and from the extension's isolated world of the page itself;
 * - deluge.test: thousands of cookies, script writes and tracker beacons: the record is capped and
 *   says so (`truncated`, `dropped` on the phase's observations).
 *
 * The forged-click site also runs in Firefox (the Firefox build).
 */
import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExtension } from '../../scripts/build-extension.ts';
import type { Target } from '../../extension/manifest.ts';
import { CAPS } from '../../src/caps.ts';
import type { Outcome, PhaseObservations, SiteAudit, SiteObservations } from '../../src/model.ts';
import { PIXEL } from '../fixtures/web/kit.ts';
import { findFirefox, NO_FIREFOX, startFirefoxHarness } from './firefox-harness.ts';
import { startHarness, type ExtensionHarness, type Harness } from './harness.ts';

/** How long the slow image holds a page's load back (the person clicks before it). */
const SLOW_MS = 4000;

const BANNER = `<div id="bandeau" role="dialog" style="position:fixed;bottom:0;left:0;right:0;background:#fff;padding:1em">
  <p>Nous utilisons des cookies pour mesurer l'audience de ce site.</p>
  <button id="accepter">Tout accepter</button> <button id="refuser">Tout refuser</button>
</div>`;

const page = (title: string, body: string): string =>
  `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${title}</title></head><body>\n${body}\n</body></html>`;

/** A Google Analytics cookie for two years, set while the page parses: it needs consent. */
const GA_NOW = `<script>document.cookie = '_ga=GA1.1.1234567890.1700000000; Max-Age=63072000; path=/';</script>`;

/**
 * The old channel's event names, and a made-up per-frame secret's: the page forges on both.
 * (Literal strings: the page knows them from the extension's public source.)
 */
const FORGE_KIT = `<script>
window.forge = {
  secret: '0123456789abcdef0123456789abcdef',
  connect() {
    document.dispatchEvent(new CustomEvent('cookie-audit:connect'));
    window.dispatchEvent(new CustomEvent('cookie-audit:connect', { detail: this.secret }));
  },
  click(el, detail) {
    for (const type of ['cookie-audit:early-click', 'cookie-audit:' + this.secret + ':click']) {
      el.dispatchEvent(new MouseEvent(type, { detail, bubbles: true, composed: true }));
    }
  },
  cookie(cookie, time) {
    const detail = JSON.stringify({ cookie, url: location.href, setterUrl: null, time });
    for (const type of ['cookie-audit:script-cookie', 'cookie-audit:' + this.secret + ':cookie']) {
      document.dispatchEvent(new CustomEvent(type, { detail }));
      window.dispatchEvent(new CustomEvent(type, { detail }));
    }
  },
};
</script>`;

const SITES: Record<string, (path: string) => string> = {
  // Forged "accept" clicks on the real button, backdated to the page's time origin (detail 0), over
  // and over (content.js arrives after the load, when it does not know).
  'faux-clic.test': () => page('Faux clic', `${GA_NOW}\n${BANNER}\n${FORGE_KIT}
<script>
forge.connect();
setInterval(() => { forge.click(document.getElementById('accepter'), 0); forge.connect(); }, 100);
</script>`),
  // The person refuses; the page keeps _ga, then claims again and again that a script deleted it.
  'fausse-suppression.test': () => page('Fausse suppression', `${GA_NOW}\n${BANNER}\n${FORGE_KIT}
<script>
document.getElementById('refuser').addEventListener('click', () => {
  document.getElementById('bandeau').remove();
  setInterval(() => forge.cookie('_ga=; Max-Age=0; path=/', new Date().toISOString()), 100);
});
</script>`),
  // A forged connect while parsing, before any content script, then more of them: the cookie written
  // before it and the person's early refusal (the load is held back by a slow image) must survive.
  'faux-connect.test': (path) => path === '/lent.gif' ? '' : page('Faux connect', `<script>document.cookie = 'tot=1; Max-Age=63072000; path=/';</script>
${FORGE_KIT}
<script>forge.connect(); setInterval(() => forge.connect(), 50);</script>
${BANNER}
<script>
for (const id of ['accepter', 'refuser']) document.getElementById(id).addEventListener('click', () => {
  document.getElementById('bandeau').remove();
  document.cookie = 'apres_choix=' + id + '; Max-Age=86400; path=/';
});
</script>
<img src="/lent.gif" alt="">`),
  // A cookie to lose, and popup-only messages pushed down every channel the page can reach.
  'faux-message.test': () => page('Faux message', `<script>document.cookie = 'garde=1; Max-Age=3600; path=/';</script>\n${FORGE_KIT}
<script>
const forged = JSON.stringify({ type: 'audit-from-scratch', tabId: 0 });
setInterval(() => {
  for (const type of ['cookie-audit:script-cookie', 'cookie-audit:connect', 'cookie-audit:' + forge.secret + ':cookie']) {
    document.dispatchEvent(new CustomEvent(type, { detail: forged }));
  }
  window.postMessage({ type: 'audit-from-scratch', tabId: 0 }, '*');
}, 100);
</script>`),
  // Thousands of distinct cookies and Google Analytics hits.
  // Thousands of distinct cookies and Google Analytics hits while parsing, and more writes once the
  // content script is there.
  'deluge.test': () => page('Déluge', `<script>
for (let i = 0; i < 1500; i++) document.cookie = 'flot' + i + '=' + 'a'.repeat(50) + '; path=/';
for (let i = 0; i < 500; i++) navigator.sendBeacon('/g/collect?v=2&tid=G-DELUGE&en=page_view&_p=' + i);
addEventListener('load', () => setTimeout(() => {
  for (let i = 0; i < 1500; i++) document.cookie = 'tard' + i + '=1; path=/';
}, 1500));
</script>`),
};

function serve(): http.Server {
  return http.createServer((req, res) => {
    // Through Firefox's proxy the request line has the absolute URL.
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    const host = url.hostname;
    if (url.pathname === '/lent.gif') {
      setTimeout(() => res.writeHead(200, { 'content-type': 'image/gif' }).end(PIXEL), SLOW_MS);
      return;
    }
    if (url.pathname.endsWith('/collect')) { res.writeHead(204).end(); return; }
    const site = SITES[host];
    if (!site || url.pathname !== '/') { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(site(url.pathname));
  });
}

function outcome(site: SiteAudit, rule: string): Outcome | undefined {
  return site.rules.find((r) => r.id === rule)?.outcome;
}

/** The report once `ready` holds, or the last one after `withinMs`. */
async function reportWhen(h: ExtensionHarness, tabId: number, ready: (s: SiteAudit) => boolean, withinMs: number): Promise<SiteAudit> {
  let site = await h.report(tabId);
  for (const deadline = Date.now() + withinMs; Date.now() < deadline && !ready(site);) {
    await new Promise((r) => setTimeout(r, 250));
    site = await h.report(tabId);
  }
  return site;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The forged-click site's checks, in any browser. */
async function forgedEarlyClick(h: ExtensionHarness, origin: string): Promise<void> {
  const tab = await h.open(`${origin.replace('HOST', 'faux-clic.test')}/`);
  // content.js arrives after the load; give the forged clicks time to reach it and its 1.5 s check.
  await sleep(4000);
  const site = await h.report(tab.tabId);
  expect(Object.keys(site.banner.phases), 'no click of the person: the phase never moves').to.deep.equal(['initial']);
  expect(site.cookies.filter((c) => c.name === '_ga').map((c) => c.phase)).to.deep.equal(['initial']);
  expect(outcome(site, 'cookies-before-consent'), '_ga before any choice').to.equal('fail');
  await tab.page.close();
}

describe('extension: a hostile site cannot change the evidence (real Chromium)', function () {
  this.timeout(180_000);
  let server: http.Server;
  let h: Harness;
  let outDir: string;
  let origin: string;

  before(async () => {
    server = serve();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    origin = 'http://HOST';
    outDir = await mkdtemp(join(tmpdir(), 'cookie-audit-hostile-'));
    const dirs = await buildExtension({ targets: ['chrome'], outDir });
    h = await startHarness(null, dirs.chrome, [`--host-resolver-rules=MAP *.test 127.0.0.1:${port}`]);
  });

  after(async () => {
    await h?.close();
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('a forged early "accept" click backdated to the page\'s start moves no phase', async () => {
    await forgedEarlyClick(h, origin);
  });

  it('a forged `_ga=; Max-Age=0` after a real refusal does not remove _ga while it is in the jar', async () => {
    const tab = await h.open('http://fausse-suppression.test/');
    await sleep(1500);
    await h.click(tab, '#refuser');
    const site = await reportWhen(h, tab.tabId, (s) => s.banner.phases.refused?.clickWorked != null, 8000);
    await sleep(1500); // the forged deletions keep coming
    const after = await h.report(tab.tabId);
    expect(site.banner.phases.refused?.clicked).to.equal('reject');
    expect(await tab.page.evaluate(() => document.cookie), 'the browser kept _ga').to.match(/(^|; )_ga=GA1/);
    expect(after.cookies.filter((c) => c.name === '_ga').map((c) => c.phase)).to.deep.equal(['initial', 'refused']);
    expect(outcome(after, 'cookies-after-refusal'), '_ga is still there after the refusal').to.equal('fail');
    await tab.page.close();
  });

  it('a forged early "connect" loses neither the kept cookie writes nor the person\'s early click', async () => {
    const tab = await h.open('http://faux-connect.test/', 'domcontentloaded');
    await h.click(tab, '#refuser');
    expect(await tab.page.evaluate(() => document.readyState), 'clicked before the load event').to.not.equal('complete');
    await tab.page.waitForFunction(() => document.readyState === 'complete', { timeout: SLOW_MS + 10_000 });
    const site = await reportWhen(h, tab.tabId, (s) => s.banner.phases.refused?.clickWorked != null, 10_000);
    expect(site.banner.phases.refused?.clicked, 'the early refusal is recorded').to.equal('reject');
    const tot = site.cookies.find((c) => c.name === 'tot' && c.phase === 'initial');
    expect(tot?.declaredMaxAge, 'the write kept before the forged connect, as written').to.equal(63072000);
    expect(site.cookies.filter((c) => c.name === 'apres_choix').map((c) => c.phase), 'the refusal at the click\'s own time')
      .to.deep.equal(['refused']);
    await tab.page.close();
  });

  it('popup-only messages are refused from the page\'s channels and from content scripts', async () => {
    const tab = await h.open('http://faux-message.test/');
    await sleep(2500);
    // The extension's own isolated world in the page (where content.js runs) asks for what only the popup may.
    // A string: tsx would wrap the function's inner functions in a helper the worker does not have.
    // Without an answer in 8 s the page has gone (an accepted audit-from-scratch leaves it).
    const fromContent = await h.worker.evaluate(`(async () => {
      const injected = chrome.scripting.executeScript({
        target: { tabId: ${tab.tabId} },
        func: async (id) => {
          const out = [];
          for (const message of [{ type: 'get-report', tabId: id }, { type: 'get-report-document', tabId: id }, { type: 'get-observations', tabId: id }, { type: 'audit-from-scratch', tabId: id }]) {
            try {
              await chrome.runtime.sendMessage(message);
              out.push(message.type + ': accepted');
            } catch (err) {
              out.push(message.type + ': ' + (err instanceof Error ? err.message : String(err)));
            }
          }
          return out;
        },
        args: [${tab.tabId}],
      }).then((r) => r[0] && r[0].result);
      const gone = new Promise((r) => setTimeout(() => r(['no answer: the page went away']), 8000));
      return Promise.race([injected, gone]);
    })()`) as string[];
    expect(fromContent, 'answers to a content script').to.have.length(4);
    for (const answer of fromContent) expect(answer).to.match(/accepted from the extension's own pages only/);
    // And an extension page may not pose as a content script.
    const posing = await h.send({ type: 'banner-click', choice: 'accept' });
    expect(posing.ok, 'a content message from an extension page').to.equal(false);
    await sleep(1500);
    expect(tab.page.url(), 'no reload').to.equal('http://faux-message.test/');
    expect(await tab.page.evaluate(() => document.cookie), 'no cookie removed').to.match(/(^|; )garde=1/);
    const site = await h.report(tab.tabId);
    expect(site.cookies.map((c) => c.name)).to.include('garde');
    await tab.page.close();
  });

  it('a flood of cookies and beacons is capped, and the record says what was dropped', async () => {
    const tab = await h.open('http://deluge.test/', 'domcontentloaded');
    const observations = async (): Promise<PhaseObservations> => {
      const answer = await h.send({ type: 'get-observations', tabId: tab.tabId });
      if (!answer.ok) throw new Error(answer.error);
      return (answer.value as SiteObservations).phases.initial!;
    };
    let initial = await observations();
    // The late writes come 1.5 s after the load; the content script reports what it dropped 2 s later.
    for (const deadline = Date.now() + 20_000; Date.now() < deadline && !initial.dropped?.scriptWrites;) {
      await sleep(500);
      initial = await observations();
    }
    expect(initial.requests.length, 'requests kept').to.equal(CAPS.extension.requests);
    expect(initial.cookies.length, 'cookies kept').to.equal(CAPS.extension.cookies);
    expect(initial.truncated, 'the record says it was capped').to.equal(true);
    expect(initial.dropped?.requests, 'beacons dropped').to.be.above(0);
    expect(initial.dropped?.cookies, 'cookies dropped').to.be.above(0);
    expect(initial.dropped?.scriptWrites, 'script writes the content script did not relay').to.be.above(0);
    const site = await h.report(tab.tabId);
    expect(outcome(site, 'cookies-before-consent')).to.equal('fail');
    // And the site report (the popup's and the export's) says so too.
    expect(site.capture?.initial?.truncated, 'the report says the initial phase was capped').to.equal(true);
    expect(Object.keys(site.capture?.initial?.dropped ?? {})).to.include.members(['requests', 'cookies', 'scriptWrites']);
    await tab.page.close();
  });
});

describe('extension: a forged early click moves no phase (real Firefox)', function () {
  this.timeout(180_000);
  let server: http.Server;
  let h: ExtensionHarness;
  let outDir: string;

  before(async function () {
    if (!findFirefox()) throw new Error(NO_FIREFOX);
    server = serve();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    outDir = await mkdtemp(join(tmpdir(), 'cookie-audit-hostile-ff-'));
    const target: Target = 'firefox';
    const dirs = await buildExtension({ targets: [target], outDir });
    h = await startFirefoxHarness({ port }, dirs.firefox);
  });

  after(async () => {
    await h?.close();
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('a forged early "accept" click backdated to the page\'s start moves no phase', async () => {
    await forgedEarlyClick(h, 'http://HOST');
  });
});

