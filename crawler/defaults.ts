/**
 * The crawl's default settings, apart from the crawler so the CLI can print them in its help
 * without loading a browser driver.
 *
 * @example DEFAULTS.settle // 3000
 */
import { availableParallelism } from 'node:os';

export const DEFAULTS = {
  out: './cookie-audit-report',
  // Sites spend most of their time waiting (settle, quiet): two per core keeps the CPUs busy. Measured
  // (bench/crawl.ts, 2 cores, 42 fixture sites, policy auto): 4 was fastest of 2/3/4/6/8, under 1 GiB PSS.
  concurrency: Math.min(8, 2 * availableParallelism()),
  pages: 0,
  settle: 3000,
  timeout: 30_000,
} as const;
