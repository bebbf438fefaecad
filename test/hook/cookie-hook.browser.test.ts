/**
 * One conformance suite for the `document.cookie` hook (hook/cookie-hook.ts), run against both
 * collectors' builds of it in real Chromium: the crawler's (crawler/hook-binding.ts: bundled, a
 * DevTools binding, its reports parsed by parseHookReports) and the extension's
 * (extension/content/page-hook.ts: bundled as the extension bundles it, read over its per-frame
 * secret channel from an isolated world, as content.ts does, and parsed by parseDetail). A hostile
 * page writes cookies; both must report the same strings from the same scripts, and look native.
 */
import { expect } from 'chai';
import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer-core';
import { cookieHook, parseHookReports } from '../../crawler/hook-binding.ts';
import { CONNECT_EVENT, cookieEventOf, parseDetail } from '../../extension/content/page-event.ts';
import { launch, serve, type Web } from '../banner/harness.ts';

interface Reported { cookie: string; caller: string | null }

/** Writes a page makes, each an attack on the hook, and what it finds out about the hook. */
const WRITER = `
const desc = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
const toString = Function.prototype.toString;
window.probe = {
  setter: toString.call(desc.set),
  toString: toString.call(toString),
  toStringOfToString: toString.call(toString.toString),
  prototype: 'prototype' in desc.set,
  globals: Object.getOwnPropertyNames(window).filter((n) => /^_[0-9a-f]{18}$|cookieAudit/i.test(n)),
};
document.cookie = 'plain=1; Max-Age=60';
// A value whose toString answers differently each time: the browser stores the first answer.
let calls = 0;
document.cookie = { toString() { return calls++ ? 'swapped=1' : 'flip=1'; } };
try { document.cookie = Symbol('s'); } catch { window.probe.symbolThrows = true; }
// Built-ins the hook might call, patched.
String.prototype.slice = () => 'x';
String.prototype.indexOf = () => -1;
String.prototype.trim = () => 'x';
RegExp.prototype.exec = () => null;
Array.prototype.push = () => 0;
JSON.stringify = () => '"forged"';
Map.prototype.get = () => undefined;
Map.prototype.set = function () { return this; };
WeakSet.prototype.has = () => false;
Reflect.apply = () => undefined;
EventTarget.prototype.dispatchEvent = () => true;
window.CustomEvent = function () {};
document.cookie = 'patched=1; Path=/';
// A stack the page formats itself could name any script: no caller then.
Error.prepareStackTrace = () => ['Error', 'at set cookie (<anonymous>:1:1)', 'at w (https://forged.test/x.js:1:1)', 'at https://forged.test/y.js:2:2'].join('\\n    ');
document.cookie = 'forged=1';
`;

const SCRIPT = 'http://hook.test/writer.js';
const EXPECTED: Reported[] = [
  { cookie: 'plain=1; Max-Age=60', caller: SCRIPT },
  { cookie: 'flip=1', caller: SCRIPT },
  { cookie: 'patched=1; Path=/', caller: SCRIPT },
  { cookie: 'forged=1', caller: null },
];

/** Loads the page with one collector's hook; returns what that collector learnt of the writes. */
type Collector = (page: Page, url: string) => Promise<Reported[]>;

const crawler: Collector = async (page, url) => {
  const hook = cookieHook();
  const session = await page.createCDPSession();
  const payloads: string[] = [];
  session.on('Runtime.bindingCalled', (e) => { if (e.name === hook.binding) payloads.push(e.payload); });
  await session.send('Runtime.enable');
  await session.send('Page.enable');
  await session.send('Runtime.addBinding', { name: hook.binding });
  await session.send('Page.addScriptToEvaluateOnNewDocument', { source: hook.source, runImmediately: true });
  await page.goto(url, { waitUntil: 'load' });
  await new Promise((r) => setTimeout(r, 200));
  await session.detach();
  return payloads.flatMap((p) => parseHookReports(hook, p) ?? [])
    .flatMap((r) => (r.kind === 'write' ? [{ cookie: r.raw, caller: r.caller }] : []));
};

const extension: Collector = async (page, url) => {
  const entry = fileURLToPath(new URL('../../extension/content/page-hook.ts', import.meta.url));
  const source = buildSync({ entryPoints: [entry], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'chrome111' }).outputFiles[0]!.text;
  await page.evaluateOnNewDocument(source);
  await page.goto(url, { waitUntil: 'load' });
  const secret = '0123456789abcdef0123456789abcdef';
  // What content.ts does, from Puppeteer's isolated world: connect, and take the kept writes.
  const realm = (page.mainFrame() as unknown as { isolatedRealm(): { evaluate(e: string): Promise<unknown> } }).isolatedRealm();
  const details = await realm.evaluate(`(() => {
    const got = [];
    window.addEventListener(${JSON.stringify(cookieEventOf(secret))}, (e) => got.push(e.detail), true);
    window.dispatchEvent(new CustomEvent(${JSON.stringify(CONNECT_EVENT)}, { detail: ${JSON.stringify(secret)} }));
    return got;
  })()`) as unknown[];
  return details.map(parseDetail).flatMap((d) => (d ? [{ cookie: d.cookie, caller: d.setterUrl }] : []));
};

describe('document.cookie hook conformance (real Chromium)', function () {
  this.timeout(60_000);
  let web: Web;
  let browser: Awaited<ReturnType<typeof launch>>;

  before(async () => {
    web = await serve({ 'hook.test': { '/': '<!doctype html><title>hook</title><script src="/writer.js"></script>', '/writer.js': WRITER } });
    browser = await launch(web.port);
  });
  after(async () => {
    await browser?.close();
    await web?.close();
  });

  for (const [name, collect] of Object.entries({ crawler, extension })) {
    it(`${name}: reports each write as the browser stored it, from the script that wrote it, and looks native`, async () => {
      const context = await browser.createBrowserContext();
      try {
        const page = await context.newPage();
        expect(await collect(page, web.url('hook.test'))).to.deep.equal(EXPECTED);
        expect(await page.evaluate('window.probe')).to.deep.equal({
          setter: 'function set cookie() { [native code] }',
          toString: 'function toString() { [native code] }',
          toStringOfToString: 'function toString() { [native code] }',
          prototype: false,
          globals: [],
          symbolThrows: true,
        });
        const jar = (await page.cookies()).map((c) => c.name).sort();
        expect(jar, 'what the browser stored').to.deep.equal(['flip', 'forged', 'patched', 'plain']);
      } finally {
        await context.close();
      }
    });
  }
});
