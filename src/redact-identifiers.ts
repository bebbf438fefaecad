/**
 * Removes identifiers from tracker requests (query strings, form bodies, JSON bodies): the client
 * and user ids, click ids, page and referrer URLs a beacon carries are a real person's personal
 * data. The list is data (knowledge/identifier-parameters.json); what the rules judge (GA's `tid`,
 * `aip`, `v`, `t`, `en`…) is never in it, so a redacted request is judged exactly as the original.
 *
 * @example
 *   const redact = createIdentifierRedactor([{ pattern: 'cid', match: 'exact' }]);
 *   redact.url('https://www.google-analytics.com/collect?v=1&tid=UA-1-1&cid=555.1') // → '…?v=1&tid=UA-1-1&cid=<redacted>'
 */

export const REDACTED_VALUE = '<redacted>';

export interface IdentifierParameter { pattern: string; match: 'exact' | 'prefix' }

export interface IdentifierRedactor {
  isIdentifier(name: string): boolean;
  /** The URL with identifier parameters' values replaced; other text untouched (no re-encoding). */
  url(url: string): string;
  /** A request body: JSON (keys at any depth) or `k=v&…` lines; other bodies unchanged. */
  body(body: string | null): string | null;
}

export function createIdentifierRedactor(list: readonly IdentifierParameter[]): IdentifierRedactor {
  const exact = new Set(list.filter((p) => p.match === 'exact').map((p) => p.pattern));
  const prefixes = list.filter((p) => p.match === 'prefix').map((p) => p.pattern);
  const isIdentifier = (name: string): boolean => {
    let decoded = name;
    try { decoded = decodeURIComponent(name.replace(/\+/g, ' ')); } catch { /* keep as sent */ }
    return exact.has(decoded) || prefixes.some((p) => decoded.startsWith(p));
  };
  /** `a=1&cid=2` with the identifiers' values replaced. */
  const params = (text: string): string => text.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const name = eq === -1 ? pair : pair.slice(0, eq);
    return eq !== -1 && isIdentifier(name) ? `${name}=${REDACTED_VALUE}` : pair;
  }).join('&');
  const json = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(json);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isIdentifier(k) ? REDACTED_VALUE : json(v)]));
    }
    return value;
  };
  const url = (raw: string): string => {
    const q = raw.indexOf('?');
    if (q === -1) return raw;
    const hash = raw.indexOf('#', q);
    const query = hash === -1 ? raw.slice(q + 1) : raw.slice(q + 1, hash);
    return `${raw.slice(0, q + 1)}${params(query)}${hash === -1 ? '' : raw.slice(hash)}`;
  };
  const body = (raw: string | null): string | null => {
    if (typeof raw !== 'string' || raw === '') return raw;
    const trimmed = raw.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try { return JSON.stringify(json(JSON.parse(trimmed))); } catch { /* not JSON: form lines below */ }
    }
    return raw.split('\n').map((line) => params(line)).join('\n');
  };
  return { isIdentifier, url, body };
}
