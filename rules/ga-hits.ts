/**
 * Reads Google Analytics hits out of one request: Universal Analytics (Measurement Protocol v1) and GA4,
 * from the query string and the POST body (a batch body holds one hit per line). Pure; null when the
 * request is not a GA hit or cannot be parsed.
 *
 * @example
 *   parseGaRequest({ url: 'https://www.google-analytics.com/collect?v=1&tid=UA-1-1&aip=1', postData: null })
 *   // [{ version: 'ua', tid: 'UA-1-1', anonymised: true, host: 'www.google-analytics.com', proxied: false, url: … }]
 */
import { isGaHitPath } from '../src/ga-hit-path.ts';

export interface GaHit {
  version: 'ua' | 'ga4';
  /** Property id (`UA-…` or `G-…`), or null when the hit has none. */
  tid: string | null;
  /** UA: the `aip` parameter is present (its presence anonymises, per the Measurement Protocol). GA4: always true. */
  anonymised: boolean;
  url: string;
  host: string;
  /** True when sent to a first-party proxy rather than a Google host. */
  proxied: boolean;
}


function isGoogleHost(host: string): boolean {
  return host === 'google-analytics.com' || host.endsWith('.google-analytics.com')
    || host === 'analytics.google.com' || host.endsWith('.analytics.google.com')
    || host === 'stats.g.doubleclick.net';
}

function versionOf(params: URLSearchParams): GaHit['version'] | null {
  const tid = params.get('tid') ?? '';
  if (/^UA-/i.test(tid)) return 'ua';
  if (/^G-/i.test(tid)) return 'ga4';
  const v = params.get('v');
  return v === '1' ? 'ua' : v === '2' ? 'ga4' : null;
}

/** The hits of one request: the query alone, or each body line merged over the query. */
function paramSets(query: URLSearchParams, postData: string | null | undefined): URLSearchParams[] {
  const lines = typeof postData === 'string' ? postData.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.includes('=')) : [];
  if (lines.length === 0) return [query];
  return lines.map((line) => {
    const merged = new URLSearchParams(query);
    for (const [k, v] of new URLSearchParams(line)) merged.set(k, v);
    return merged;
  });
}

export function parseGaRequest(request: { url: string; postData?: string | null }): GaHit[] | null {
  if (typeof request?.url !== 'string') return null;
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const host = url.hostname.toLowerCase();
  const google = isGoogleHost(host);
  // Google hosts: the exact hit paths. A first-party proxy: any path ending like one, plus a property id below.
  if (!isGaHitPath(url.pathname, { exact: google })) return null;

  const hits: GaHit[] = [];
  for (const params of paramSets(url.searchParams, request.postData)) {
    const version = versionOf(params);
    if (!version) continue;
    const tid = params.get('tid') || null;
    if (!google && !(tid && (version === 'ua' ? /^UA-/i : /^G-/i).test(tid))) continue;
    hits.push({ version, tid, anonymised: version === 'ga4' || params.has('aip'), url: request.url, host, proxied: !google });
  }
  return hits.length > 0 ? hits : null;
}
