/**
 * Which requests a collector records: those to a known tracker/analytics endpoint, and Google
 * Analytics hits on any host (first-party proxies), which the GA rule recognises by path + tid.
 *
 * @example isRequestOfInterest('https://www.a.test/j/collect?v=1&tid=UA-1-1', trackerOf) // true
 */
import { isGaHitPath } from './ga-hit-path.ts';

/** Self-hosted audience-measurement hits on any host (knowledge/audience-measurement.json `hitPaths`, kept equal by a test). */
export const AUDIENCE_HIT_PATH = /\/(?:matomo|piwik)\.php$/i;

export function isRequestOfInterest(url: string, trackerOf: (url: string) => string | null): boolean {
  if (trackerOf(url) !== null) return true;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // A hit's tid may sit in a POST body rather than the query, so the path alone lets it through.
  return isGaHitPath(parsed.pathname, { exact: false }) || AUDIENCE_HIT_PATH.test(parsed.pathname);
}
