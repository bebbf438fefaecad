/**
 * Cookie identities, one place for every collector and rule. The browser stores one cookie per
 * name, domain and path (`jarKey`); a finding names a cookie by name and domain (`namedCookieKey`),
 * since the same tracker cookie under two paths is one thing to fix. Domains compare without a
 * leading dot and case-insensitively, as browsers do.
 *
 * @example jarKey({ name: '_ga', domain: '.A.fr', path: '/' }) === jarKey({ name: '_ga', domain: 'a.fr', path: '/' })
 */
const domainOf = (domain: string): string => domain.replace(/^\./, '').toLowerCase();

export function jarKey(c: { name: string; domain: string; path: string }): string {
  return `${c.name}\u0000${domainOf(c.domain)}\u0000${c.path}`;
}

export function namedCookieKey(c: { name: string; domain: string }): string {
  return `${c.name}\u0000${domainOf(c.domain)}`;
}
