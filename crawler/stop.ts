/**
 * Stopping a crawl cleanly, on SIGINT or when `--max-time` is reached: no new site starts, the
 * running ones get a short grace period to finish, then they are aborted (and not recorded).
 *
 * @example
 *   const stop = new CrawlStop({ maxTimeMs: 3_600_000, graceMs: 3000 });
 *   if (stop.reason) return;            // before starting a site
 *   visit(…, { signal: stop.halted });  // running sites abort when the grace period ends
 *   stop.dispose();
 */
import { CrawlStopped } from './abort.ts';

export type StopReason = 'interrupt' | 'max-time';

export class CrawlStop {
  /** Why the crawl is stopping, or null while it runs. */
  reason: StopReason | null = null;
  private readonly halt = new AbortController();
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(private readonly o: { maxTimeMs?: number | null; graceMs: number; onStop?: (reason: StopReason) => void }) {
    if (o.maxTimeMs != null) this.timers.push(setTimeout(() => this.request('max-time'), o.maxTimeMs));
  }

  /** Aborts (with CrawlStopped) once the grace period after a stop request is over. */
  get halted(): AbortSignal {
    return this.halt.signal;
  }

  /** Asks the crawl to stop; a second request (a second Ctrl-C) aborts running sites at once. */
  request(reason: StopReason): void {
    if (this.reason !== null) {
      this.halt.abort(new CrawlStopped(this.reason));
      return;
    }
    this.reason = reason;
    this.o.onStop?.(reason);
    this.timers.push(setTimeout(() => this.halt.abort(new CrawlStopped(reason)), this.o.graceMs));
  }

  dispose(): void {
    for (const t of this.timers) clearTimeout(t);
  }
}
