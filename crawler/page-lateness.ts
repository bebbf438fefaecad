/**
 * How late the page itself ran while a phase waited on it. A page starved for CPU runs its scripts
 * late: its banner shows after the wait and the site would be accused of having none. What matters
 * is the page's pace, not how many processes want a CPU (a crawl's own pages keep a small machine's
 * run queue full while every page still answers at once), so the page's main thread is asked a
 * no-op round trip every SAMPLE_MS; an answer slower than LATE_MS counts as late, and the time
 * beyond LATE_MS as lost. Node's own lateness counts too: the crawler then reads the page late.
 *
 * @example
 *   const probe = await startLatenessProbe(page);
 *   … settle, click …
 *   const lateness = probe.stop();              // { samples, late, lostMs }
 *   ranStarved(lateness, settings.settle)       // true: the visit is re-checked before judging
 */
import type { CDPSession, Page } from 'puppeteer-core';

export interface Lateness {
  /** Round trips that were answered. */
  samples: number;
  /** Those answered later than LATE_MS. */
  late: number;
  /** Time beyond LATE_MS summed over the late answers, ms. */
  lostMs: number;
}

const SAMPLE_MS = 250;
/** A page's main thread that answers a no-op within this is running at a visitor's pace. */
export const LATE_MS = 100;
/** One long task of the page's own (a big script parsed) is its nature; starvation makes many answers late. */
const LATE_SHARE = 0.25;

/**
 * Whether a phase ran too late to be trusted: a quarter of the answers late and more than a quarter
 * of the settle time lost (at least half a second), i.e. the page had much less time than the wait gave it.
 */
export function ranStarved(l: Lateness, settle: number): boolean {
  return l.samples > 0 && l.late / l.samples >= LATE_SHARE && l.lostMs >= Math.max(500, settle / 4);
}

/** Adds two phases' lateness (the site's visit is as late as its phases together). */
export function addLateness(a: Lateness, b: Lateness): Lateness {
  return { samples: a.samples + b.samples, late: a.late + b.late, lostMs: a.lostMs + b.lostMs };
}

export const NO_LATENESS: Lateness = { samples: 0, late: 0, lostMs: 0 };

/** Pages' pace over the last few phases, as backpressure reads it. */
export interface PaceReading {
  /** 0–1: the share of late answers in the window. */
  pressure: number;
  starved: boolean;
}

/** Enough answers in the window to judge the pace by (about two seconds of one page). */
const WINDOW_MIN_SAMPLES = 8;

/**
 * The lateness of the phases finished in the last `windowMs`, for backpressure: starved when a
 * quarter of their answers came late. An empty window reads calm (nothing says otherwise).
 */
export function createLatenessWindow(windowMs = 15_000, now: () => number = Date.now): { add(l: Lateness): void; read(): PaceReading } {
  let seen: Array<{ at: number; l: Lateness }> = [];
  return {
    add(l) {
      seen.push({ at: now(), l });
    },
    read() {
      const since = now() - windowMs;
      seen = seen.filter((e) => e.at >= since);
      const sum = seen.reduce((a, e) => addLateness(a, e.l), NO_LATENESS);
      const pressure = sum.samples > 0 ? sum.late / sum.samples : 0;
      return { pressure, starved: sum.samples >= WINDOW_MIN_SAMPLES && pressure >= LATE_SHARE };
    },
  };
}

/**
 * Samples the page's main thread until stopped. A round trip that fails (the page navigating, its
 * context gone) is not counted: only answers measure pace. The expression leaves nothing in the page.
 */
export async function startLatenessProbe(page: Page): Promise<{ stop(): Lateness }> {
  const result: Lateness = { ...NO_LATENESS };
  let stopped = false;
  // A round trip still unanswered when the probe stops (a page stuck in a loop) is late by all it has waited.
  let pendingSince: number | null = null;
  let cdp: CDPSession | null = null;
  try {
    cdp = await page.createCDPSession();
  } catch {
    return { stop: () => result };
  }
  const loop = async (): Promise<void> => {
    // A closed page or crashed renderer detaches the session: nothing more to ask.
    while (!stopped && !cdp!.detached) {
      const started = performance.now();
      pendingSince = started;
      const answered = await cdp!.send('Runtime.evaluate', { expression: '0', returnByValue: true }).then(() => true, () => false);
      pendingSince = null;
      const took = performance.now() - started;
      if (stopped) break;
      if (answered) {
        result.samples++;
        if (took > LATE_MS) {
          result.late++;
          result.lostMs += Math.round(took - LATE_MS);
        }
      }
      await new Promise((r) => setTimeout(r, SAMPLE_MS).unref());
    }
  };
  void loop();
  return {
    stop() {
      stopped = true;
      void cdp?.detach().catch(() => {});
      const waited = pendingSince === null ? 0 : performance.now() - pendingSince;
      if (waited <= LATE_MS) return { ...result };
      return { samples: result.samples + 1, late: result.late + 1, lostMs: result.lostMs + Math.round(waited - LATE_MS) };
    },
  };
}
