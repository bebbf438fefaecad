/**
 * Node-only helper for the CLI: reads the banner screenshots a report names into data URIs for the
 * HTML renderer (which stays pure). Only image files inside the report directory are read, so a
 * crafted report.json cannot pull another file into a report that gets mailed around.
 *
 * @example
 *   const html = render(report, 'html', { lang: 'en', includeValues: false, assets: loadAssets(report, outDir) });
 */
import { readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { ReportSource } from '../src/model.ts';
import { HTML_DETAIL_LIMIT } from './html.ts';

const SIGNATURES: Array<[string, (b: Buffer) => boolean]> = [
  ['image/png', (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
  ['image/jpeg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['image/webp', (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP'],
];

/** Every screenshot path of the sites the HTML shows in detail (initial banner and each phase). */
export function screenshotPaths(report: ReportSource): string[] {
  const paths = new Set<string>();
  let n = 0;
  for (const site of report.sites) {
    if (n++ === HTML_DETAIL_LIMIT) break;
    if (site.banner?.screenshot) paths.add(site.banner.screenshot);
    for (const b of Object.values(site.banner?.phases ?? {})) if (b?.screenshot) paths.add(b.screenshot);
  }
  return [...paths];
}

/** The file at `path` (relative to `dir`) as a data URI, or null when it is outside `dir`, missing or not an image. */
export function readImageAsset(dir: string, path: string): string | null {
  if (isAbsolute(path)) return null;
  try {
    const root = realpathSync(dir);
    const file = realpathSync(resolve(root, path));
    const rel = relative(root, file);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
    const bytes = readFileSync(file);
    const type = SIGNATURES.find(([, matches]) => matches(bytes))?.[0];
    return type ? `data:${type};base64,${bytes.toString('base64')}` : null;
  } catch {
    return null;
  }
}

/** Screenshot path → data URI for every readable screenshot the HTML shows; missing ones are left out. */
export function loadAssets(report: ReportSource, reportDir: string): Record<string, string> {
  const assets: Record<string, string> = {};
  for (const path of screenshotPaths(report)) {
    const uri = readImageAsset(reportDir, path);
    if (uri) assets[path] = uri;
  }
  return assets;
}
