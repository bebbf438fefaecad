/**
 * Runs the real `cookie-audit` executable (bin/cookie-audit.js) as a child process, from any
 * working directory, and the hand-made report variants the CLI tests feed it.
 *
 * @example
 *   const { code, stdout, stderr } = await runCli(['report', file, '--format', 'md'], { cwd: dir });
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Report } from '../../src/model.ts';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(REPO, 'bin', 'cookie-audit.js');

export interface CliResult { code: number | null; stdout: string; stderr: string }

export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_STEP_SUMMARY: undefined, ...options.env };
    for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
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
