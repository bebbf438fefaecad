/**
 * scripts/run-tests.mjs (`npm test`): every test file lands in exactly one lane, a `together` group
 * in one lane and first in its order, the `alone` files in none, and the lanes balanced.
 */
import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error a plain .mjs script without types
import { failureCollector, partition } from '../scripts/run-tests.mjs';

const weights = JSON.parse(readFileSync('test/support/file-weights.json', 'utf8')) as {
  together: string[][]; alone: string[]; seconds: Record<string, number>;
};
const files = (function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : n.endsWith('.test.ts') ? [join(dir, n)] : []));
})('test').sort();

describe('npm test lanes (scripts/run-tests.mjs)', () => {
  type Lane = { files: string[]; seconds: number };
  for (const n of [1, 2, 3]) {
    it(`puts every file but the \`alone\` ones in exactly one of ${n} lane(s)`, () => {
      const lanes = partition(files, n) as Lane[];
      const placed = lanes.flatMap((l) => l.files);
      expect([...placed].sort()).to.deep.equal(files.filter((f) => !weights.alone.includes(f)));
      expect(lanes.length).to.equal(n);
    });
  }

  it('keeps each `together` group in one lane, first and in its order', () => {
    for (const lane of partition(files, 3) as Lane[]) {
      for (const group of weights.together) {
        const here = group.filter((f) => lane.files.includes(f));
        if (here.length === 0) continue;
        expect(here, 'the whole group').to.deep.equal(group.filter((f) => files.includes(f)));
        expect(lane.files.slice(0, here.length)).to.deep.equal(here);
      }
    }
  });

  it('lists only files that exist, and balances the lanes to within the heaviest unit', () => {
    for (const f of [...Object.keys(weights.seconds), ...weights.alone, ...weights.together.flat()]) expect(files, f).to.include(f);
    const lanes = partition(files, 2) as Lane[];
    const heaviest = Math.max(...weights.together.map((g) => g.reduce((s, f) => s + (weights.seconds[f] ?? 0), 0)), ...Object.values(weights.seconds));
    expect(Math.abs(lanes[0]!.seconds - lanes[1]!.seconds)).to.be.at.most(heaviest);
  });

  it('keeps each lane\'s failure list, from "N failing" to the durations, to print it again at the end', () => {
    const mocha = ['  ✔ passes', '', '  12 passing (3s)', '  1 failing', '', '  1) suite', '       test:', '     AssertionError: expected 1 to equal 2', '', 'test durations: test/a.test.ts 1.0 s', 'test durations: 1 file'];
    const failures = failureCollector();
    for (const line of mocha) failures.keep(`[lane 2] ${line}`, line);
    expect(failures.lines).to.deep.equal(['[lane 2]   1 failing', '[lane 2] ', '[lane 2]   1) suite', '[lane 2]        test:', '[lane 2]      AssertionError: expected 1 to equal 2', '[lane 2] ']);
    const passing = failureCollector();
    for (const line of ['  3 passing (1s)', 'test durations: 1 file']) passing.keep(line);
    expect(passing.lines, 'a lane that passed').to.deep.equal([]);
  });
});
