/**
 * Writes a crawl's results under `--out`: `results.jsonl` (one site audit per line, appended as
 * each site completes, so a killed crawl loses nothing finished), per-site artefacts, and
 * `report.json` at the end. Paths are built from slugs only, never from site-controlled text.
 *
 * @example
 *   const out = await OutputDir.open('./cookie-audit-report');
 *   await out.appendResult(site); await out.writeArtefact('a.fr', 'observations.json', obs); await out.writeReport(report);
 */
import { appendFile, mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Report, SiteAudit } from '../src/model.ts';

export class OutputDir {
  /** Appends run one after the other, so two sites' lines never interleave. */
  private appending: Promise<void> = Promise.resolve();

  private constructor(readonly dir: string) {}

  /** Opens (creates) the directory; a new crawl starts a new results list, `resume` keeps it. */
  static async open(dir: string, options: { resume?: boolean } = {}): Promise<OutputDir> {
    const abs = resolve(dir);
    await mkdir(abs, { recursive: true });
    if (!options.resume) await writeFile(join(abs, 'results.jsonl'), '');
    return new OutputDir(abs);
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

  /** Writes report.json atomically (temp file + rename). */
  async writeReport(report: Report): Promise<string> {
    const path = join(this.dir, 'report.json');
    await writeFile(`${path}.tmp`, `${JSON.stringify(report, null, 2)}\n`);
    await rename(`${path}.tmp`, path);
    return path;
  }
}
