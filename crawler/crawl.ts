/**
 * The programmatic crawler: visits every target in one shared headless Chromium (sites queued in
 * a p-queue), judges each with the engine and returns the report. The CLI and the tests call it.
 *
 * @example
 *   const report = await crawl(['lyon.cesi.fr', 'https://www.cesi.fr/'], { out: './out', concurrency: 2 });
 */
import { availableParallelism } from 'node:os';
import PQueue from 'p-queue';
import { errorSite } from '../src/engine.ts';
import { defaultConfig, type ResolvedConfig } from '../src/config.ts';
import type { Report, SiteAudit } from '../src/model.ts';
import { createTrackerMatcher } from '../src/trackers.ts';
import { isRequestOfInterest } from '../src/requests-of-interest.ts';
import { launchBrowser, type LaunchedBrowser } from './browser.ts';
import { findChromium } from './chromium.ts';
import { classifyError, SiteError } from './errors.ts';
import { OutputDir } from './results-dir.ts';
import { visitSite } from './site.ts';
import { SlugSet } from './slug.ts';
import { parseTarget, type AllowableScheme } from './targets.ts';
import { phaseBudget } from './phase.ts';
import { redactCookieLine } from './redact-set-cookie.ts';
import { readFinished, targetKey } from './resume.ts';
import { withDeadline } from './wait.ts';
import { ENGINE } from '../defaults/engine.ts';
import { KNOWLEDGE } from '../knowledge/index.ts';

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
}

/** The default budget of a site: its phases run side by side, and a later phase may be retried once. */
export function siteBudget(s: { settle: number; timeout: number; pages: number }): number {
  return 2 * phaseBudget(s) + 15_000;
}

export const DEFAULTS = {
  out: './cookie-audit-report',
  // Sites spend most of their time waiting (settle, quiet): two per core keeps the CPUs busy
  // (bench/crawl.ts: ≈ 25 sites/min on 2 cores at 4, under 1 GiB PSS).
  concurrency: Math.min(8, 2 * availableParallelism()),
  pages: 0,
  settle: 3000,
  timeout: 30_000,
} as const;

/** A matcher for requests worth recording: known trackers plus analytics collect endpoints. */
export function requestsOfInterest(): (url: string) => boolean {
  const trackerOf = createTrackerMatcher(KNOWLEDGE.trackers);
  return (url) => isRequestOfInterest(url, trackerOf);
}

