/**
 * Tracks requests in flight to tell when a page's network has gone quiet.
 *
 * @example
 *   const a = new NetworkActivity(); a.started('1'); a.finished('1');
 *   await a.quiet({ quietMs: 500, maxMs: 5000 }); // resolves once nothing moved for 500 ms
 */

export interface QuietOptions {
  /** How long nothing may be in flight (or move) before the page counts as quiet. */
  quietMs: number;
  /** Give up waiting after this long (pages that poll forever). */
  maxMs: number;
  /** Requests in flight longer than this are long polls/streams and do not keep the page busy. */
  staleMs?: number;
}

export class NetworkActivity {
  private readonly inFlight = new Map<string, number>();
  private lastChange = Date.now();

  started(id: string): void {
    if (!this.inFlight.has(id)) this.inFlight.set(id, Date.now());
    this.lastChange = Date.now();
  }

  finished(id: string): void {
    this.inFlight.delete(id);
    this.lastChange = Date.now();
  }

  touch(): void {
    this.lastChange = Date.now();
  }

  /** Requests in flight that are younger than `staleMs`. */
  busy(now: number, staleMs: number): number {
    let n = 0;
    for (const since of this.inFlight.values()) if (now - since < staleMs) n++;
    return n;
  }

  /** Resolves once nothing has been in flight or moved for `quietMs`, or after `maxMs`. Returns whether it went quiet. */
  async quiet({ quietMs, maxMs, staleMs = 5000 }: QuietOptions): Promise<boolean> {
    const deadline = Date.now() + maxMs;
    for (;;) {
      const now = Date.now();
      if (this.busy(now, staleMs) === 0 && now - this.lastChange >= quietMs) return true;
      if (now >= deadline) return false;
      await new Promise((r) => setTimeout(r, Math.min(100, Math.max(10, deadline - now))));
    }
  }
}
