/**
 * How sure a measured time ratio is: the ratio of total times of paired loads (same site, same
 * round, one variant against the baseline) with a 95 % bootstrap interval over the pairs, so a
 * benchmark on a noisy machine can say "met", "not met" or "cannot tell" instead of one number.
 *
 * @example ratioInterval([[110, 100], [220, 200], [105, 100]]) // { ratio: 1.09, low: 1.05, high: 1.1 }
 */
export interface RatioInterval { ratio: number; low: number; high: number }

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so a run's interval can be re-derived. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sumRatio = (pairs: ReadonlyArray<readonly [number, number]>): number =>
  pairs.reduce((s, p) => s + p[0], 0) / pairs.reduce((s, p) => s + p[1], 0);

/** `pairs` are [variant ms, baseline ms]; null when there are none. */
export function ratioInterval(pairs: ReadonlyArray<readonly [number, number]>, resamples = 4000, seed = 1): RatioInterval | null {
  if (pairs.length === 0) return null;
  const next = random(seed);
  const ratios: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const sample = pairs.map(() => pairs[Math.floor(next() * pairs.length)]!);
    ratios.push(sumRatio(sample));
  }
  ratios.sort((a, b) => a - b);
  return { ratio: sumRatio(pairs), low: ratios[Math.floor(resamples * 0.025)]!, high: ratios[Math.ceil(resamples * 0.975) - 1]! };
}

/** The verdict on "the variant adds at most `limit` − 1": only what the interval supports. */
export function verdict(i: RatioInterval, limit: number): 'met' | 'not met' | 'cannot tell' {
  if (i.high <= limit) return 'met';
  if (i.low > limit) return 'not met';
  return 'cannot tell';
}
