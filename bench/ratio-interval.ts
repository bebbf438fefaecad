/**
 * How sure a measured time ratio is: the ratio of total times of paired loads (same site, same
 * round, one variant against the baseline) with a 95 % bootstrap interval, so a benchmark on a
 * noisy machine can say "met", "not met" or "cannot tell" instead of one number. The pairs come
 * in rounds (fresh browsers, minutes apart); the bootstrap draws rounds, then pairs within each
 * drawn round, so a machine whose load drifts between rounds widens the interval instead of
 * hiding in it (pairs of one round share that round's luck).
 *
 * @example ratioInterval([[[110, 100], [220, 200]], [[105, 100], [90, 100]]]) // { ratio: 1.05, low: 0.94, high: 1.1 }
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

type Pair = readonly [number, number];

const sumRatio = (pairs: ReadonlyArray<Pair>): number =>
  pairs.reduce((s, p) => s + p[0], 0) / pairs.reduce((s, p) => s + p[1], 0);

/** `rounds` hold pairs [variant ms, baseline ms]; null when there are none. */
export function ratioInterval(rounds: ReadonlyArray<ReadonlyArray<Pair>>, resamples = 4000, seed = 1): RatioInterval | null {
  const filled = rounds.filter((r) => r.length > 0);
  if (filled.length === 0) return null;
  const next = random(seed);
  const pick = <T>(xs: ReadonlyArray<T>): T => xs[Math.floor(next() * xs.length)]!;
  const ratios: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const sample = filled.flatMap(() => {
      const round = pick(filled);
      return round.map(() => pick(round));
    });
    ratios.push(sumRatio(sample));
  }
  ratios.sort((a, b) => a - b);
  return { ratio: sumRatio(filled.flat()), low: ratios[Math.floor(resamples * 0.025)]!, high: ratios[Math.ceil(resamples * 0.975) - 1]! };
}

/** The verdict on "the variant adds at most `limit` − 1": only what the interval supports. */
export function verdict(i: RatioInterval, limit: number): 'met' | 'not met' | 'cannot tell' {
  if (i.high <= limit) return 'met';
  if (i.low > limit) return 'not met';
  return 'cannot tell';
}
