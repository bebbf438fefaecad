/**
 * Audits one target at a time on a shared browser: parses the target, visits the site within its
 * time budget (one more try when the browser died under it), writes its artefacts, judges it.
 * A site that cannot be audited is a result with an error code, never an exception. Used by
 * crawl() for a list and by a queue worker for one job after another.
 *
 * @example
 *   const runner = createSiteRunner({ settle: 3000, timeout: 30000, pages: 0, includeValues: false, config });
 *   const site = await runner.run('lyon.cesi.fr', { slug: 'lyon.cesi.fr', artefacts: out });
 *   await runner.close();
 */
import type { Browser } from 'puppeteer-core';
import { ENGINE } from '../defaults/engine.ts';
import { defaultConfig, type ResolvedConfig } from '../src/config.ts';
import { errorSite } from '../src/engine.ts';
import type { MeasurementQuality, SiteAudit, SiteObservations } from '../src/model.ts';
import { addLateness, NO_LATENESS, ranStarved, type Lateness, type PaceReading } from './page-lateness.ts';
import { BrowserPool } from './browser-pool.ts';
import { startBrowserCanary } from './browser-canary.ts';
import { findChromium } from './chromium.ts';
import { classifyError, SiteError } from './errors.ts';
import { phaseBudget } from './phase.ts';
import { redactCookieLine } from './redact-set-cookie.ts';
import { visitSite, type SiteVisit } from './site.ts';
import { parseTarget, type AllowableScheme } from './targets.ts';
import { withDeadline } from './wait.ts';
import { PolicyCache, readPolicy } from './policy-fetch.ts';
import { configForUrl } from '../src/config.ts';
import type { ObservedPolicy } from '../src/model.ts';

export interface SiteRunnerOptions {
  settle: number;
  timeout: number;
  pages: number;
  includeValues: boolean;
  config?: ResolvedConfig;
  browserArgs?: string[];
  executable?: string;
  /** Time budget of one whole site (three phases, retries included), ms; default from the timeout and settle time. */
  siteTimeout?: number;
  /** Non-http(s) schemes let through on purpose (`--allow-scheme file`). */
  allowSchemes?: readonly AllowableScheme[];
  /** Called with the browser's pid at each launch. */
  onBrowser?: (pid: number | null) => void;
  /**
   * The site's privacy and cookie policy: `auto` finds it from the initial page's and banner's links,
   * else common paths; `off` skips it; a URL reads that document for every site. A configuration
   * override's `policyUrl` wins for its sites. Default `auto`.
   */
  policy?: 'auto' | 'off' | string;
  /** Policy pages read in this run, shared by every site (one document is fetched once). */
  policyCache?: PolicyCache;
  /** Told each phase's lateness, finished or abandoned (crawler/page-lateness.ts), and the browser's and crawler's own (crawler/browser-canary.ts), e.g. for backpressure. */
  onLateness?: (l: Lateness) => void;
  /** The pace of the crawl's pages lately (page-lateness.ts createLatenessWindow), to tell a timeout the machine caused; none: never. */
  pace?: () => PaceReading;
}

/** The waits of one visit: settle time and page-load limit, ms. */
type Waits = { settle: number; timeout: number };

/** How much longer a re-check waits than the first visit (settle, banner detection, quiet, page loads). */
export const RECHECK_SLOWDOWN = 3;

/**
 * Negative results a slow page can produce on its own: no banner where one is needed or where another
 * phase saw one, no accept or reject control clicked although a banner was there (then what consent or
 * refusal changes is unseen). Each is re-checked before it is judged. A banner any phase saw is the
 * site's: a phase whose banner came late must not turn a gated tracker into "no tracker, no banner needed".
 */
export function timingDoubts(site: SiteAudit): MeasurementQuality['rechecked'] {
  if (site.status !== 'ok') return [];
  const doubts: MeasurementQuality['rechecked'] = [];
  const { initial, accepted, refused } = site.banner.phases;
  const bannerSeen = [initial, accepted, refused].some((b) => b?.detected);
  const needsBanner = site.rules.some((r) => r.id === 'consent-banner' && r.outcome === 'fail');
  if (!initial?.detected && (needsBanner || bannerSeen)) doubts.push('no-banner');
  if (bannerSeen && accepted && (accepted.clicked !== 'accept' || accepted.clickWorked === false)) doubts.push('no-accept');
  if (bannerSeen && refused && (refused.clicked !== 'reject' || refused.clickWorked === false)) doubts.push('no-reject');
  return doubts;
}

