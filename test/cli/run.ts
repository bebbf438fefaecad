/**
 * Runs `cookie-audit` for the CLI tests: in this process through `main(argv, io)` (`runMain`, what
 * most tests use: no Node start, same exit status and output), or as the real executable
 * bin/cookie-audit.js in a child process (`runCli`, for what only a real process shows), from any
 * working directory; and the hand-made report variants the CLI tests feed it.
 *
 * @example
 *   const { code, stdout, stderr } = await runMain(['report', file, '--format', 'md'], { cwd: dir });
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Report } from '../../src/model.ts';
import { main } from '../../cli/main.ts';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(REPO, 'bin', 'cookie-audit.js');

export interface CliResult { code: number | null; stdout: string; stderr: string }

/** The real executable (`options.bin`, default this checkout's) in a child process (stdout and stderr are the child's own streams). */
export function runCli(args: string[], options: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_STEP_SUMMARY: undefined, ...options.env };
    for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
    const child = spawn(process.execPath, [options.bin ?? BIN, ...args], { cwd: options.cwd ?? REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface RunOptions { cwd?: string; env?: Record<string, string | undefined>; bin?: string }

let queue: Promise<unknown> = Promise.resolve();

/**
 * `cookie-audit <args>` in this process: `main()` with its output captured, in `cwd` (default the
 * repository) with `env`'s variables set and GITHUB_STEP_SUMMARY removed unless given, as runCli
 * does for a child. The working directory and environment are the process's, so calls run one at
 * a time (concurrent calls wait their turn) and both are restored after each.
 */
export function runMain(args: string[], options: RunOptions = {}): Promise<CliResult> {
  const run = async (): Promise<CliResult> => {
    const vars = { GITHUB_STEP_SUMMARY: undefined, ...options.env };
    const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
    const cwd = process.cwd();
    let stdout = '';
    let stderr = '';
    const set = (values: Record<string, string | undefined>) => {
      for (const [k, v] of Object.entries(values)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    };
    set(vars);
    process.chdir(options.cwd ?? REPO);
    try {
      const code = await main(['node', 'cookie-audit', ...args], { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; } });
      return { code, stdout, stderr };
    } finally {
      process.chdir(cwd);
      set(saved);
    }
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}

export const tempDir = (prefix = 'cookie-audit-cli-'): string => mkdtempSync(join(tmpdir(), prefix));

/** A fresh copy of the golden engine report (3 sites, 6 error findings on two of them). */
export function sampleReport(): Report {
  return JSON.parse(readFileSync(join(REPO, 'test/golden/sample-report.json'), 'utf8')) as Report;
}

/** Writes `data` as JSON into `dir/name` and returns the path. */
export function writeJson(dir: string, name: string, data: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(data, null, 2));
  return path;
}
