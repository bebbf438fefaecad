/**
 * How fast `cookie-audit --help` starts, against a bare `node -e 0` measured in the same run
 * (the ratio holds on a busy machine; the seconds do not). Part of `npm run bench`. Prints, never asserts.
 *
 * @example npx tsx bench/cli-start.ts --rounds 9
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { wholeNumberArg } from './args.ts';
import { buildCli } from '../scripts/build-cli.ts';

const BIN = fileURLToPath(new URL('../bin/cookie-audit.js', import.meta.url));
const rounds = wholeNumberArg('rounds', 9, 1);

function timeOnce(args: string[]): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

await buildCli();
const bare: number[] = [];
const help: number[] = [];
// Interleaved, so a burst of load hits both alike.
for (let i = 0; i < rounds; i++) {
  bare.push(timeOnce(['-e', '0']));
  help.push(timeOnce([BIN, '--help']));
}
process.stdout.write(`cli start (${rounds} rounds, medians): cookie-audit --help ${median(help).toFixed(0)} ms, node -e 0 ${median(bare).toFixed(0)} ms, ` +
  `ratio ×${(median(help) / median(bare)).toFixed(2)} (target: --help well under 500 ms)\n`);
