/**
 * What a worker visits sites with: crawler/site-runner.ts's long-lived runner, one headless
 * Chromium for every job the worker takes (relaunched when it dies), the same visit and judgement
 * as `crawl`. Artefact names and the `--artefacts DIR` sink are in ./artefacts.ts. Loaded by the
 * worker only when it runs (it pulls in the browser driver).
 *
 * @example
 *   const runner = createSiteRunner({ config, pages: 0, settle: 3000, timeout: 30000, includeValues: false, browserArgs: [], allowSchemes: [] });
 *   await runner.ready();                                         // throws when no browser can start
 *   const sink = await artefactSink('/shared/eu-06');             // ./artefacts.ts; or null
 *   const site = await runner.run('a.fr', { slug: (url) => artefactSlug(url, jobId), artefacts: sink });
 *   await runner.close();
 */
import { createSiteRunner as createCrawlerRunner, type SiteRunner, type SiteRunnerOptions as CrawlerRunnerOptions } from '../crawler/site-runner.ts';
import type { ResolvedConfig } from '../src/config.ts';
import type { AllowableScheme } from '../crawler/targets.ts';

export type { ArtefactSink, SiteRunner } from '../crawler/site-runner.ts';

export interface SiteRunnerOptions extends CrawlerRunnerOptions {
  config: ResolvedConfig;
  browserArgs: string[];
  allowSchemes: readonly AllowableScheme[];
}

export function createSiteRunner(options: SiteRunnerOptions): SiteRunner {
  return createCrawlerRunner(options);
}
