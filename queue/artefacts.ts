/**
 * Where a worker writes a site's artefacts (banner screenshot, observations.json): under its
 * `--artefacts DIR`, in a directory whose name depends only on the site, so every worker (and a
 * retry on another machine) uses the same one. Written through crawler/results-dir.ts's OutputDir,
 * which refuses any name that could leave DIR.
 *
 * @example
 *   artefactSlug('https://Lyon.cesi.fr/', jobIdFor('lyon.cesi.fr')) // → 'lyon.cesi.fr-3f2a9c41'
 *   const sink = await artefactSink('/shared/eu-06');               // null when no --artefacts
 */
import { OutputDir } from '../crawler/results-dir.ts';
import type { ArtefactSink } from '../crawler/site-runner.ts';
import { slugOf } from '../crawler/slug.ts';
import { JOB_ID } from './job-id.ts';

/**
 * `<slug of the URL>-<8 hex digits of the job id>`: readable, the same on every worker, and unique
 * in the run even when two targets slug alike (`a.fr/x?y` and `a.fr/x_y`).
 */
export function artefactSlug(url: string, jobId: string): string {
  const hash = JOB_ID.test(jobId) ? jobId.slice(1, 9) : '00000000';
  return `${slugOf(url).slice(0, 70)}-${hash}`;
}

/** The `--artefacts DIR` sink (crawler/results-dir.ts's OutputDir, which refuses unsafe names); null without one. */
export async function artefactSink(dir: string | null | undefined): Promise<ArtefactSink | null> {
  if (dir === null || dir === undefined) return null;
  // resume: keeps any results.jsonl there (a collector's --out may be the same directory).
  return OutputDir.open(dir, { resume: true });
}
