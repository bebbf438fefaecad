/**
 * Stable per-site error codes and the mapping from browser/network failures to them.
 *
 * @example
 *   classifyError(new Error('net::ERR_NAME_NOT_RESOLVED at https://nope.invalid/')) // → { code: 'dns', … }
 */

/** Every code a crawled site's `error.code` may carry. */
export const ERROR_CODES = {
  'invalid-target': 'The target is not a usable http(s) URL or domain name.',
  'unsupported-scheme': 'The target, or a redirect, uses a scheme other than http(s) (file:, data:, javascript:, chrome:…); refused unless allowed with `--allow-scheme`.',
  dns: 'The host name does not resolve.',
  'connection-refused': 'Nothing accepts connections on that host and port.',
  connection: 'The connection failed or was reset.',
  tls: 'The TLS handshake or the certificate failed.',
  timeout: 'The page did not load within the time limit.',
  'redirect-loop': 'The page redirects too many times.',
  http: 'The server sent an invalid or empty HTTP response.',
  download: 'The URL serves a download, not a page.',
  crash: 'The page\'s renderer crashed (tab killed, out of memory); the crawl goes on.',
  'browser-crash': 'The browser process died during the visit, and again on the retry; it is relaunched for the other sites.',
  navigation: 'The browser could not load the page for another reason.',
  internal: 'The crawler itself failed on this site.',
  'worker-lost': 'Every worker that took the site stopped answering (process killed, machine lost) before finishing it, as many times as the run allows; the site was not audited.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** An error already carrying its stable code. */
export class SiteError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
    this.name = 'SiteError';
  }
}

const NET_CODES: Array<[RegExp, ErrorCode]> = [
  [/ERR_NAME_NOT_RESOLVED|ERR_NAME_RESOLUTION_FAILED|ERR_DNS_/, 'dns'],
  [/ERR_CONNECTION_REFUSED/, 'connection-refused'],
  [/ERR_CERT_|ERR_SSL_|ERR_BAD_SSL|ERR_TLS/, 'tls'],
  [/ERR_TIMED_OUT|ERR_CONNECTION_TIMED_OUT/, 'timeout'],
  [/ERR_TOO_MANY_REDIRECTS/, 'redirect-loop'],
  [/ERR_EMPTY_RESPONSE|ERR_INVALID_HTTP_RESPONSE|ERR_INVALID_RESPONSE|ERR_RESPONSE_HEADERS|ERR_HTTP_|ERR_CONTENT_LENGTH_MISMATCH/, 'http'],
  [/ERR_CONNECTION_RESET|ERR_CONNECTION_CLOSED|ERR_CONNECTION_FAILED|ERR_CONNECTION_ABORTED|ERR_ADDRESS_UNREACHABLE|ERR_INTERNET_DISCONNECTED|ERR_NETWORK_CHANGED|ERR_SOCKS|ERR_PROXY|ERR_TUNNEL/, 'connection'],
  [/ERR_UNSAFE_REDIRECT|ERR_DISALLOWED_URL_SCHEME/, 'unsupported-scheme'],
  [/ERR_INVALID_URL|ERR_UNSAFE_PORT|ERR_BLOCKED_BY_CLIENT/, 'invalid-target'],
  [/ERR_ABORTED/, 'download'],
];

/** Maps anything thrown while visiting a site to a stable code and a readable message. */
export function classifyError(error: unknown): { code: ErrorCode; message: string } {
  if (error instanceof SiteError) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  const name = error instanceof Error ? error.name : '';
  // A DevTools call unanswered for the whole protocol timeout: the browser was stalled (a flood, a
  // starved machine), a timeout the crawl may re-check, not a fault of the crawler's own.
  if (name === 'TimeoutError' || /Navigation timeout|timed out after|Timeout exceeded|timed out\. Increase the 'protocolTimeout'/i.test(message)) {
    return { code: 'timeout', message };
  }
  for (const [re, code] of NET_CODES) if (re.test(message)) return { code, message };
  if (/browser has disconnected|Connection closed|Browser closed/i.test(message)) return { code: 'browser-crash', message };
  if (/crash|Target closed|Session closed|detached|Protocol error/i.test(message)) {
    return { code: 'crash', message };
  }
  if (/net::ERR_/.test(message)) return { code: 'navigation', message };
  return { code: 'internal', message };
}

/** Whether an https:// failure means "could not connect", so http:// is worth trying. */
export function httpsUnreachable(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /ERR_CONNECTION_REFUSED|ERR_CONNECTION_RESET|ERR_CONNECTION_CLOSED|ERR_CONNECTION_FAILED|ERR_CONNECTION_TIMED_OUT|ERR_SSL_PROTOCOL_ERROR|ERR_EMPTY_RESPONSE|ERR_ADDRESS_UNREACHABLE/.test(message);
}
