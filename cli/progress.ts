/**
 * Crawl progress on stderr: a bar (done/total, errors, ETA) on a terminal, else one plain line per site.
 *
 * @example
 *   const p = createProgress(40, processIo); p.site(audit, 1, 40); … p.stop();
 */
import cliProgress from 'cli-progress';
import type { SiteAudit } from '../src/model.ts';
import { jarKey } from '../src/cookie-key.ts';
import { failingRuleIds } from '../src/site-verdict.ts';
import { processIo, type CliIo } from './io.ts';
import { terminalSafe } from './safe-text.ts';

export interface Progress {
  site(site: SiteAudit, done: number, total: number): void;
  stop(): void;
}

/** One line describing a finished site. */
export function siteLine(site: SiteAudit, done: number, total: number): string {
  const head = `[${done}/${total}] ${terminalSafe(site.finalUrl || site.url, 120)}`;
  if (site.status === 'error') return `${head} error ${terminalSafe(site.error?.code)}: ${terminalSafe(site.error?.message, 160)}`;
  const failing = failingRuleIds(site);
  const names = new Set(site.cookies.map(jarKey));
  // A visit whose pages still ran late after the re-check is judged, but its negatives are weak evidence.
  const degraded = site.measurement?.degraded ? ' (degraded: its pages ran late, see report.html)' : '';
  return `${head} ok: ${names.size} cookie${names.size === 1 ? '' : 's'}, ${failing.length ? `failing ${terminalSafe(failing.join(', '), 200)}` : 'no failing rule'}${degraded}`;
}

/** A bar on process.stderr when `io` says stderr is a terminal, else one line per site through `io.stderr`. */
export function createProgress(total: number, io: CliIo = processIo): Progress {
  if (!io.stderrIsTTY) {
    return { site: (s, done, n) => io.stderr(`${siteLine(s, done, n)}\n`), stop: () => {} };
  }
  const bar = new cliProgress.SingleBar({
    stream: process.stderr,
    format: 'crawling [{bar}] {value}/{total} sites | {errors} errors | ETA {eta_formatted}',
    hideCursor: true,
    clearOnComplete: false,
    etaBuffer: 20,
  }, cliProgress.Presets.shades_classic);
  let errors = 0;
  bar.start(total, 0, { errors });
  return {
    site(s, done) {
      if (s.status === 'error') errors++;
      bar.update(done, { errors });
    },
    stop: () => bar.stop(),
  };
}
