import { expect } from 'chai';
import { ratioInterval, verdict } from '../../bench/ratio-interval.ts';

type Pair = [number, number];

describe('bench: ratio interval', () => {
  it('gives the ratio of total times and an interval around it', () => {
    const round: Pair[] = [[110, 100], [220, 200], [105, 100], [130, 100], [90, 100]];
    const i = ratioInterval([round])!;
    expect(i.ratio).to.be.closeTo(655 / 600, 1e-9);
    expect(i.low).to.be.below(i.ratio);
    expect(i.high).to.be.above(i.ratio);
  });

  it('narrows with more pairs of the same spread, and is a point when every pair agrees', () => {
    const few: Pair[] = [[120, 100], [100, 100]];
    const many = Array.from({ length: 200 }, (_, k): Pair => (k % 2 ? [120, 100] : [100, 100]));
    const width = (i: { low: number; high: number }): number => i.high - i.low;
    expect(width(ratioInterval([many])!)).to.be.below(width(ratioInterval([few])!));
    expect(ratioInterval([[[150, 100]], [[300, 200]]])).to.deep.equal({ ratio: 1.5, low: 1.5, high: 1.5 });
    expect(ratioInterval([])).to.equal(null);
    expect(ratioInterval([[], []])).to.equal(null);
  });

  it('widens when whole rounds disagree: their pairs share the round\'s luck', () => {
    // The same 40 pairs: steady within each round, but one round ran 20 % slow for the variant.
    const calm: Pair[] = Array.from({ length: 20 }, (_, k) => [100 + (k % 3), 100]);
    const slow: Pair[] = calm.map(([v, b]) => [v * 1.2, b]);
    const byRound = ratioInterval([calm, slow])!;
    const asOneRound = ratioInterval([[...calm, ...slow]])!;
    expect(byRound.ratio).to.be.closeTo(asOneRound.ratio, 1e-9);
    // Two rounds: the resample is all-calm, all-slow or one of each; the interval spans them.
    expect(byRound.low).to.be.below(1.02);
    expect(byRound.high).to.be.above(1.2);
    expect(asOneRound.high - asOneRound.low).to.be.below((byRound.high - byRound.low) / 2);
  });

  it('says "cannot tell" when the interval straddles the limit', () => {
    expect(verdict({ ratio: 1.05, low: 1.02, high: 1.08 }, 1.1)).to.equal('met');
    expect(verdict({ ratio: 1.2, low: 1.15, high: 1.25 }, 1.1)).to.equal('not met');
    expect(verdict({ ratio: 1.09, low: 1.04, high: 1.14 }, 1.1)).to.equal('cannot tell');
  });
});
