/**
 * Which requests a collector records: those to a known tracker/analytics endpoint, Google
 * Analytics hits on any host (first-party proxies), which the GA rule recognises by path + tid, and
 * self-hosted audience-measurement hits (the knowledge's `hitPaths`), which the exemption judges.
 * The engine builds it from its knowledge (`engine.isRequestOfInterest`).
 *
 * @example createRequestFilter(knowledge, trackerOf)('https://www.a.test/j/collect?v=1&tid=UA-1-1') // true
 */
import { isAudienceHitPath } from './audience-measurement.ts';
import { isGaHitPath } from './ga-hit-path.ts';
import type { Knowledge } from './knowledge.ts';

export function createRequestFilter(knowledge: Pick<Knowledge, 'audienceMeasurement'>, trackerOf: (url: string) => string | null): (url: string) => boolean {
  const tools = knowledge.audienceMeasurement?.tools ?? [];
  return (url) => {
    if (trackerOf(url) !== null) return true;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    // A hit's tid may sit in a POST body rather than the query, so the path alone lets it through.
    return isGaHitPath(parsed.pathname, { exact: false }) || tools.some((t) => isAudienceHitPath(t, parsed.pathname));
  };
}
