/**
 * Runs `cookie-audit crawl` over the fault web plus the fixture web, and reads back what it wrote:
 * as its own Node process when a test signals or watches it (`startCrawl`: SIGINT, SIGKILL, its
 * browser's pid), else in this process through the CLI's `main(argv, io)` (`crawlInProcess`).
 *
 * @example
 *   const webs = websOfSuite();   // in a describe(): started before its tests, closed after them
 *   const run = startCrawl([...targets, ...webs.args(), '--out', outDir('x')]); await run.done;
 *   const same = crawlInProcess([...targets, ...webs.args(), '--out', outDir('y')]); await same.done;
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report, SiteAudit } from '../../src/model.ts';
import { startFaultWeb, type FaultWeb } from '../fixtures/faults/server.ts';
import type { FixtureWeb } from '../fixtures/web/server.ts';
import { sharedFixtureWeb } from '../support/shared.ts';
import { sleep } from '../../crawler/wait.ts';
import { runMain, tempDir } from '../cli/run.ts';

export const ROOT = new URL('../..', import.meta.url).pathname;

/** Quick waits: the fault tests are about surviving, not about slow timers. */
export const FAST_WAITS = ['--settle', '500', '--timeout', '8000', '--fail-on', 'never', '--allow-errors'];
/** FAST_WAITS and no policy search (up to eight more page loads a site): these tests judge no policy. */
export const FAST = [...FAST_WAITS, '--policy', 'off'];

export interface Webs {
  web: FixtureWeb;
  faults: FaultWeb;
  /** `--browser-arg` flags routing fault hosts to the fault web and every other host to the fixture web. */
  args(o?: { ignoreCertificates?: boolean }): string[];
  /** The URL to crawl for a fixture site. */
  healthy(host: string): string;
  close(): Promise<void>;
}

async function startWebs(): Promise<Webs> {
  const web = await sharedFixtureWeb();
  const faults = await startFaultWeb();
  return {
    web, faults,
    args: (o = {}) => faults.browserArgs({ otherPort: web.port, ...o }).map((a) => `--browser-arg=${a}`),
    healthy: (host) => {
      const s = web.sites.find((x) => x.host === host);
      if (!s) throw new Error(`No fixture site \`${host}\``);
      return `${web.origin(s.host, s.scheme)}${s.path}`;
    },
    close: async () => { await faults.close(); await web.close(); },
  };
}

/**
 * The webs of the enclosing describe(), started in a before() and closed in an after() registered
 * here (call it before the suite's own hooks that use them); its fields work in hooks and tests only.
 */
export function websOfSuite(): Webs {
  let webs: Webs | undefined;
  before(async () => { webs = await startWebs(); });
  after(async () => { await webs?.close(); });
  const started = (): Webs => {
    if (!webs) throw new Error('The fault webs start in the suite\'s before(): use them inside hooks and tests');
    return webs;
  };
  return {
    get web() { return started().web; },
    get faults() { return started().faults; },
    args: (o) => started().args(o),
    healthy: (host) => started().healthy(host),
    close: async () => { await webs?.close(); },
  };
}

/** A fresh `--out` path (the crawl creates it) in a new temporary folder named after the test. */
export const outDir = (name: string): string => join(tempDir(`cookie-audit-${name}-`), 'out');

export interface CrawlRun {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal name) when the process ends. */
  done: Promise<number | string | null>;
}

export function startCrawl(args: string[]): CrawlRun {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'crawl', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => { stdout += d; });
  child.stderr!.on('data', (d) => { stderr += d; });
  const done = new Promise<number | string | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? signal));
  });
  return { child, stdout: () => stdout, stderr: () => stderr, done };
}

/** Like `startCrawl` without a process to signal: the CLI's main() in this process (working directory: the repository). */
export function crawlInProcess(args: string[]): Omit<CrawlRun, 'child'> {
  let stdout = '';
  let stderr = '';
  const done = runMain(['crawl', ...args], { cwd: ROOT }).then((r) => {
    ({ stdout, stderr } = r);
    return r.code;
  });
  return { stdout: () => stdout, stderr: () => stderr, done };
}

/** The complete lines of `<out>/results.jsonl` (a line cut by a kill is left out). */
export function resultLines(out: string): SiteAudit[] {
  const path = join(out, 'results.jsonl');
  if (!existsSync(path)) return [];
  const lines: SiteAudit[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    try { lines.push(JSON.parse(line) as SiteAudit); } catch { /* cut short or blank */ }
  }
  return lines;
}

export function readReport(out: string): Report {
  return JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
}

/** Waits until results.jsonl holds `n` complete lines (or the run ends first). */
export async function waitForLines(out: string, n: number, run: CrawlRun): Promise<void> {
  let ended = false;
  void run.done.then(() => { ended = true; });
  while (!ended && resultLines(out).length < n) await sleep(100);
  if (ended) throw new Error(`The crawl ended before writing ${n} results:\n${run.stderr()}`);
}
