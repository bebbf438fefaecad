/**
 * Command-line options of the benchmarks: every value of a repeatable option, and whole numbers
 * checked with an error that says what was expected (exit status 2).
 *
 * @example
 *   wholeNumberArg('rounds', 5, 1) // `--rounds 7` → 7; absent → 5; `--rounds 0` → exits with an error
 *   optionValues('variant')        // `--variant a=x --variant b=y` → ['a=x', 'b=y']
 */

/** Every value given to `--name`, in order. */
export function optionValues(name: string, argv: readonly string[] = process.argv.slice(2)): string[] {
  const out: string[] = [];
  argv.forEach((a, i) => { if (a === `--${name}` && i + 1 < argv.length) out.push(argv[i + 1]!); });
  return out;
}

/** Reads `--name N` (a whole number from `min`), or the fallback; exits with status 2 on a bad value. */
export function wholeNumberArg(name: string, fallback: number, min: number): number {
  const raw = optionValues(name)[0];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    console.error(`Expected \`--${name}\` to be a whole number from ${min} up, got \`${raw}\``);
    process.exit(2);
  }
  return n;
}
