/**
 * What a worker visits sites with. The real runner keeps one browser for many sites; until
 * crawler/crawl.ts is split to provide it, `createSiteRunner` calls `crawl([target])` per site
 * (a browser launched per site: slow, but the same visit and judgement as `crawl`).
 *
 * @example
 *   const runner = createSiteRunner({ config, pages: 0, settle: 3000, timeout: 30000, browserArgs: [], allowSchemes: [] });
 *   const site = await runner.run('a.fr');  // SiteAudit; throws only on infrastructure faults (no browser…)
 *   await runner.close();
 */
import type { ResolvedConfig } from '../src/config.ts';
import type { SiteAudit } from '../src/model.ts';
import { crawl } from '../crawler/crawl.ts';
import type { AllowableScheme } from '../crawler/targets.ts';

export interface SiteRunner {
  /** The site's audit (an error result when the site cannot be audited); throws only when the worker itself cannot work. */
  run(target: string): Promise<SiteAudit>;
  close(): Promise<void>;
}

export interface SiteRunnerOptions {
  config: ResolvedConfig;
  pages: number;
  settle: number;
  timeout: number;
  siteTimeout?: number;
  includeValues: boolean;
  executable?: string;
  browserArgs: string[];
  allowSchemes: readonly AllowableScheme[];
  /** Called with each browser's pid once launched. */
  onBrowser?: (pid: number | null) => void;
}

export function createSiteRunner(options: SiteRunnerOptions): SiteRunner {
  let closed = false;
  return {
    async run(target) {
      if (closed) throw new Error('The site runner is closed.');
      const report = await crawl([target], { ...options, out: null, concurrency: 1 });
      const site = report.sites[0];
      if (!site) throw new Error(`The crawl of \`${target}\` returned no site.`);
      return site;
    },
    async close() {
      closed = true;
    },
  };
}
