/**
 * Before the frame's `load`, banner detection (content.js) is not in the page yet: the page-world
 * hook alone keeps the `document.cookie` writes and the person's clicks until content.js connects.
 * A page whose load is held back by a slow image: a script cookie written while parsing, and the
 * person clicks "Tout refuser" (the banner then removes itself) before the page has loaded. The
 * extension must still record the cookie as written and the refusal at the click's own time, in
 * Chromium (the Chrome build) and in Firefox (the Firefox build).
 */
import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { builtExtension } from '../support/shared.ts';
import { PIXEL } from '../fixtures/web/kit.ts';
import type { Target } from '../../extension/manifest.ts';
import { findFirefox, NO_FIREFOX, startFirefoxHarness } from './firefox-harness.ts';
import { startHarness, type ExtensionHarness } from './harness.ts';

const HOST = 'lent.test';
/** Over the background's OVERDUE_LOAD_MS (10 s, extension/background/inject.ts, which cannot load outside an extension). */
const OVERDUE_MS = 10_000;
/** How long the image holds the page's load back. */
const SLOW_MS = 5000;
/** A banner that goes this long after the click: later than the extension's first look (1.5 s). */
const CLOSES_LATE_MS = 3000;
/** The page, its load held back by `image` (slow, never answering, or none); its banner goes `closeAfterMs` after the click. */
const pageWith = (image: string | null, closeAfterMs = 0): string => `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Chargement lent</title></head><body>
<script>document.cookie = 'ecrit_tot=1; Max-Age=63072000; path=/';</script>
<div id="bandeau" role="dialog" style="position:fixed;bottom:0;left:0;right:0;background:#fff;padding:1em">
  <p>Nous utilisons des cookies pour mesurer l'audience de ce site.</p>
  <button id="accepter">Tout accepter</button> <button id="refuser">Tout refuser</button>
</div>
<script>
for (const id of ['accepter', 'refuser']) document.getElementById(id).addEventListener('click', () => {
  setTimeout(() => document.getElementById('bandeau').remove(), ${closeAfterMs});
  document.cookie = 'apres_choix=' + id + '; Max-Age=86400; path=/';
});
</script>
${image === null ? '' : `<img src="${image}" alt="">`}
</body></html>`;

/** The slow page's server on a free loopback port; `close` ends its connections too. */
async function serve(handler: http.RequestListener): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => { server.closeAllConnections(); return new Promise((r) => server.close(() => r())); },
  };
}

/** Each browser with its build, on the slow page's server (Chromium maps the host; Firefox goes through the fixture proxy). */
const BROWSERS: Array<{ name: string; target: Target; start(dir: string, port: number): Promise<ExtensionHarness> }> = [
  { name: 'Chromium', target: 'chrome', start: (dir, port) => startHarness(null, dir, [`--host-resolver-rules=MAP ${HOST} 127.0.0.1:${port}`]) },
  {
    name: 'Firefox', target: 'firefox',
    start: (dir, port) => {
      if (!findFirefox()) throw new Error(NO_FIREFOX);
      return startFirefoxHarness({ port }, dir);
    },
  },
];

