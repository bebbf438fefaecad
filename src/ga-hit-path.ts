/**
 * Where analytics.js, gtag.js and the Measurement Protocol send Google Analytics hits, in one
 * place for the collectors (which requests to record) and the GA rule (which requests are hits).
 * On Google's hosts the path is exactly one of these; a first-party proxy may put any prefix before it.
 *
 * @example isGaHitPath('/metrics/g/collect', { exact: false }) // true (a proxy); with exact: true, false
 */
export const GA_HIT_PATHS: readonly string[] = ['/collect', '/j/collect', '/r/collect', '/g/collect', '/batch'];

export function isGaHitPath(pathname: string, o: { exact: boolean }): boolean {
  const path = pathname.toLowerCase().replace(/\/+$/, '');
  return o.exact ? GA_HIT_PATHS.includes(path) : GA_HIT_PATHS.some((p) => path.endsWith(p));
}