/** Where a site's artefacts go (crawler/results-dir.ts's OutputDir fits). */
export interface ArtefactSink {
  siteDir(slug: string): string;
  writeArtefact(slug: string, name: string, data: unknown): Promise<void>;
}

export interface SiteRunner {
  /** Audits one target; `signal` abandons it (the result is then an error the caller may drop). */
  run(target: string, where?: { slug: string | ((url: string) => string); artefacts: ArtefactSink | null }, signal?: AbortSignal): Promise<SiteAudit>;
  /** Launches the browser now, so a browser that cannot start fails the whole run before any site. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** The default budget of a site: its phases run side by side, and a later phase may be retried once. */
export function siteBudget(s: { settle: number; timeout: number; pages: number }): number {
  return 2 * phaseBudget(s) + 15_000;
}

export function createSiteRunner(o: SiteRunnerOptions): SiteRunner {
  const pool = new BrowserPool({ executablePath: findChromium({ executable: o.executable }), extraArgs: o.browserArgs ?? [] }, o.onBrowser);
  // The browser's and the crawler's own pace beside the pages' (crawler/browser-canary.ts), one canary per launch.
  let canary: { browser: Browser; stop(): void } | null = null;
  const getBrowser = async (): Promise<Browser> => {
    const browser = await pool.get();
    if (o.onLateness && canary?.browser !== browser) {
      canary?.stop();
      canary = { browser, ...startBrowserCanary(browser, o.onLateness) };
    }
    return browser;
  };
  const budgetFor = (w: Waits) => o.siteTimeout ?? siteBudget({ ...o, ...w });
  const config = o.config ?? defaultConfig();
  const targetOptions = { allowSchemes: o.allowSchemes ?? [] };
  // Re-checks run one at a time, so a re-check is not starved by the next one.
  let recheckChain: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const run = recheckChain.then(work, work);
    recheckChain = run.catch(() => {});
    return run;
  };
  const overBudget = (budgetMs: number) => () => new SiteError('timeout',
    `The site took longer than its ${Math.round(budgetMs / 1000)} s budget and was abandoned (raise --site-timeout for slow sites).`);