export async function crawl(targets: readonly string[], options: Partial<CrawlOptions> = {}): Promise<Report> {
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
  };
  const targetOptions = { allowSchemes: o.allowSchemes };
  // One visit per site: `a.fr` and `https://a.fr/` are the same target.
  const byKey = new Map<string, string>();
  for (const t of targets) if (t.trim() !== '' && !byKey.has(targetKey(t, targetOptions))) byKey.set(targetKey(t, targetOptions), t.trim());
  const unique = [...byKey.values()];
  const keys = [...byKey.keys()];
  const out = o.out === null ? null : await OutputDir.open(o.out, { resume: o.resume });
  const finished = o.resume && out ? (await readFinished(out.resultsPath)).sites : new Map<string, SiteAudit>();
  const budgetMs = o.siteTimeout ?? siteBudget(o);
  const executablePath = findChromium({ executable: o.executable });
  const isOfInterest = requestsOfInterest();
  const slugs = new SlugSet();

  // One browser for the crawl; relaunched if it dies so the remaining sites still run.
  let launched: LaunchedBrowser | null = null;
  let launching: Promise<LaunchedBrowser> | null = null;
  const stopped = () => o.signal?.aborted === true;
  const browser = async () => {
    if (stopped()) throw new Error('The crawl was stopped.');
    if (launched?.browser.connected) return launched.browser;
    launching ??= (async () => {
      await launched?.close().catch(() => {});
      const b = await launchBrowser({ executablePath, extraArgs: o.browserArgs });
      o.onBrowser?.(b.pid);
      launched = b;
      return b;
    })().finally(() => { launching = null; });
    return (await launching).browser;
  };

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

  const queue = new PQueue({ concurrency: o.concurrency });
  const stop = () => {
    queue.clear();
    void (launched as LaunchedBrowser | null)?.close();
  };
  o.signal?.addEventListener('abort', stop, { once: true });
  try {
    await browser();
    // Not Promise.all of the add() promises: a stop clears the queue and cleared tasks never settle.
    let failure: unknown = null;
    unique.forEach((raw, i) => sites[i] === undefined && void queue.add(async () => {
      if (stopped()) return;
      const parsed = parseTarget(raw, targetOptions);
      if ('error' in parsed) return finish(i, errorSite(raw.trim(), parsed.code, parsed.error));
      const slug = slugs.take(parsed.url);
      const shot = out ? `${out.siteDir(slug)}/banner.png` : null;
      // One visit within the site's budget: when it is spent the phases abort and close their contexts.
      const visitOnce = async () => {
        const b = await browser();
        const budget = new AbortController();
        const timer = setTimeout(() => budget.abort(new SiteError('timeout',
          `The site took longer than its ${Math.round(budgetMs / 1000)} s budget and was abandoned (raise --site-timeout for slow sites).`)), budgetMs);
        const onStop = () => budget.abort(o.signal?.reason);
        o.signal?.addEventListener('abort', onStop, { once: true });
        try {
          return await withDeadline(visitSite(b, parsed.url, parsed.candidates, {
            settle: o.settle, timeout: o.timeout, pages: o.pages, includeValues: o.includeValues, signal: budget.signal,
            isOfInterest, screenshotPath: shot, screenshotRef: shot ? `${slug}/banner.png` : null,
          }), budgetMs + 15_000, () => new SiteError('timeout', `The site took longer than its ${Math.round(budgetMs / 1000)} s budget and was abandoned.`));
        } catch (error) {
          // The browser died under the site: not the site's fault, so one more try on a relaunched browser.
          throw !b.connected && !stopped() ? new SiteError('browser-crash', classifyError(error).message) : error;
        } finally {
          clearTimeout(timer);
          o.signal?.removeEventListener('abort', onStop);
        }
      };
      try {
        let visit;
        try {
          visit = await visitOnce();
        } catch (error) {
          if (stopped() || classifyError(error).code !== 'browser-crash') throw error;
          visit = await visitOnce();
        }
        await out?.writeArtefact(slug, 'observations.json', {
          observations: visit.observations,
          // Raw Set-Cookie lines carry values: personal data, kept only with --include-values.
          blockedCookies: Object.fromEntries(Object.entries(visit.phases).map(([p, r]) => [p,
            o.includeValues ? r.blocked : r.blocked.map((c) => ({ ...c, line: redactCookieLine(c.line) }))])),
          pages: visit.phases.initial?.pages ?? [],
          timings: Object.fromEntries(Object.entries(visit.phases).map(([p, r]) => [p, r.timings])),
        });
        return finish(i, ENGINE.auditSite(visit.observations, o.config));
      } catch (error) {
        const { code, message } = classifyError(error);
        return finish(i, errorSite(parsed.url, code, message));
      }
    }).catch((error: unknown) => { failure ??= error; }));
    await queue.onIdle();
    // Only the output (disk full…) can fail outside a site's own error handling: that stops the crawl.
    if (failure) throw failure;
  } finally {
    o.signal?.removeEventListener('abort', stop);
    await (launched as LaunchedBrowser | null)?.close().catch(() => {});
  }
  const onDisk = out ? (await readFinished(out.resultsPath)).sites : new Map<string, SiteAudit>();
  const report = ENGINE.buildReport(keys.map((k, i) => sites[i] ?? onDisk.get(k)).filter((s): s is SiteAudit => s !== undefined), o.config);
  await out?.writeReport(report);
  return report;
}
