/**
 * Backpressure: lowers the number of sites in flight while pages run late (starved for CPU, by
 * this crawl or anything else on the machine) and raises it back, one step at a time, once they
 * have kept pace for a while. Pages in flight beyond what the CPUs can run only make every page
 * late, which is what turns a banner into "no banner".
 *
 * @example
 *   const pace = createLatenessWindow();               // fed each finished phase's lateness
 *   const bp = startBackpressure(queue, { max: 4, read: pace.read });   // queue: a p-queue
 *   …
 *   bp.stop();                                          // bp.lowest: the lowest concurrency it used
 */
import type { PaceReading } from './page-lateness.ts';

/** Calm readings in a row before one more site may run at once. */
export const CALM_TICKS_TO_GROW = 3;

/** The next number of sites in flight: one less when starved, one more after enough calm, within 1…max. */
export function nextConcurrency(current: number, max: number, starved: boolean, calmTicks: number): number {
  if (starved) return Math.max(1, current - 1);
  if (calmTicks >= CALM_TICKS_TO_GROW) return Math.min(max, current + 1);
  return current;
}

export interface Backpressure {
  /** The lowest concurrency used so far. */
  readonly lowest: number;
  stop(): void;
}

export function startBackpressure(queue: { concurrency: number }, o: { max: number; intervalMs?: number; read: () => PaceReading }): Backpressure {
  let calm = 0;
  let lowest = queue.concurrency;
  const timer = setInterval(() => {
    const { starved } = o.read();
    calm = starved ? 0 : calm + 1;
    const next = nextConcurrency(queue.concurrency, o.max, starved, calm);
    // After a step up, wait for calm again before the next one.
    if (next > queue.concurrency) calm = 0;
    queue.concurrency = next;
    lowest = Math.min(lowest, next);
  }, o.intervalMs ?? 2000);
  timer.unref();
  return {
    get lowest() { return lowest; },
    stop() {
      clearInterval(timer);
    },
  };
}
