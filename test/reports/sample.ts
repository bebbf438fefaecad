/**
 * A small report built by hand for the renderer and gate tests: one site with breaches and hostile
 * strings (cookie name/value, banner text, URLs), one clean site, one that could not be audited.
 *
 * @example
 *   const report = sampleReport();
 *   report.sites[0].cookies[0].name; // HOSTILE.cookieName
 */
import type { Finding, ObservedBanner, Phase, Report, ReportCookie, RuleResult, SiteAudit } from '../../src/model.ts';
import { noBanner } from '../../src/model.ts';

export const HOSTILE = {
  cookieName: '<img src=x onerror=alert(1)>',
  cookieValue: '"><script>window.__pwned=1</script>',
  domain: 'evil.test"><b id="injected">',
  bannerText: 'We use cookies <script>window.__pwned=2</script><iframe src="https://tracker.test/"></iframe> & <b id="injected2">partners</b>',
  setterUrl: 'javascript:alert(document.cookie)',
  cmp: '<svg onload=alert(3)>',
  errorMessage: 'net::ERR_NAME_NOT_RESOLVED <img src=x onerror=alert(4)>',
  formula: '=HYPERLINK("https://evil.test","click")',
  siteUrl: 'https://shop.example.fr/?q=<script>alert(5)</script>',
};

export function cookie(over: Partial<ReportCookie> & { name: string; phase: Phase }): ReportCookie {
  return {
    value: 'v1',
    domain: 'shop.example.fr',
    hostOnly: true,
    path: '/',
    party: 'first',
    source: 'header',
    setterUrl: 'https://shop.example.fr/',
    frameUrl: 'https://shop.example.fr/',
    setAt: '2025-03-01T10:00:00.000Z',
    declaredMaxAge: null,
    declaredExpires: null,
    storedExpires: null,
    secure: true,
    httpOnly: false,
    sameSite: 'Lax',
    exemption: { exempt: false, category: null, reason: 'unknown cookie: consent required', matchedBy: null, known: null },
    ...over,
  };
}

const banner = (over: Partial<ObservedBanner> = {}): ObservedBanner => ({ ...noBanner(), ...over });

function rule(id: string, outcome: RuleResult['outcome'], findingCount = 0, notes: string[] = []): RuleResult {
  return { id, title: id, outcome, level: 'error', notes, findingCount };
}

