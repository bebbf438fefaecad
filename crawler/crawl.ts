/**
 * The programmatic crawler: the list's unique targets, queued in a p-queue, each audited by one
 * site runner on a shared headless Chromium (site-runner.ts), results appended to the results sink
 * (results-dir.ts) as they finish, then the report. With an output directory the finished sites
 * live only in results.jsonl: `crawlList` returns a report that reads them back on each pass, so a
 * list of any length is never in memory whole (the CLI uses it); `crawl` returns them all in an
 * array (tests, small lists).
 *
 * @example
 *   const report = await crawl(['lyon.cesi.fr', 'https://www.cesi.fr/'], { out: './out', concurrency: 2 });
 *   const { report, sites } = await crawlList(targets, { out: './out' }); // for (const site of report.sites) …
 */
import PQueue from 'p-queue';
import { ENGINE } from '../defaults/engine.ts';
import { defaultConfig, type ResolvedConfig } from '../src/config.ts';
import type { Report, ReportSource, SiteAudit } from '../src/model.ts';
import type { Span } from './file-lines.ts';
import { OutputDir } from './results-dir.ts';
import { indexFinished, sitesAt, targetKey } from './resume.ts';
import { startBackpressure } from './backpressure.ts';
import { createLatenessWindow } from './page-lateness.ts';
import { createSiteRunner } from './site-runner.ts';
import { SlugSet } from './slug.ts';
import type { AllowableScheme } from './targets.ts';

export { siteBudget } from './site-runner.ts';
export { DEFAULTS } from './defaults.ts';
import { DEFAULTS } from './defaults.ts';

export interface CrawlOptions {
  /** Report directory; null writes nothing (programmatic use). */
  out: string | null;
  concurrency: number;
  browserArgs: string[];
  executable?: string;
  pages: number;
  settle: number;
  timeout: number;
  config: ResolvedConfig;
  includeValues: boolean;
  /** Called as each site completes (progress display). */
  onSite?: (site: SiteAudit, done: number, total: number) => void;
  /** Called with the browser's pid once launched (bench measures its memory). */
  onBrowser?: (pid: number | null) => void;
  /** Stops the crawl: queued sites are dropped, sites in progress abandoned; the report holds the finished ones. */
  signal?: AbortSignal;
  /** Time budget of one whole site (three phases, retries included), ms; default from the timeout and settle time. */
  siteTimeout?: number;
  /** Keep `<out>/results.jsonl` and only visit the targets not in it. */
  resume?: boolean;
  /** Non-http(s) schemes let through on purpose (`--allow-scheme file`). */
  allowSchemes?: readonly AllowableScheme[];
  /** The sites' privacy and cookie policies: `auto` (default) finds them, `off` skips them, a URL reads that document. */
  policy?: 'auto' | 'off' | string;
}


/** The report with its sites in an array. */
export async function crawl(targets: readonly string[], options: Partial<CrawlOptions> = {}): Promise<Report> {
  const { report } = await crawlList(targets, options);
  return { ...report, sites: [...report.sites] };
}

export interface CrawlResult {
  /** In the list's order; with `out`, its sites are read from results.jsonl on each pass. */
  report: ReportSource;
  /** How many sites the report holds. */
  sites: number;
}

