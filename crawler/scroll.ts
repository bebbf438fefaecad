/**
 * Reads the page like a visitor before the phase's state is read: scrolls down through it a screen at a
 * time at a reader's pace, so what loads on the way counts (lazy images and iframes, widgets, "on scroll"
 * tags), then back to the top where the banner is answered. Only DevTools-protocol input and layout
 * metrics are used (`Input.dispatchMouseEvent` wheel events, `Page.getLayoutMetrics`): no script runs in
 * the page, and the wheel events are trusted, as a person's are.
 *
 * @example const r = await scrollLikeAReader(page, 2000); // { steps: 14, reachedEnd: true, ms: 1320 }
 */
import type { CDPSession, Page } from 'puppeteer-core';
import { sleep } from './wait.ts';

export interface ScrollResult {
  /** Wheel steps taken down the page. */
  steps: number;
  /** Whether the bottom of the page was reached within the budget. */
  reachedEnd: boolean;
  ms: number;
}

/** Pause between two screens: time for lazy content to be requested, as a reader's eye would take longer. */
const PAUSE_MS = 60;
/**
 * How long a wheel step may take to move the page before the page counts as not scrolling. A page
 * starved for CPU scrolls late, not never: judging it frozen after one short pause left the bottom
 * of the page unread on a busy machine (and its lazy trackers unseen).
 */
const MOVE_WAIT_MS = 1000;
/**
 * A reader's moment at the end before going back up. "On scroll" tags fire from IntersectionObserver
 * callbacks, which run at the page's next rendering: on a busy machine that comes later than the next
 * wheel step, and scrolling straight back up left the end of the page never seen.
 */
const END_DWELL_MS = 750;

interface Metrics { y: number; viewport: number; content: number; width: number }

async function metrics(cdp: CDPSession): Promise<Metrics> {
  const m = await cdp.send('Page.getLayoutMetrics');
  const v = m.cssVisualViewport ?? m.visualViewport;
  const c = m.cssContentSize ?? m.contentSize;
  return { y: v.pageY, viewport: v.clientHeight, content: c.height, width: v.clientWidth };
}

/** A screen's height down (or `deltaY` pixels) with the mouse wheel, the pointer in the upper middle of the viewport. */
async function wheel(cdp: CDPSession, m: Metrics, deltaY: number): Promise<void> {
  await cdp.send('Input.dispatchMouseEvent', {
    type: 'mouseWheel', x: Math.round(m.width / 2), y: Math.round(m.viewport / 4), deltaX: 0, deltaY,
  });
}

/**
 * Scrolls to the bottom of the page (or until `budgetMs` is spent, or the page stops scrolling: a cookie
 * wall that freezes the page), then back to the top. Never throws: a page that cannot be scrolled is read as it is.
 */
export async function scrollLikeAReader(page: Page, budgetMs: number): Promise<ScrollResult> {
  const started = Date.now();
  const result: ScrollResult = { steps: 0, reachedEnd: false, ms: 0 };
  let cdp: CDPSession | null = null;
  try {
    cdp = await page.createCDPSession();
    let m = await metrics(cdp);
    let stuck = 0;
    while (Date.now() - started < budgetMs) {
      if (m.y + m.viewport >= m.content - 2) { result.reachedEnd = true; break; }
      await wheel(cdp, m, Math.max(200, Math.round(m.viewport * 0.9)));
      result.steps++;
      await sleep(PAUSE_MS);
      let next = await metrics(cdp);
      for (const movingSince = Date.now(); next.y <= m.y && Date.now() - movingSince < MOVE_WAIT_MS;) {
        await sleep(50);
        next = await metrics(cdp);
      }
      stuck = next.y <= m.y ? stuck + 1 : 0;
      m = next;
      if (stuck >= 3) break;
    }
    if (result.reachedEnd) await sleep(END_DWELL_MS);
    if (m.y > 0) await wheel(cdp, m, -Math.ceil(m.content + m.viewport));
  } catch {
    // The page navigated or closed under us: nothing more to read by scrolling.
  } finally {
    await cdp?.detach().catch(() => {});
  }
  result.ms = Date.now() - started;
  return result;
}

/** How long a phase may spend scrolling: a reader's skim, as long as the settle time (longer waits on a re-check give it longer too). */
export function scrollBudget(settle: number): number {
  return Math.min(10_000, Math.max(1000, settle));
}