export function failingSite(): SiteAudit {
  const findings: Finding[] = [
    {
      rule: 'cookies-before-consent', severity: 'error', cookie: HOSTILE.cookieName, domain: HOSTILE.domain, phase: 'initial',
      message: `Cookie ${HOSTILE.cookieName} was set before any consent.`, evidence: { setterUrl: HOSTILE.setterUrl },
    },
    {
      rule: 'cookies-before-consent', severity: 'error', cookie: '_ga', domain: 'example.fr', phase: 'initial',
      message: 'Cookie _ga (Google Analytics) was set before any consent.', evidence: {},
    },
    {
      rule: 'cookie-lifetime', severity: 'warn', cookie: '_ga', domain: 'example.fr', phase: 'accepted',
      message: 'Cookie _ga is declared to live 24 months, more than 13.', evidence: { declaredMaxAge: 63072000 },
    },
  ];
  const initialBanner = banner({
    detected: true, cmp: HOSTILE.cmp, method: 'heuristic', text: HOSTILE.bannerText, acceptFound: true, rejectFound: true,
    rejectOnFirstLayer: false, screenshot: 'shots/shop.png',
  });
  return {
    url: HOSTILE.siteUrl,
    finalUrl: HOSTILE.siteUrl,
    status: 'ok',
    error: null,
    httpStatus: 200,
    collector: 'test',
    startedAt: '2025-03-01T10:00:00.000Z',
    banner: {
      ...initialBanner,
      phases: {
        initial: initialBanner,
        accepted: { ...initialBanner, clicked: 'accept', clickWorked: true },
        refused: { ...initialBanner, clicked: 'reject', clickWorked: true },
      },
    },
    cookies: [
      cookie({ name: HOSTILE.cookieName, value: HOSTILE.cookieValue, domain: HOSTILE.domain, party: 'third', phase: 'initial', source: 'script', setterUrl: HOSTILE.setterUrl }),
      cookie({ name: '_ga', value: 'GA1.1.123.456', domain: 'example.fr', hostOnly: false, phase: 'initial', declaredMaxAge: 63072000, storedExpires: '2026-04-05T10:00:00.000Z' }),
      cookie({ name: '_ga', value: 'GA1.1.123.456', domain: 'example.fr', hostOnly: false, phase: 'accepted', declaredMaxAge: 63072000, storedExpires: '2026-04-05T10:00:00.000Z' }),
      cookie({ name: HOSTILE.formula, value: '-2+3', phase: 'accepted', declaredExpires: 'Wed, 01 Apr 2026 10:00:00 GMT', storedExpires: '2026-04-01T10:00:00.000Z' }),
      cookie({
        name: 'PHPSESSID', value: 'abc', phase: 'refused',
        exemption: { exempt: true, category: 'session', reason: 'PHP session (exempt:PHPSESSID)', matchedBy: 'exempt:PHPSESSID', known: null },
      }),
    ],
    requests: [],
    rules: [
      rule('cookies-before-consent', 'fail', 2),
      rule('cookie-lifetime', 'fail', 1),
      rule('consent-banner', 'pass'),
      rule('ga-ip-anonymisation', 'not-applicable', 0, ['No Google Analytics hit was seen.']),
      rule('cookies-after-refusal', 'error', 0, ['The rule failed: boom <b>bold</b>']),
    ],
    findings,
  };
}

export function cleanSite(): SiteAudit {
  const b = banner({ detected: true, cmp: 'tarteaucitron', method: 'autoconsent', acceptFound: true, rejectFound: true, rejectOnFirstLayer: true });
  return {
    url: 'https://clean.example.org/', finalUrl: 'https://clean.example.org/', status: 'ok', error: null, httpStatus: 200,
    collector: 'test', startedAt: '2025-03-01T10:05:00.000Z',
    banner: { ...b, phases: { initial: b, accepted: { ...b, clicked: 'accept', clickWorked: true }, refused: { ...b, clicked: 'reject', clickWorked: true } } },
    cookies: [cookie({
      name: 'tarteaucitron', domain: 'clean.example.org', phase: 'accepted', declaredMaxAge: 31_536_000,
      exemption: { exempt: true, category: 'consent-storage', reason: 'tarteaucitron consent cookie', matchedBy: 'exempt:tarteaucitron', known: null },
    })],
    requests: [],
    rules: [
      rule('cookies-before-consent', 'pass'), rule('cookie-lifetime', 'pass'), rule('consent-banner', 'pass'),
      rule('ga-ip-anonymisation', 'not-applicable', 0, ['No Google Analytics hit was seen.']), rule('cookies-after-refusal', 'pass'),
    ],
    findings: [],
  };
}

export function errorSite(): SiteAudit {
  return {
    url: 'https://down.example.net/', finalUrl: 'https://down.example.net/', status: 'error',
    error: { code: 'dns', message: HOSTILE.errorMessage }, httpStatus: null, collector: 'test', startedAt: null,
    banner: { ...noBanner(), phases: {} }, cookies: [], requests: [], rules: [], findings: [],
  };
}

export function sampleReport(sites: SiteAudit[] = [failingSite(), cleanSite(), errorSite()]): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'cookie-audit', version: '0.1.0' },
    generatedAt: '2025-03-01T10:10:00.000Z',
    config: {
      maxLifetimeMonths: 13,
      rules: { 'cookies-before-consent': 'error', 'cookie-lifetime': 'warn', 'consent-banner': 'error', 'ga-ip-anonymisation': 'error', 'cookies-after-refusal': 'error' },
    },
    sites,
  };
}

/** A 1×1 PNG as a data URI, standing in for a banner screenshot. */
export const PIXEL_PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
