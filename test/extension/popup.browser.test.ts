/**
 * The popup in real Chromium on a hostile site: cookie names and banner text full of markup must
 * show as text, never become elements; the popup is screenshotted for a person to look at
 * (`.tmp/extension-popup.png`).
 */
import { expect } from 'chai';
import { mkdir } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { builtExtension } from '../support/shared.ts';
import { startHarness, type Harness } from './harness.ts';

const HOSTILE_COOKIE = '<script>alert(1)</script>';
const HOSTILE_TEXT = '<img src=x onerror="document.title=\'pwned\'">';

const PAGE = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Hostile</title></head><body>
<h1>Un site hostile</h1>
<div id="banner" style="position:fixed;bottom:0;left:0;right:0;padding:16px;background:#eee">
  <p>Nous utilisons des cookies pour la mesure d'audience. ${HOSTILE_TEXT.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>
  <button id="accept" onclick="document.cookie='_ga=GA1.1.1; Max-Age=63072000; Path=/'; banner.remove()">Tout accepter</button>
  <button id="reject" onclick="banner.remove()">Tout refuser</button>
</div>
<script>document.cookie = 'visite=1; Max-Age=600; Path=/';</script>
</body></html>`;

describe('extension: popup', function () {
  this.timeout(120_000);
  let server: http.Server;
  let h: Harness;

  before(async () => {
    server = http.createServer((req, res) => {
      res.setHeader('Set-Cookie', [`${HOSTILE_COOKIE}=1; Max-Age=99999999; Path=/`]);
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(PAGE);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    h = await startHarness(null, await builtExtension('chrome'), [`--host-resolver-rules=MAP hostile.test 127.0.0.1:${port}`]);
  });

  after(async () => {
    await h?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('shows the verdict, rules, banner and cookies, with hostile strings as plain text', async () => {
    const tab = await h.open('http://hostile.test/');
    await new Promise((r) => setTimeout(r, 2500));
    await h.click(tab, '#accept');
    await new Promise((r) => setTimeout(r, 2000));

    const popup = await h.popup(tab.tabId);
    const view = await popup.evaluate(() => ({
      text: document.body.innerText,
      injected: document.querySelectorAll('main img, main script, main svg').length,
      title: document.title,
      rules: [...document.querySelectorAll('li.rule')].map((li) => li.getAttribute('data-rule')),
      cookieCells: [...document.querySelectorAll('table.cookies td.name')].map((td) => td.textContent),
    }));
    await mkdir('.tmp', { recursive: true });
    await popup.screenshot({ path: '.tmp/extension-popup.png', fullPage: true });

    expect(view.injected, 'no element made from site strings').to.equal(0);
    expect(view.title).to.equal('Cookie Audit');
    expect(view.cookieCells).to.include(HOSTILE_COOKIE);
    expect(view.text).to.include(HOSTILE_TEXT);
    expect(view.rules).to.include.members(['cookies-before-consent', 'cookie-lifetime', 'consent-banner']);
    expect(view.text).to.match(/rules? fails?/);
    expect(view.text).to.include('You clicked accept');
  });

  it('exports the report as JSON through the shared renderer', async () => {
    const tab = await h.open('http://hostile.test/');
    await new Promise((r) => setTimeout(r, 1500));
    const doc = await h.reportDocument(tab.tabId);
    expect(doc.schemaVersion).to.equal(2);
    expect(doc.sites).to.have.length(1);
    expect(doc.sites[0]!.cookies.map((c) => c.name)).to.include(HOSTILE_COOKIE);
  });
});
