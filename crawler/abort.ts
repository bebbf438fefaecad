/**
 * Cancelling a visit: a promise that rejects when a signal aborts (with the signal's reason), to
 * race against work that does not take a signal itself (Puppeteer calls, waits).
 *
 * @example
 *   await Promise.race([runPhaseWork(), whenAborted(signal)]); // rejects with signal.reason on abort
 */

/** Rejects with `signal.reason` once `signal` aborts; never settles without a signal. */
export function whenAborted(signal: AbortSignal | undefined): Promise<never> {
  return new Promise<never>((_, reject) => {
    if (!signal) return;
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}
