/**
 * The crawler's and the shared browser's own pace. Every site in flight shares one browser and its
 * network service, and the crawler's Node process reads them all: a site that floods the browser
 * (thousands of cookie writes, a beacon storm) or a busy runner makes every other site's page load
 * late, and a page that times out while loading was never sampled by page-lateness.ts. So every
 * SAMPLE_MS the crawler checks its own event loop (a tick more than LATE_MS late) and asks the browser
 * a cheap question that crosses its network service (the default context's cookies: always empty,
 * the crawl visits in contexts of its own; answered within milliseconds when calm); a tick that
 * comes late or finds the last question unanswered is a late sample, read like the page probe's.
 * A timeout while these ran late is the machine's doing, re-checked (site-runner.ts).
 *
 * @example
 *   const canary = startBrowserCanary(browser, pace.add);   // one sample per tick
 *   …
 *   canary.stop();
 */
import type { Browser, CDPSession } from 'puppeteer-core';
import { LATE_MS, type Lateness } from './page-lateness.ts';

const SAMPLE_MS = 500;

export function startBrowserCanary(browser: Browser, onSample: (l: Lateness) => void): { stop(): void } {
  let cdp: CDPSession | null = null;
  let pendingSince: number | null = null;
  let lastTick = performance.now();
  const opening = browser.target().createCDPSession().then((s) => { cdp = s; }, () => {});
  const tick = () => {
    const now = performance.now();
    const loopLag = now - lastTick - SAMPLE_MS;
    lastTick = now;
    if (!cdp || cdp.detached || !browser.connected) return;
    const browserLag = pendingSince === null ? 0 : now - pendingSince;
    const lag = Math.max(loopLag, browserLag);
    onSample(lag > LATE_MS ? { samples: 1, late: 1, lostMs: Math.round(Math.min(lag, SAMPLE_MS)) } : { samples: 1, late: 0, lostMs: 0 });
    if (pendingSince !== null) return;
    pendingSince = now;
    void cdp.send('Storage.getCookies', {}).finally(() => { pendingSince = null; }).catch(() => {});
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