  /** One visit within the site's budget: when it is spent the phases abort and close their contexts. */
  const visitOnce = async (url: string, candidates: readonly string[], shot: { path: string; ref: string } | null, signal: AbortSignal | undefined, waits: Waits): Promise<SiteVisit> => {
    const budgetMs = budgetFor(waits);
    const browser = await getBrowser();
    const budget = new AbortController();
    const timer = setTimeout(() => budget.abort(overBudget(budgetMs)()), budgetMs);
    const onStop = () => budget.abort(signal?.reason);
    signal?.addEventListener('abort', onStop, { once: true });
    try {
      return await withDeadline(visitSite(browser, url, candidates, {
        ...waits, pages: o.pages, includeValues: o.includeValues, signal: budget.signal, onLateness: o.onLateness,
        isOfInterest: ENGINE.isRequestOfInterest, screenshotPath: shot?.path ?? null, screenshotRef: shot?.ref ?? null,
      }), budgetMs + 15_000, overBudget(budgetMs));
    } catch (error) {
      // The browser died under the site: not the site's fault, so the caller tries once more on a relaunched browser.
      throw !browser.connected && !signal?.aborted ? new SiteError('browser-crash', classifyError(error).message) : error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onStop);
    }
  };

  const policyCache = o.policyCache ?? new PolicyCache();
  const policyMode = o.policy ?? 'auto';
  /** The site's policy, read after its phases in contexts of its own; null when `--policy off`. Never throws. */
  const sitePolicy = async (v: SiteVisit, signal?: AbortSignal): Promise<ObservedPolicy | null> => {
    const finalUrl = v.observations.finalUrl;
    const configured = configForUrl(config, finalUrl).policyUrl ?? (policyMode === 'auto' || policyMode === 'off' ? null : policyMode);
    if (policyMode === 'off' && !configured) return null;
    const budgetMs = 4 * (o.timeout + 2000);
    const browser = await pool.get();
    const links = v.phases.initial?.links ?? [];
    try {
      return await withDeadline(readPolicy(browser, { pageUrl: finalUrl, links, configured }, { cache: policyCache, timeout: o.timeout, settle: o.settle, signal }),
        budgetMs, () => new Error(`the policy search took longer than ${Math.round(budgetMs / 1000)} s`));
    } catch (error) {
      return { mode: configured ? 'url' : 'auto', documents: [], tried: [{ url: configured ?? finalUrl, outcome: `error: ${error instanceof Error ? error.message : String(error)}` }] };
    }
  };

  return {
    async run(target, where = { slug: '', artefacts: null }, signal) {
      const parsed = parseTarget(target, targetOptions);
      if ('error' in parsed) return errorSite(target.trim(), parsed.code, parsed.error);
      const out = where.artefacts;
      const slug = typeof where.slug === 'function' ? where.slug(parsed.url) : where.slug;
      const shot = out ? { path: `${out.siteDir(slug)}/banner.png`, ref: `${slug}/banner.png` } : null;
      /** One visit, tried again once on a relaunched browser when the browser died under it; with how late its pages ran. */
      const visit = async (waits: Waits): Promise<{ visit: SiteVisit; starved: boolean; pressure: number | null }> => {
        let v: SiteVisit;
        try {
          v = await visitOnce(parsed.url, parsed.candidates, shot, signal, waits);
        } catch (error) {
          if (signal?.aborted || classifyError(error).code !== 'browser-crash') throw error;
          v = await visitOnce(parsed.url, parsed.candidates, shot, signal, waits);
        }
        const phases = Object.values(v.phases).filter((p) => p !== undefined);
        const all = phases.reduce((a, p) => addLateness(a, p.lateness), NO_LATENESS);
        return {
          visit: v,
          starved: phases.some((p) => ranStarved(p.lateness, waits.settle)),
          pressure: all.samples > 0 ? Math.round((all.late / all.samples) * 1000) / 1000 : null,
        };
      };
      const slower: Waits = { settle: o.settle * RECHECK_SLOWDOWN, timeout: o.timeout * RECHECK_SLOWDOWN };
      try {
        let first: Awaited<ReturnType<typeof visit>> | null;
        try {
          first = await visit({ settle: o.settle, timeout: o.timeout });
        } catch (error) {
          // A page that timed out while the crawl's pages ran late (a busy machine, or another site's
          // flood slowing the browser they share) timed out because of the machine: re-checked below.
          if (signal?.aborted || classifyError(error).code !== 'timeout' || !o.pace?.().starved) throw error;
          first = null;
        }
        let site = first ? ENGINE.auditSite(first.visit.observations, config) : null;
        // A negative a slow page can cause, or a visit that ran starved for CPU, is visited again with
        // longer waits, one site at a time, before it is judged: the verdict must not depend on the machine's load.
        const doubts = site ? timingDoubts(site) : [];
        let measurement: MeasurementQuality = { rechecked: [], recheckChanged: null, degraded: first?.starved ?? true, pressure: first?.pressure ?? null };
        if (!first || doubts.length > 0 || first.starved) {
          const again = await oneAtATime(() => visit(slower));
          const seen = (v: SiteVisit) => JSON.stringify(ENGINE.auditSite(v.observations, config).findings.map((f) => [f.rule, f.cookie, f.domain]));
          measurement = {
            rechecked: !first ? ['timeout'] : doubts.length > 0 ? doubts : ['starved'],
            // A first visit that timed out saw nothing: the re-check is the only verdict.
            recheckChanged: first ? seen(again.visit) !== seen(first.visit) : true,
            degraded: again.starved,
            pressure: again.pressure,
          };
          first = again;
        }
        const policy = await sitePolicy(first.visit, signal);
        const observations: SiteObservations = { ...first.visit.observations, measurement, ...(policy ? { policy } : {}) };
        site = ENGINE.auditSite(observations, config);
        const visitResult = first.visit;
        await out?.writeArtefact(slug, 'observations.json', {
          observations,
          // Raw Set-Cookie lines carry values: personal data, kept only with --include-values.
          blockedCookies: Object.fromEntries(Object.entries(visitResult.phases).map(([p, r]) => [p,
            o.includeValues ? r.blocked : r.blocked.map((c) => ({ ...c, line: redactCookieLine(c.line) }))])),
          pages: visitResult.phases.initial?.pages ?? [],
          timings: Object.fromEntries(Object.entries(visitResult.phases).map(([p, r]) => [p, { ...r.timings, lateness: r.lateness }])),
        });
        return site;
      } catch (error) {
        const { code, message } = classifyError(error);
        return errorSite(parsed.url, code, message);
      }
    },
    ready: async () => { await pool.get(); },
    close: () => {
      canary?.stop();
      return pool.close();
    },
  };
}
