/**
 * Writes a crawl's results under `--out`: `results.jsonl` (one site audit per line, appended as
 * each site completes, so a killed crawl loses nothing finished), per-site artefacts, and
 * `report.json` at the end. Paths are built from slugs only, never from site-controlled text.
 *
 * @example
 *   const out = await OutputDir.open('./cookie-audit-report');
 *   await out.appendResult(site); await out.writeArtefact('a.fr', 'observations.json', obs); await out.writeReport(report);
 */
import { appendFile, mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { ReportSource, SiteAudit } from '../src/model.ts';
import { reportJsonChunks, writeChunks } from '../reports/json-stream.ts';

const LOCK_FILE = '.cookie-audit.lock';

/** Another live run writes to the same --out directory. */
export class OutputBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputBusyError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates the lock file exclusively; a lock left by a process that is gone is taken over. */
async function takeLock(path: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(path, `${JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() })}\n`, { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder: { pid?: unknown; startedAt?: unknown } = {};
    try {
      holder = JSON.parse(await readFile(path, 'utf8')) as typeof holder;
    } catch { /* unreadable: treated as stale */ }
    const pid = typeof holder.pid === 'number' ? holder.pid : null;
    if (pid !== null && pid !== process.pid && alive(pid)) {
      throw new OutputBusyError(`Another cookie-audit run (pid ${pid}, started ${String(holder.startedAt)}) is writing to ${dirname(path)}; ` +
        'wait for it to finish, or give this run another --out directory.');
    }
    await rm(path, { force: true });
  }
  throw new OutputBusyError(`Could not lock ${dirname(path)}: another run keeps taking it; give this run another --out directory.`);
}

/** Writes the chunks to `path` atomically (a temp file beside it, then a rename), in blocks: never one string. */
export async function writeFileChunks(path: string, chunks: Iterable<string>): Promise<void> {
  const file = await open(`${path}.tmp`, 'w');
  try {
    await writeChunks(chunks, (text) => file.write(text));
  } finally {
    await file.close();
  }
  await rename(`${path}.tmp`, path);
}

export class OutputDir {
  /** Appends run one after the other, so two sites' lines never interleave. */
  private appending: Promise<void> = Promise.resolve();

  private constructor(readonly dir: string, private locked: boolean, private freshResults: boolean) {}

  /**
   * Opens (creates) the directory. A new crawl starts a new results list (`resume` keeps it) —
   * at once, or with `truncate: 'later'` only when `startResults()` is called (once the browser
   * runs, so a run that cannot start loses nothing). `lock` refuses a second run on the same
   * directory while this one lives (a lock file with our pid; a dead pid's lock is taken over).
   * @throws OutputBusyError when another live run holds the lock.
   */
  static async open(dir: string, options: { resume?: boolean; truncate?: 'now' | 'later'; lock?: boolean } = {}): Promise<OutputDir> {
    const abs = resolve(dir);
    await mkdir(abs, { recursive: true });
    if (options.lock) await takeLock(join(abs, LOCK_FILE));
    const out = new OutputDir(abs, options.lock === true, !options.resume);
    if ((options.truncate ?? 'now') === 'now') await out.startResults();
    return out;
  }

  /** Starts the results list afresh, unless the run resumes one (once; later calls do nothing). */
  async startResults(): Promise<void> {
    if (!this.freshResults) return;
    this.freshResults = false;
    await writeFile(this.resultsPath, '');
  }

  /** Releases the lock, if this run took one. */
  async close(): Promise<void> {
    if (this.locked) await rm(join(this.dir, LOCK_FILE), { force: true });
    this.locked = false;
  }

  /** The site folders already in the directory (a resumed run must not reuse their names). */
  async existingSiteDirs(): Promise<string[]> {
    const entries = await readdir(this.dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => e.name);
  }

  get resultsPath(): string {
    return join(this.dir, 'results.jsonl');
  }

  /** Absolute path of a site's artefact directory. */
  siteDir(slug: string): string {
    if (!/^[a-z0-9][a-z0-9._-]*$/.test(slug) || slug.includes('..')) throw new Error(`Unsafe artefact directory name \`${slug}\``);
    return join(this.dir, slug);
  }

  /** Appends one line; resolves once it is written (a later SIGKILL cannot lose it). */
  async appendResult(site: SiteAudit): Promise<void> {
    const line = `${JSON.stringify(site)}\n`;
    const write = this.appending.then(() => appendFile(this.resultsPath, line));
    this.appending = write.catch(() => {});
    await write;
  }

  async writeArtefact(slug: string, name: string, data: unknown): Promise<void> {
    const dir = this.siteDir(slug);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, name), `${JSON.stringify(data, null, 2)}\n`);
  }

  /**
   * Writes report.json atomically (temp file + rename), as a stream: the header, each site on a
   * line of its own, the footer (reports/json-stream.ts), never the whole report as one string.
   */
  async writeReport(report: ReportSource): Promise<string> {
    const path = join(this.dir, 'report.json');
    await writeFileChunks(path, reportJsonChunks(report));
    return path;
  }
}
