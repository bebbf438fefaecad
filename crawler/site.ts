/**
 * Visits one site: its three phases side by side, each in its own fresh context, and assembles
 * the SiteObservations the engine judges. Throws a SiteError (stable code) when it cannot.
 *
 * @example
 *   const target = parseTarget('a.fr');                 // { url: 'https://a.fr/', candidates: [https, http] }
 *   if (!('error' in target)) ({ observations } = await visitSite(browser, target.url, target.candidates, settings));
 */
import type { Browser } from 'puppeteer-core';
import type { Phase, SiteObservations } from '../src/model.ts';
import { PHASES } from '../src/model.ts';
import { classifyError, SiteError } from './errors.ts';
import { runPhase, type PhaseResult, type PhaseSettings } from './phase.ts';
import { IDENTIFIERS } from '../reports/redact-values.ts';
import type { PhaseObservations } from '../src/model.ts';

function withoutIdentifiers(p: PhaseObservations): PhaseObservations {
  return { ...p, requests: p.requests.map((r) => ({ ...r, url: IDENTIFIERS.url(r.url), postData: IDENTIFIERS.body(r.postData) })) };
}

export interface SiteVisit {
  observations: SiteObservations;
  phases: Partial<Record<Phase, PhaseResult>>;
}

export async function visitSite(browser: Browser, url: string, candidates: readonly string[], settings: PhaseSettings): Promise<SiteVisit> {
  const startedAt = new Date().toISOString();
  const attempt = (phase: Phase) => runPhase(browser, phase, candidates, {
    ...settings,
    screenshotPath: phase === 'initial' ? settings.screenshotPath : null,
    screenshotRef: phase === 'initial' ? settings.screenshotRef : null,
  });
  const settled = await Promise.allSettled(PHASES.map((phase) => attempt(phase)));
  const results: Partial<Record<Phase, PhaseResult>> = {};
  for (const [i, phase] of PHASES.entries()) {
    const r = settled[i];
    if (r.status === 'fulfilled') {
      results[phase] = r.value;
      continue;
    }
    // The initial phase's failure is the site's; a later phase gets one more try (flaky load),
    // unless the site was aborted or the browser died (the crawl retries the whole site then).
    if (settings.signal?.aborted) throw settings.signal.reason;
    if (phase === 'initial' || classifyError(r.reason).code === 'browser-crash') throw asSiteError(r.reason);
    try {
      results[phase] = await attempt(phase);
    } catch (error) {
      const { code, message } = classifyError(error);
      throw new SiteError(code, `The ${phase} phase failed: ${message}`);
    }
  }
  const initial = results.initial!;
  const observations: SiteObservations = {
    url,
    finalUrl: initial.finalUrl,
    httpStatus: initial.httpStatus,
    collector: 'crawler',
    startedAt,
    phases: {},
  };
  for (const phase of PHASES) {
    const r = results[phase];
    // Identifiers in tracker requests (client ids, click ids, page URLs) are personal data: kept
    // only with --include-values; what the rules judge (tid, aip, v, t, en…) always stays.
    if (r) observations.phases[phase] = settings.includeValues ? r.observations : withoutIdentifiers(r.observations);
  }
  return { observations, phases: results };
}

function asSiteError(error: unknown): SiteError {
  const { code, message } = classifyError(error);
  return error instanceof SiteError ? error : new SiteError(code, message);
}
