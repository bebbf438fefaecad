/**
 * Which requests a collector records: those to a known tracker/analytics endpoint, and Google
 * Analytics hits on any host (first-party proxies), which the GA rule recognises by path + tid.
 *
 * @example isRequestOfInterest('https://www.a.test/j/collect?v=1&tid=UA-1-1', trackerOf) // true
 */
const GA_HIT_PATH = /\/(?:j\/|r\/|g\/)?collect$|\/batch$/i;

export function isRequestOfInterest(url: string, trackerOf: (url: string) => string | null): boolean {
  if (trackerOf(url) !== null) return true;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // A hit's tid may sit in a POST body rather than the query, so the path alone lets it through.
  return GA_HIT_PATH.test(parsed.pathname);
}
