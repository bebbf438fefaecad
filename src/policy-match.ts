/**
 * Holds a site's policy claims (src/claim-contract.ts) against what was observed: which claim
 * declares a cookie, which lifetime the policy gives it (the most specific scope wins), which vendor
 * names a tracker service or a cookie platform stands for. Pure; the policy rules and the engine's
 * report (each cookie's `policy`) share it.
 *
 * @example
 *   wildcardMatches('_ga_*', '_ga_ABC123') // true
 *   lifetimeFor({ name: '_ga' }, docs, ['Google Analytics'])?.maxDays // 395.68 from "_ga : 13 mois"
 */
import type { PolicyVendorEntry } from './knowledge.ts';
import type { Exemption, ObservedCookie, ObservedPolicy, PolicyDocument } from './model.ts';
import type { RuleContext } from './rule.ts';
import type { CookieDeclaredClaim, CookieLifetimeClaim, PolicyClaim } from './claim-contract.ts';

/** A claim with the URL of the document it came from. */
export type Sourced<C extends PolicyClaim = PolicyClaim> = C & { policyUrl: string };

/** Every claim of the documents kept, each with its document's URL. */
export function claimsOf(policy: ObservedPolicy | undefined): Sourced[] {
  if (!policy || !Array.isArray(policy.documents)) return [];
  return policy.documents.flatMap((d: PolicyDocument) => (Array.isArray(d.claims) ? d.claims : []).map((c) => ({ ...c, policyUrl: d.url })));
}

/** The claims of one kind. */
export function claimsOfKind<K extends PolicyClaim['kind']>(claims: readonly Sourced[], kind: K): Array<Sourced<Extract<PolicyClaim, { kind: K }>>> {
  return claims.filter((c) => c.kind === kind) as Array<Sourced<Extract<PolicyClaim, { kind: K }>>>;
}

/** A declared name (`*` = any run of characters) against a cookie name, case-sensitively as browsers do, ignoring case for the fixed parts. */
export function wildcardMatches(pattern: string, name: string): boolean {
  if (!pattern.includes('*')) return pattern.toLowerCase() === name.toLowerCase();
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
  return re.test(name);
}

/** How specific a declared name is: an exact name beats a wildcard, a longer fixed part beats a shorter one. */
function specificity(pattern: string): number {
  return pattern.includes('*') ? pattern.replace(/\*/g, '').length : 1000 + pattern.length;
}

/** Vendor names of the policy vocabulary that a label (a tracker service, a cookie platform) stands for. */
export function vendorNamesFor(label: string | null | undefined, vendors: readonly PolicyVendorEntry[]): string[] {
  if (!label) return [];
  const l = label.toLowerCase().trim();
  const out: string[] = [];
  for (const v of vendors) {
    const names = [v.name, ...v.aliases].map((a) => a.toLowerCase());
    if (names.some((a) => a === l || (a.length >= 4 && l.length >= 4 && (wordIn(a, l) || wordIn(l, a))))) out.push(v.name);
  }
  // "Google Analytics" is also an alias-word of nothing else; "Facebook" stands for the pixel too.
  return out;
}

function wordIn(needle: string, hay: string): boolean {
  const i = hay.indexOf(needle);
  if (i < 0) return false;
  const before = i === 0 ? ' ' : hay[i - 1]!;
  const after = i + needle.length >= hay.length ? ' ' : hay[i + needle.length]!;
  return !/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after);
}

