#!/usr/bin/env node
/**
 * `npm test`: every test file, in lanes — separate mocha processes running side by side, each
 * taking its share of the files (balanced by test/support/file-weights.json, longest first), each
 * with its own fixture web and extension builds. Two lanes by default (one on a single core): the
 * browser tests mostly wait on page timers, and the crawler and extension tests hold under the load
 * (README "Development"). Each lane's output is printed as it comes, each line prefixed by its lane,
 * and the run fails when any lane does.
 *
 * TEST_LANES=n sets the number of lanes; extra
 * arguments go to every mocha (e.g. `npm test -- --grep banner`).
 *
 * @example
 *   TEST_LANES=1 npm test        # one mocha, the files one after the other
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WEIGHTS = JSON.parse(readFileSync(join(ROOT, 'test/support/file-weights.json'), 'utf8'));

/** Every `*.test.ts` under test/, relative to the root, sorted (mocha's own order within a lane). */
function testFiles(dir = join(ROOT, 'test')) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...testFiles(path));
    else if (name.endsWith('.test.ts')) out.push(relative(ROOT, path));
  }
  return out;
}

/** Seconds a file is expected to take: its recorded weight, else a guess by tier. */
function weightOf(file) {
  return WEIGHTS.seconds[file] ?? (/\.(browser|process)\.test\.ts$/.test(file) ? WEIGHTS.unknownBrowser : WEIGHTS.unknownUnit);
}

/**
 * Files split into `n` lanes, heaviest first onto the lightest lane; files listed `together` (they
 * share a memoised run, test/support/shared.ts) go to one lane and run first, in their order.
 * Files listed `alone` (they load the machine on purpose) are left out: they run after the lanes.
 */
export function partition(files, n) {
  files = files.filter((f) => !WEIGHTS.alone.includes(f));
  const units = [];
  const grouped = new Set();
  for (const group of WEIGHTS.together) {
    const present = group.filter((f) => files.includes(f));
    if (present.length === 0) continue;
    present.forEach((f) => grouped.add(f));
    units.push(present);
  }
  for (const f of files) if (!grouped.has(f)) units.push([f]);
  const weight = (unit) => unit.reduce((sum, f) => sum + weightOf(f), 0);
  const lanes = Array.from({ length: n }, () => ({ files: [], seconds: 0 }));
  for (const unit of units.sort((a, b) => weight(b) - weight(a))) {
    const lightest = lanes.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    lightest.files.push(...unit);
    lightest.seconds += weight(unit);
  }
  // Mocha runs files in the order given: a `together` group first, in its order, then the rest sorted.
  for (const lane of lanes) {
    const first = WEIGHTS.together.flat().filter((f) => lane.files.includes(f));
    lane.files = [...first, ...lane.files.filter((f) => !first.includes(f)).sort()];
  }
  return lanes.filter((l) => l.files.length > 0);
}

/**
 * Mocha's failure list ("N failing" up to the durations), kept to be printed again at the very end:
 * lanes interleave, and a run's tail (all a CI log may keep) must still name every lane's failures.
 * `keep(shown, raw)`: `raw` is mocha's line, `shown` what to keep (prefixed by its lane).
 */
export function failureCollector(max = 200) {
  const lines = [];
  let inside = false;
  return {
    lines,
    keep(shown, raw = shown) {
      if (/^\s+\d+ failing/.test(raw)) inside = true;
      else if (raw.startsWith('test durations:')) inside = false;
      if (inside && lines.length < max) lines.push(shown);
    },
  };
}

function runLane(lane, index, extra) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [join(ROOT, 'node_modules/mocha/bin/mocha.js'), ...extra, ...lane.files], {
      cwd: ROOT, env: { ...process.env, TEST_LANE: String(index + 1) }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const prefix = `[lane ${index + 1}] `;
    const failures = failureCollector();
    const keep = (line) => failures.keep(prefix + line, line);
    // Line by line as they come, so a long run shows progress and a lost one still shows where it was.
    const relay = (stream) => {
      let rest = '';
      stream.on('data', (d) => {
        const lines = (rest + d).split('\n');
        rest = lines.pop();
        lines.forEach(keep);
        if (lines.length > 0) process.stdout.write(lines.map((l) => prefix + l).join('\n') + '\n');
      });
      stream.on('end', () => { if (rest) { keep(rest); process.stdout.write(prefix + rest + '\n'); } });
    };
    relay(child.stdout);
    relay(child.stderr);
    child.on('close', (code, signal) => {
      process.stdout.write(`${prefix}exit ${code ?? signal} after ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
      resolve({ ok: code === 0, failures: failures.lines });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const n = Math.max(1, Number(process.env.TEST_LANES) || Math.min(2, availableParallelism()));
  const files = testFiles();
  const lanes = partition(files, n);
  const alone = files.filter((f) => WEIGHTS.alone.includes(f));
  const started = Date.now();
  for (const [i, lane] of lanes.entries()) {
    process.stdout.write(`lane ${i + 1}: ${lane.files.length} files, about ${Math.round(lane.seconds)} s by test/support/file-weights.json\n`);
  }
  if (alone.length > 0) process.stdout.write(`then alone: ${alone.join(', ')}\n`);
  const runs = await Promise.all(lanes.map((lane, i) => runLane(lane, i, process.argv.slice(2))));
  if (alone.length > 0) runs.push(await runLane({ files: alone }, lanes.length, process.argv.slice(2)));
  const failed = runs.map((r, i) => (r.ok ? null : i + 1)).filter(Boolean);
  const listed = runs.flatMap((r) => r.failures);
  if (listed.length > 0) process.stdout.write(`\nFailures, again (each lane's, as mocha printed them):\n${listed.join('\n')}\n`);
  process.stdout.write(`\n${lanes.length} lane${lanes.length === 1 ? '' : 's'}${alone.length > 0 ? ' then the files run alone' : ''}, ${((Date.now() - started) / 1000).toFixed(0)} s in all; ${failed.length === 0 ? 'all passed' : `lane ${failed.join(', ')} failed`}\n`);
  process.exitCode = failed.length === 0 ? 0 : 1;
}
