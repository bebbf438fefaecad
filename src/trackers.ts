/**
 * Names the tracker or analytics service a request URL belongs to, from the tracker list it is given (knowledge/trackers.json)
 * (host suffix + optional path prefix; the most specific entry wins). Null for other or bad URLs.
 *
 * @example createTrackerMatcher(KNOWLEDGE.trackers)('https://region1.google-analytics.com/g/collect?v=2') // 'Google Analytics'
 */
import type { TrackerEntry } from './knowledge.ts';

export function createTrackerMatcher(entries: readonly TrackerEntry[]): (url: string) => string | null {
  // Most specific first: longer host, then entries with a path before those without.
  const sorted = [...entries].sort((a, b) => b.host.length - a.host.length || (b.path?.length ?? 0) - (a.path?.length ?? 0));
  return (url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return null;
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
    const hit = sorted.find((e) =>
      (host === e.host || host.endsWith(`.${e.host}`)) && (e.path === undefined || parsed.pathname.startsWith(e.path)));
    return hit?.service ?? null;
  };
}
