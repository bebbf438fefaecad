/**
 * The claim contract of issue #16: what a privacy or cookie policy says, each claim with the
 * sentence (or table row) it came from and the heading it sits under. Fixtures, rules and reports
 * use exactly these shapes. It lives in src/ because observations and reports carry claims;
 * policy/types.ts re-exports it.
 *
 * @example { kind: 'cookie-lifetime', maxDays: 395.68, scope: 'all', quote: 'Cookies are stored for 13 months.', section: '6. Restricted access…' }
 */

export type VendorCategory = 'analytics' | 'advertising' | 'social' | 'other';

/** What every claim carries: its evidence. */
export interface ClaimEvidence {
  /** The sentence, or the table row's cells joined with ' | ', normalised (policy/normalise.ts). */
  quote: string;
  /** The nearest heading above it, '' when none. */
  section: string;
}

export type LifetimeScope = 'all' | { vendor: string } | { cookie: string };

/** A row of a cookie table: `name` uses `*` as the wildcard ('_ga_XXXXXXX', '_ga_<id>', '_ga_#' → '_ga_*'). */
export interface CookieDeclaredClaim extends ClaimEvidence {
  kind: 'cookie-declared';
  name: string;
  /** Declared lifetime in days (a month is 30.436875 days, a year 365.2425: see policy/duration.ts). */
  lifetimeDays?: number;
  /** Present (true) when the table says the cookie lasts the browsing session. Absent with lifetimeDays when neither is stated ('Persistent'). */
  session?: true;
  purpose?: string;
  /** The canonical vendor name when the provider column names a known vendor, else the provider text. */
  vendor?: string;
}

export interface CookieLifetimeClaim extends ClaimEvidence {
  kind: 'cookie-lifetime';
  maxDays: number;
  minDays?: number;
  scope: LifetimeScope;
}

export interface VendorClaim extends ClaimEvidence {
  kind: 'vendor';
  name: string;
  category: VendorCategory;
}

export interface CategoryClaim extends ClaimEvidence {
  kind: 'category';
  category: VendorCategory;
}

export interface ConsentValidityClaim extends ClaimEvidence {
  kind: 'consent-validity';
  maxDays: number;
}

export interface HostsClaim extends ClaimEvidence {
  kind: 'hosts';
  list: string[];
}

export type StatementKind = 'no-cookies-before-consent' | 'no-cookies-at-all' | 'ip-anonymised' | 'banner' | 'implied-consent';

export interface StatementClaim extends ClaimEvidence {
  kind: StatementKind;
}

export type PolicyClaim =
  | CookieDeclaredClaim
  | CookieLifetimeClaim
  | StatementClaim
  | VendorClaim
  | CategoryClaim
  | ConsentValidityClaim
  | HostsClaim;

export type ClaimKind = PolicyClaim['kind'];

