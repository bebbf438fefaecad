/**
 * The explicit rule registry: the engine runs these, in this order. Ids are fixed (reports, configs and CI use them).
 *
 * @example RULES.map((r) => r.meta.id) // ['cookies-before-consent', 'cookie-lifetime', …]
 */
import type { RuleModule } from '../src/rule.ts';
import * as cookiesBeforeConsent from './cookies-before-consent.ts';
import * as cookieLifetime from './cookie-lifetime.ts';
import * as consentBanner from './consent-banner.ts';
import * as gaIpAnonymisation from './ga-ip-anonymisation.ts';
import * as cookiesAfterRefusal from './cookies-after-refusal.ts';
import * as policyCookieDeclaration from './policy-cookie-declaration.ts';
import * as policyTrackerDeclaration from './policy-tracker-declaration.ts';
import * as policyCookieLifetime from './policy-cookie-lifetime.ts';
import * as policyClaims from './policy-claims.ts';
import * as rejectOption from './reject-option.ts';

export const RULES: readonly RuleModule[] = [
  cookiesBeforeConsent,
  cookieLifetime,
  consentBanner,
  gaIpAnonymisation,
  cookiesAfterRefusal,
  policyCookieDeclaration,
  policyTrackerDeclaration,
  policyCookieLifetime,
  policyClaims,
  rejectOption,
];