export async function crawlList(targets: readonly string[], options: Partial<CrawlOptions> = {}): Promise<CrawlResult> {
  const o: CrawlOptions = {
    out: options.out === undefined ? DEFAULTS.out : options.out,
    concurrency: options.concurrency ?? DEFAULTS.concurrency,
    browserArgs: options.browserArgs ?? [],
    executable: options.executable,
    pages: options.pages ?? DEFAULTS.pages,
    settle: options.settle ?? DEFAULTS.settle,
    timeout: options.timeout ?? DEFAULTS.timeout,
    config: options.config ?? defaultConfig(),
    includeValues: options.includeValues ?? false,
    onSite: options.onSite,
    onBrowser: options.onBrowser,
    signal: options.signal,
    siteTimeout: options.siteTimeout,
    resume: options.resume ?? false,
    allowSchemes: options.allowSchemes ?? [],
    policy: options.policy ?? 'auto',
  };
  const targetOptions = { allowSchemes: o.allowSchemes };
  // One visit per site: `a.fr` and `https://a.fr/` are the same target.
  const byKey = new Map<string, string>();
  for (const t of targets) if (t.trim() !== '' && !byKey.has(targetKey(t, targetOptions))) byKey.set(targetKey(t, targetOptions), t.trim());
  const unique = [...byKey.values()];
  const keys = [...byKey.keys()];
  byKey.clear();
  // Locked against a second run on the same directory; the results list starts afresh only once the browser runs.
  const out = o.out === null ? null : await OutputDir.open(o.out, { resume: o.resume, truncate: 'later', lock: true });
  const finished = o.resume && out ? (await indexFinished(out.resultsPath)).spans : new Map<string, Span>();
  // A resumed run keeps the earlier sites' folders: new sites never get (and overwrite) their names.
  const slugs = new SlugSet(out && o.resume ? await out.existingSiteDirs() : []);
  // Fewer sites in flight while pages run late (crawler/backpressure.ts, crawler/page-lateness.ts);
  // the runner re-checks negatives and visits that ran starved.
  const queue = new PQueue({ concurrency: o.concurrency });
  const pace = createLatenessWindow();
  const backpressure = startBackpressure(queue, { max: o.concurrency, read: pace.read });
  const runner = createSiteRunner({ ...o, onBrowser: o.onBrowser, onLateness: pace.add, pace: pace.read });
  const stopped = () => o.signal?.aborted === true;

  // undefined: still to visit; null: finished and kept only in results.jsonl, so memory stays flat on long lists.
  const sites: Array<SiteAudit | null | undefined> = keys.map((k) => (finished.has(k) ? null : undefined));
  finished.clear();
  const todo = sites.filter((s) => s === undefined).length;
  let done = 0;
  const finish = async (i: number, site: SiteAudit) => {
    // A site cut short by a stop is not a result: it is left out rather than reported as failed.
    if (stopped()) return;
    sites[i] = out ? null : site;
    await out?.appendResult(site);
    o.onSite?.(site, ++done, todo);
  };

  const stop = () => {
    queue.clear();
    void runner.close();
  };
  o.signal?.addEventListener('abort', stop, { once: true });
  try {
    try {
      await runner.ready();
      await out?.startResults();
      // Not Promise.all of the add() promises: a stop clears the queue and cleared tasks never settle.
      let failure: unknown = null;
      unique.forEach((raw, i) => sites[i] === undefined && void queue.add(async () => {
        if (stopped()) return;
        const site = await runner.run(raw, { slug: (url) => slugs.take(url), artefacts: out }, o.signal);
        return finish(i, site);
      }).catch((error: unknown) => { failure ??= error; }));
      await queue.onIdle();
      // Only the output (disk full…) can fail outside a site's own error handling: that stops the crawl.
      if (failure) throw failure;
    } finally {
      o.signal?.removeEventListener('abort', stop);
      backpressure.stop();
      await runner.close();
    }
    if (!out) {
      const report = ENGINE.buildReport(sites.filter((s): s is SiteAudit => s != null), o.config);
      return { report, sites: report.sites.length };
    }
    // Where each site's line is, in the list's order (sites of an earlier list left in a resumed file are not reported).
    const { spans } = await indexFinished(out.resultsPath);
    const ordered = keys.map((k) => spans.get(k)).filter((s): s is Span => s !== undefined);
    spans.clear();
    const report: ReportSource = { ...ENGINE.buildReport([], o.config), sites: sitesAt(out.resultsPath, ordered) };
    await out.writeReport(report);
    return { report, sites: ordered.length };
  } finally {
    // The lock is held until report.json is written.
    await out?.close();
  }
}
