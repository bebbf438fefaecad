/**
 * Cookie values are personal data: removes them from raw Set-Cookie lines (kept in the site
 * artefacts for diagnostics) unless `--include-values`.
 *
 * @example
 *   redactCookieLine('_ga=GA1.2.345; Max-Age=63072000; Path=/') // → '_ga=<redacted>; Max-Age=63072000; Path=/'
 */

export const REDACTED = '<redacted>';

export function redactCookieLine(line: string): string {
  const semi = line.indexOf(';');
  const pair = semi === -1 ? line : line.slice(0, semi);
  const eq = pair.indexOf('=');
  // A line without `=` is a value-only cookie (name ""): all of it is the value.
  const name = eq === -1 ? '' : pair.slice(0, eq);
  return `${name}=${REDACTED}${semi === -1 ? '' : line.slice(semi)}`;
}
