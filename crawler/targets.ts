/**
 * Turns what the user typed (a domain or a URL, one per line in `--input`) into the URLs to try.
 * A bare domain is tried as https:// first, then http:// when https cannot connect.
 *
 * @example
 *   parseTarget('lyon.cesi.fr')         // → { target: 'lyon.cesi.fr', url: 'https://lyon.cesi.fr/', candidates: ['https://lyon.cesi.fr/', 'http://lyon.cesi.fr/'] }
 *   parseTarget('http://a.test:8080/x') // → { …, candidates: ['http://a.test:8080/x'] }
 *   parseTarget('file:///etc/passwd')   // → { target: …, code: 'unsupported-scheme', error: 'Expected an http(s) URL or a domain name, got `file:///etc/passwd` …' }
 *   parseTarget('file:///srv/page.html', { allowSchemes: ['file'] }) // → { …, candidates: ['file:///srv/page.html'] }
 */

export type ParsedTarget =
  | { target: string; url: string; candidates: string[] }
  | { target: string; error: string; code: 'invalid-target' | 'unsupported-scheme' };

/** Schemes `--allow-scheme` may let through (the others are not web sites a visitor could open). */
export const ALLOWABLE_SCHEMES = ['file'] as const;
export type AllowableScheme = typeof ALLOWABLE_SCHEMES[number];

export interface TargetOptions {
  /** Non-http(s) schemes explicitly allowed (`--allow-scheme file`); none by default, so a list cannot make the crawler read local files. */
  allowSchemes?: readonly AllowableScheme[];
}

const HOST_LABEL = /^(?!-)[a-z0-9-_]{1,63}(?<!-)$/i;

function validHost(host: string): boolean {
  if (host.length === 0 || host.length > 253) return false;
  if (/^\[[0-9a-f:.]+\]$/i.test(host)) return true; // IPv6 literal
  return host.replace(/\.$/, '').split('.').every((label) => HOST_LABEL.test(label));
}

export function parseTarget(input: string, options: TargetOptions = {}): ParsedTarget {
  const target = input.trim();
  const bad = (why: string, code: 'invalid-target' | 'unsupported-scheme' = 'invalid-target'): ParsedTarget =>
    ({ target, code, error: `Expected an http(s) URL or a domain name, got \`${target}\`${why}` });
  if (target === '') return bad(' (empty)');
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(target) && !/^[^/:]+:\d+(\/|$)/.test(target);
  if (hasScheme && !/^https?:\/\//i.test(target)) {
    const scheme = target.slice(0, target.indexOf(':')).toLowerCase();
    if (!(options.allowSchemes ?? []).includes(scheme as AllowableScheme)) {
      return bad(` (only http and https are audited; \`${scheme}:\` is refused${(ALLOWABLE_SCHEMES as readonly string[]).includes(scheme) ? `, allow it with \`--allow-scheme ${scheme}\`` : ''})`, 'unsupported-scheme');
    }
    try {
      const url = new URL(target);
      return { target, url: url.href, candidates: [url.href] };
    } catch {
      return bad('');
    }
  }
  let url: URL;
  try {
    url = new URL(hasScheme ? target : `https://${target}`);
  } catch {
    return bad('');
  }
  if (url.username || url.password) return bad(' (credentials in URLs are not accepted)');
  if (!validHost(url.hostname)) return bad(' (not a valid host name)');
  const candidates = [url.href];
  if (!hasScheme) {
    const http = new URL(url.href);
    http.protocol = 'http:';
    candidates.push(http.href);
  }
  return { target, url: url.href, candidates };
}

/** Targets from a list file: one per line, `#` starts a comment, blank lines are ignored. */
export function parseTargetList(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const content = line.replace(/(^|\s)#.*$/, '').trim();
    if (content !== '') out.push(content);
  }
  return out;
}
