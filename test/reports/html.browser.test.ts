/**
 * The HTML report opened from disk in real Chromium, the way an auditor opens a mailed file:
 * no console error, no request beyond the file itself, hostile strings shown as text and never
 * as elements, and a screenshot written to .tmp/ for a human to look at.
 */
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { launchArgs } from '../../crawler/browser.ts';
import { findChromium } from '../../crawler/chromium.ts';
import { render } from '../../reports/index.ts';
import { HOSTILE, sampleReport } from './sample.ts';

// The crawler's switches; the sandbox only off where this machine cannot run it (crawler/sandbox.ts).
const FLAGS = launchArgs();
const OUT_DIR = resolve('.tmp');

/** A stand-in banner screenshot, drawn by the browser itself so the report shows a real image. */
async function bannerShot(browser: Browser): Promise<string> {
  const page = await browser.newPage();
  await page.setViewport({ width: 800, height: 260 });
  await page.setContent(`<body style="margin:0;font:15px system-ui;background:#e9eef5">
    <div style="position:absolute;inset:auto 20px 20px 20px;background:#fff;border-radius:12px;padding:18px 22px;box-shadow:0 6px 24px #0002">
    <b>Nous respectons votre vie privée</b><p style="margin:6px 0 14px;color:#444">Nous utilisons des cookies pour mesurer l'audience et personnaliser les publicités.</p>
    <button style="background:#2d5bd7;color:#fff;border:0;padding:8px 16px;border-radius:6px">Tout accepter</button>
    <button style="margin-left:8px;padding:8px 16px;border-radius:6px;border:1px solid #999;background:#fff">Paramétrer</button></div></body>`);
  const b64 = await page.screenshot({ encoding: 'base64', type: 'png' });
  await page.close();
  return `data:image/png;base64,${b64}`;
}

describe('HTML report in Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  let page: Page;
  let dir: string;
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  let fileUrl: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'report-html-'));
    browser = await puppeteer.launch({
      executablePath: findChromium(),
      headless: true,
      args: [...FLAGS, `--user-data-dir=${join(dir, 'profile')}`],
    });
    const shot = await bannerShot(browser);
    const html = render(sampleReport(), 'html', { lang: 'en', includeValues: true, assets: { 'shots/shop.png': shot } });
    const file = join(dir, 'report.html');
    writeFileSync(file, html);
    fileUrl = pathToFileURL(file).href;

    page = await browser.newPage();
    page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(msg.text()); });
    page.on('pageerror', (err) => consoleErrors.push(String(err)));
    // The CDP view of the network sees every request, including ones request interception would not.
    const cdp = await page.createCDPSession();
    await cdp.send('Network.enable');
    cdp.on('Network.requestWillBeSent', (e) => {
      const url = e.request.url;
      if (url === fileUrl || url.startsWith('data:') || url === 'about:blank') return;
      requests.push(url);
    });
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(fileUrl, { waitUntil: 'load' });
  });

  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('renders with no console error', () => {
    expect(consoleErrors).to.deep.equal([]);
  });

  it('makes no request beyond the file itself', () => {
    expect(requests).to.deep.equal([]);
  });

  it('shows hostile strings as text and creates no element from them', async () => {
    const text = await page.evaluate(() => document.body.textContent ?? '');
    expect(text).to.include(HOSTILE.cookieName);
    expect(text).to.include(HOSTILE.cookieValue);
    expect(text).to.include(HOSTILE.bannerText);
    expect(text).to.include(HOSTILE.cmp);
    const injected = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
      scripts: document.querySelectorAll('script').length,
      iframes: document.querySelectorAll('iframe').length,
      injected: document.querySelectorAll('#injected, #injected2').length,
      handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
      jsLinks: [...document.querySelectorAll('a[href]')].filter((a) => !/^(https?:|#)/.test(a.getAttribute('href') ?? '')).length,
      imgs: [...document.querySelectorAll('img')].map((i) => i.getAttribute('src')?.slice(0, 22)),
    }));
    expect(injected).to.deep.equal({ pwned: null, scripts: 0, iframes: 0, injected: 0, handlers: 0, jsLinks: 0, imgs: ['data:image/png;base64,'] });
  });

  it('has the overview grid first, with one row per site and one column per rule', async () => {
    const grid = await page.evaluate(() => {
      const table = document.querySelector('#overview table.grid');
      const firstSection = document.querySelector('main > section#overview, main > section.card + section#overview');
      return {
        rows: table?.querySelectorAll('tbody tr').length,
        cols: table?.querySelectorAll('thead th.rule').length,
        firstRow: [...(table?.querySelectorAll('tbody tr:first-child td .badge') ?? [])].map((b) => b.textContent?.trim()),
        overviewBeforeSites: !!firstSection && !!(firstSection.compareDocumentPosition(document.querySelector('#sites')!) & Node.DOCUMENT_POSITION_FOLLOWING),
        chartBars: document.querySelectorAll('#overview svg rect.bar').length,
      };
    });
    expect(grid.rows).to.equal(3);
    expect(grid.cols).to.equal(5);
    expect(grid.firstRow).to.deep.equal(['Fail · 2', 'Fail · 1', 'Pass', 'N/A', 'Error']);
    expect(grid.overviewBeforeSites).to.equal(true);
    expect(grid.chartBars).to.equal(5);
  });

  it('produces a full-page screenshot', async () => {
    mkdirSync(OUT_DIR, { recursive: true });
    const path = join(OUT_DIR, 'report-html.png');
    const png = await page.screenshot({ path, fullPage: true });
    expect(png.length).to.be.greaterThan(10_000);
    // The first site's section alone, at full resolution, to read the details.
    await (await page.$('#site-1'))?.screenshot({ path: join(OUT_DIR, 'report-html-site.png') });
  });
});