for (const browser of BROWSERS) describe(`extension: a click and a script cookie before the page has loaded (real ${browser.name})`, function () {
  this.timeout(120_000);
  let server: Awaited<ReturnType<typeof serve>> | undefined;
  let h: ExtensionHarness;

  before(async () => {
    server = await serve((req, res) => {
      // Through Firefox's proxy the request line has the absolute URL.
      const path = new URL(req.url ?? '/', `http://${HOST}`).pathname;
      if (path === '/lent.gif') {
        setTimeout(() => res.writeHead(200, { 'content-type': 'image/gif' }).end(PIXEL), SLOW_MS);
      } else if (path === '/sans-fin.gif') {
        // Never answers: the page's load never comes.
      } else {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageWith(path === '/sans-fin' ? '/sans-fin.gif' : '/lent.gif'));
      }
    });
    h = await browser.start(await builtExtension(browser.target), server.port);
  });

  after(async () => {
    await h?.close();
    await server?.close();
  });

  it('records the refusal at the click\'s time and the cookie written while parsing, as written', async () => {
    const tab = await h.open(`http://${HOST}/`, 'domcontentloaded');
    await h.click(tab, '#refuser');
    expect(await tab.page.evaluate(() => document.readyState), 'clicked before the load event').to.not.equal('complete');
    await tab.page.waitForFunction(() => document.readyState === 'complete', { timeout: SLOW_MS + 10_000 });
    // content.js arrives after the load and hands the click over; its 1.5 s check follows.
    await expectRefusalAndEarlyCookie(h, tab.tabId, 10_000);
    await tab.page.close();
  });

  it('gets there too in a page whose load never comes, once the load is long overdue', async () => {
    const tab = await h.open(`http://${HOST}/sans-fin`, 'domcontentloaded');
    await h.click(tab, '#refuser');
    await expectRefusalAndEarlyCookie(h, tab.tabId, OVERDUE_MS + 10_000);
    expect(await tab.page.evaluate(() => document.readyState), 'the page never loaded').to.not.equal('complete');
    await tab.page.close();
  });
});

describe('extension: a banner that goes only seconds after the click (real Chromium)', function () {
  this.timeout(120_000);
  let server: Awaited<ReturnType<typeof serve>> | undefined;
  let h: ExtensionHarness;
  before(async () => {
    server = await serve((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageWith(null, CLOSES_LATE_MS)));
    h = await startHarness(null, await builtExtension('chrome'), [`--host-resolver-rules=MAP ${HOST} 127.0.0.1:${server.port}`]);
  });
  after(async () => {
    await h?.close();
    await server?.close();
  });

  it('counts the click as having closed the banner (as on a busy machine, where the page reacts late)', async () => {
    const tab = await h.open(`http://${HOST}/`);
    await h.click(tab, '#refuser');
    let refused = (await h.report(tab.tabId)).banner.phases.refused;
    for (const deadline = Date.now() + CLOSES_LATE_MS + 10_000; Date.now() < deadline && refused?.clickWorked !== true;) {
      await new Promise((r) => setTimeout(r, 250));
      refused = (await h.report(tab.tabId)).banner.phases.refused;
    }
    expect(refused?.clicked).to.equal('reject');
    expect(refused?.clickWorked, 'the banner went away, 3 s after the click').to.equal(true);
    await tab.page.close();
  });
});

/** The refusal and both cookies as they must be, waiting up to `withinMs` for content.js to report the click's result. */
async function expectRefusalAndEarlyCookie(h: ExtensionHarness, tabId: number, withinMs: number): Promise<void> {
  let site = await h.report(tabId);
  for (const deadline = Date.now() + withinMs; Date.now() < deadline && site.banner.phases.refused?.clickWorked !== true;) {
    await new Promise((r) => setTimeout(r, 250));
    site = await h.report(tabId);
  }
  const refused = site.banner.phases.refused;
  expect(refused?.clicked, 'the reject click is recorded').to.equal('reject');
  expect(refused?.clickWorked, 'the banner went away').to.equal(true);

  const early = site.cookies.find((c) => c.name === 'ecrit_tot' && c.phase === 'initial');
  expect(early, 'the cookie written while parsing').to.not.equal(undefined);
  expect(early!.source).to.equal('script');
  expect(early!.declaredMaxAge, 'declared lifetime as written').to.equal(63072000);
  // The click handler wrote it right after the click, seconds before content.js arrived: it is in
  // the refused phase only if that phase starts at the click's own time.
  const choice = site.cookies.filter((c) => c.name === 'apres_choix').map((c) => c.phase);
  expect(choice, 'the cookie the click handler wrote belongs to the refused phase').to.deep.equal(['refused']);
}
