/**
 * One phase in real Chromium leaves nothing behind on the shared browser: a long crawl runs
 * thousands of phases on one browser, and anything a phase leaves attached to it (a listener that
 * holds the phase's page) is kept for the whole crawl.
 */
import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'puppeteer-core';
import { runPhase } from '../../crawler/phase.ts';
import { launchChromium } from '../fixtures/web/chromium.ts';

describe('runPhase on one shared browser (real Chromium)', function () {
  this.timeout(120_000);
  let server: http.Server;
  let url: string;
  let browser: Browser;

  before(async () => {
    server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': 'visit=1; Max-Age=600' });
      res.end('<!doctype html><title>Accueil</title><h1>Accueil</h1>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await launchChromium({ browserArgs: [] });
  });

  after(async () => {
    await browser?.close();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('records the cookie, and leaves no listener on the browser once each phase is over', async () => {
    const settings = { settle: 200, timeout: 15_000, pages: 0, includeValues: false, isOfInterest: () => false, screenshotPath: null, screenshotRef: null };
    const before = browser.listenerCount('disconnected');
    for (const phase of ['initial', 'accepted', 'refused'] as const) {
      const result = await runPhase(browser, phase, [url], settings);
      expect(result.observations.cookies.map((c) => c.name), phase).to.include('visit');
    }
    expect(browser.listenerCount('disconnected')).to.equal(before);
  });
});
