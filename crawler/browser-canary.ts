/**
 * The crawler's and the shared browser's own pace. Every site in flight shares one browser and its
 * network service, and the crawler's Node process reads them all: a site that floods the browser
 * (thousands of cookie writes, a beacon storm) or a busy runner makes every other site's page load
 * late, and a page that times out while loading was never sampled by page-lateness.ts. So every
 * SAMPLE_MS the crawler checks its own event loop and asks the browser a cheap question that
 * crosses its network service (the default context's cookies: always empty, the crawl visits in
 * contexts of its own; answered within milliseconds when calm). A stall — a tick more than STALL_MS
 * late, or the last question still unanswered — is a late sample, read like the page probe's. A
 * timeout while these stalled is the machine's doing, re-checked (site-runner.ts). Only stalls count:
 * a loaded machine delays Node's ticks by a few hundred ms without slowing the pages, which the page
 * probe already measures (measured beside 4 CPU hogs: 22 % of ticks over 100 ms, 3 % over 500 ms).
 *
 * @example
 *   const canary = startBrowserCanary(browser, pace.add);   // one sample per tick
 *   …
 *   canary.stop();
 */
import type { Browser, CDPSession } from 'puppeteer-core';
import type { Lateness } from './page-lateness.ts';

const SAMPLE_MS = 500;
/** A tick later than this is a stall. */
const STALL_MS = 500;

export function startBrowserCanary(browser: Browser, onSample: (l: Lateness) => void): { stop(): void } {
  let cdp: CDPSession | null = null;
  // The last question, still unanswered a tick later: a stall of SAMPLE_MS at least.
  let pending = false;
  let lastTick = performance.now();
  const opening = browser.target().createCDPSession().then((s) => { cdp = s; }, () => {});
  const tick = () => {
    const now = performance.now();
    const loopLag = now - lastTick - SAMPLE_MS;
    lastTick = now;
    if (!cdp || cdp.detached || !browser.connected) return;
    const stalled = loopLag > STALL_MS || pending;
    onSample(stalled ? { samples: 1, late: 1, lostMs: SAMPLE_MS } : { samples: 1, late: 0, lostMs: 0 });
    if (pending) return;
    pending = true;
    void cdp.send('Storage.getCookies', {}).finally(() => { pending = false; }).catch(() => {});
  };
  const timer = setInterval(tick, SAMPLE_MS);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      void opening.then(() => cdp?.detach().catch(() => {}));
    },
  };
}