/** The table row (or named prose lifetime) that declares a cookie by name, the most specific first. */
export function declaringClaim(name: string, claims: readonly Sourced[]): Sourced<CookieDeclaredClaim | CookieLifetimeClaim> | null {
  const named = claims.filter((c): c is Sourced<CookieDeclaredClaim | CookieLifetimeClaim> =>
    (c.kind === 'cookie-declared' && wildcardMatches(c.name, name))
    || (c.kind === 'cookie-lifetime' && typeof c.scope === 'object' && 'cookie' in c.scope && wildcardMatches(c.scope.cookie, name)));
  const pattern = (c: CookieDeclaredClaim | CookieLifetimeClaim) => (c.kind === 'cookie-declared' ? c.name : (c.scope as { cookie: string }).cookie);
  named.sort((a, b) => specificity(pattern(b)) - specificity(pattern(a)) || (a.kind === 'cookie-declared' ? -1 : 1));
  return named[0] ?? null;
}

/** What the policy says a cookie's lifetime is: the claim, its maximum in days or "session", and its scope. */
export interface LifetimeClaimFor {
  claim: Sourced;
  maxDays: number | null;
  session: boolean;
  scope: 'cookie' | 'vendor' | 'all';
}

/**
 * The lifetime the policy claims for a cookie, most specific scope first: its table row or a
 * sentence naming it, then a sentence about its vendor, then one about all cookies.
 */
export function lifetimeFor(name: string, claims: readonly Sourced[], vendorNames: readonly string[]): LifetimeClaimFor | null {
  const byName = claims.filter((c) =>
    (c.kind === 'cookie-declared' && wildcardMatches(c.name, name) && (c.lifetimeDays !== undefined || c.session))
    || (c.kind === 'cookie-lifetime' && typeof c.scope === 'object' && 'cookie' in c.scope && wildcardMatches(c.scope.cookie, name)));
  if (byName.length) {
    const patternOf = (c: Sourced) => (c.kind === 'cookie-declared' ? c.name : ((c as CookieLifetimeClaim).scope as { cookie: string }).cookie);
    byName.sort((a, b) => specificity(patternOf(b)) - specificity(patternOf(a)));
    const c = byName[0]!;
    if (c.kind === 'cookie-declared') return { claim: c, maxDays: c.lifetimeDays ?? null, session: c.session === true && c.lifetimeDays === undefined, scope: 'cookie' };
    return { claim: c, maxDays: (c as CookieLifetimeClaim).maxDays, session: false, scope: 'cookie' };
  }
  const lifetimes = claimsOfKind(claims, 'cookie-lifetime');
  const byVendor = lifetimes.filter((c) => typeof c.scope === 'object' && 'vendor' in c.scope && vendorNames.includes(c.scope.vendor));
  if (byVendor.length) {
    const c = byVendor.reduce((a, b) => (b.maxDays > a.maxDays ? b : a));
    return { claim: c, maxDays: c.maxDays, session: false, scope: 'vendor' };
  }
  const all = lifetimes.filter((c) => c.scope === 'all');
  if (all.length) {
    // Several "all" sentences ("13 months", "between 30 days and 12 months"): the most generous one.
    const c = all.reduce((a, b) => (b.maxDays > a.maxDays ? b : a));
    return { claim: c, maxDays: c.maxDays, session: false, scope: 'all' };
  }
  return null;
}

/** A vendor claim naming one of these vendors, or null. */
export function vendorClaimFor(vendorNames: readonly string[], claims: readonly Sourced[]): Sourced | null {
  return claims.find((c) => c.kind === 'vendor' && vendorNames.includes(c.name)) ?? null;
}

/** The tolerance on a claimed lifetime: one day, or 2 % of it when longer (rounding of months and years). */
export function lifetimeTolerance(days: number): number {
  return Math.max(1, days * 0.02);
}

/** The vocabulary vendors a cookie belongs to: its Open Cookie Database platform and the tracker that set it. */
export function cookieVendors(c: Pick<ObservedCookie, 'setterUrl'>, exemption: Exemption, context: Pick<RuleContext, 'trackerOf' | 'policyVendorsOf'>): string[] {
  const of = context.policyVendorsOf ?? (() => []);
  const names = [...of(exemption.known?.platform), ...of(c.setterUrl ? context.trackerOf(c.setterUrl) : null)];
  return [...new Set(names)];
}
