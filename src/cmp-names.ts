/**
 * Names a banner's consent manager the way users know it (knowledge/cmp-names.json): an autoconsent
 * rule name ("Complianz optin") becomes the product's ("Osano cookieconsent"), kept as `cmpRule`; a
 * banner only our heuristic found is named when its CSS path holds one of the product's own elements.
 *
 * @example createCmpNamer(entries)({ ...noBanner(), detected: true, cmp: 'cookieconsent3' }).cmp // 'CookieConsent v3 (orestbida)'
 */
import type { ObservedBanner } from './model.ts';
import type { CmpNameEntry } from './knowledge.ts';

/** The steps of a heuristic selector (`a > b:nth-of-type(2) >>> c`), without their positions. */
function stepsOf(selector: string): string[] {
  return selector.split(/\s*>>>\s*|\s*>\s*/).map((s) => s.replace(/:nth-of-type\(\d+\)$/, ''));
}

export function createCmpNamer(entries: readonly CmpNameEntry[]): (banner: ObservedBanner) => ObservedBanner {
  const byRule = new Map<string, string>();
  const bySelector = new Map<string, string>();
  const products = new Set<string>();
  for (const e of entries) {
    products.add(e.product);
    for (const r of e.autoconsent) byRule.set(r, e.product);
    for (const s of e.selectors ?? []) bySelector.set(s, e.product);
  }
  return (banner) => {
    if (!banner.detected) return banner;
    if (banner.cmp !== null) {
      const product = byRule.get(banner.cmp);
      // Already a product name (a report read back as observations): nothing to rename.
      if (!product || products.has(banner.cmp)) return banner;
      return { ...banner, cmp: product, cmpRule: banner.cmp };
    }
    if (typeof banner.selector !== 'string') return banner;
    for (const step of stepsOf(banner.selector)) {
      const product = bySelector.get(step);
      if (product) return { ...banner, cmp: product };
    }
    return banner;
  };
}

/**
 * Whether `scriptUrl` is the script of the consent manager a banner was detected as (`cmp`: a product or
 * autoconsent rule name): its file name is one the product is distributed as. The detection, not the site,
 * says which product it is, so a tracker cannot pass for a consent manager the page does not run.
 *
 * @example createCmpScriptTest(entries)('Klaro', 'https://a.fr/vendor/klaro/dist/klaro.js?v=3') // true
 */
export function createCmpScriptTest(entries: readonly CmpNameEntry[]): (cmp: string | null, scriptUrl: string) => boolean {
  const scripts = new Map<string, ReadonlySet<string>>();
  for (const e of entries) {
    if (!e.scripts?.length) continue;
    const files = new Set(e.scripts);
    for (const name of [e.product, ...e.autoconsent]) scripts.set(name, files);
  }
  return (cmp, scriptUrl) => {
    const files = cmp === null ? undefined : scripts.get(cmp);
    if (!files) return false;
    let path: string;
    try {
      path = new URL(scriptUrl).pathname;
    } catch {
      return false;
    }
    return files.has(path.slice(path.lastIndexOf('/') + 1));
  };
}
