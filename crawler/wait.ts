/**
 * Waiting helpers: a plain delay, and a deadline race that turns a hung step into a timeout error.
 *
 * @example
 *   await withDeadline(doPhase(), 60_000, () => new SiteError('timeout', 'phase took over 60 s'));
 */

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Resolves like `work`, or rejects with `onTimeout()` after `ms`. */
export async function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
