/**
 * The observation → finding contract shared by every collector, the engine and the renderers.
 * Everything here is plain serialisable JSON: a collector may write it to disk and another
 * process may judge it later.
 *
 * @example
 *   const obs: SiteObservations = { url: 'https://a.test/', finalUrl: 'https://a.test/', collector: 'crawler',
 *     phases: { initial: { cookies: [], requests: [], banner: noBanner() } } };
 */
import type { MessageData } from './messages.ts';
import type { PolicyClaim } from './claim-contract.ts';

/** The three moments of a visit: no interaction, after clicking accept, after clicking reject. */
export type Phase = 'initial' | 'accepted' | 'refused';
export const PHASES: readonly Phase[] = ['initial', 'accepted', 'refused'];

/** Whether a cookie belongs to the visited site's registrable domain (tldts) or to another one. */
export type Party = 'first' | 'third';

/**
 * How we learnt of a cookie: a Set-Cookie response header, a document.cookie write,
 * or only from the browser's cookie jar at the end of the phase (setter unknown).
 */
export type CookieSource = 'header' | 'script' | 'jar';

/** One cookie as a collector saw it in one phase. */
export interface ObservedCookie {
  name: string;
  /** The value, or null when the collector redacted it (the default: values are personal data). */
  value: string | null;
  /** Domain without leading dot, e.g. `example.fr`. */
  domain: string;
  /** True when set without a Domain attribute (host-only cookie). */
  hostOnly: boolean;
  path: string;
  party: Party;
  source: CookieSource;
  /** URL of the response or script that set it, when known. */
  setterUrl: string | null;
  /** URL of the frame the cookie was set in (top or iframe), when known. */
  frameUrl: string | null;
  /** When it was set, ISO 8601. */
  setAt: string;
  /** Max-Age exactly as declared by the site, in seconds, or null when absent. */
  declaredMaxAge: number | null;
  /** Expires exactly as written by the site (the raw attribute text), or null when absent. */
  declaredExpires: string | null;
  /** The expiry the browser stored (Chromium caps it at 400 days), ISO 8601; null for a session cookie or unknown. */
  storedExpires: string | null;
  secure: boolean;
  httpOnly: boolean;
  sameSite: 'Strict' | 'Lax' | 'None' | null;
  /**
   * False when the cookie was written during the phase but was gone from the browser's jar when the
   * phase's state was read (deleted or expired, e.g. by a consent manager on refusal); absent: present
   * at the end, or a collector that does not tell.
   */
  presentAtEnd?: boolean;
}

/**
 * A consent string the collector read at the end of a phase: an IAB TCF v2 TC string (`euconsent-v2`).
 * Kept whole even when cookie values are redacted: it records the visitor's choices and the CMP, not an
 * identifier, and the engine decodes it (src/tcf.ts).
 */
export interface ObservedConsentString {
  format: 'tcf-v2';
  value: string;
  /** Where it was read: the cookie's name and domain. */
  source: 'cookie';
  name: string;
  domain: string;
}

/** A phase's TC string decoded (src/tcf.ts), in a site report; `error` when it could not be decoded. */
export interface TcfPhase {
  /** The cookie it was read from. */
  source: { cookie: string; domain: string };
  error?: string;
  /** The CMP that wrote it: its IAB-registered id and its version. */
  cmpId?: number;
  cmpVersion?: number;
  policyVersion?: number;
  created?: string | null;
  lastUpdated?: string | null;
  /** Purpose ids (1–11) consented to. */
  purposeConsents?: number[];
  /** Purpose ids claimed on legitimate interest. */
  purposeLegitimateInterests?: number[];
  specialFeatureOptins?: number[];
  /** The publisher's own purposes consented to (publisher TC segment). */
  publisherConsents?: number[];
  /** Vendor ids consented to (the first 100) and their count. */
  vendorConsents?: number[];
  vendorConsentCount?: number;
  vendorLegitimateInterestCount?: number;
}

/** One request of interest (analytics or tracker endpoints; collectors may record more). */
export interface ObservedRequest {
  url: string;
  method: string;
  /** Puppeteer/webRequest resource type, lower case: `script`, `image`, `xhr`, `fetch`, `ping`, `document`… */
  resourceType: string;
  /** URL of the frame that issued it, when known. */
  frameUrl: string | null;
  /** Request body when it is text and small (≤ 8 KiB), else null. */
  postData: string | null;
  /** ISO 8601 time the request was sent. */
  time: string;
}

/** What the collector saw of the consent banner in one phase. */
export interface ObservedBanner {
  detected: boolean;
  /**
   * Consent manager name when known, else null: as collected, autoconsent's rule name (or the one it
   * detected when our heuristic found the banner); in a report, the product's name users know
   * (knowledge/cmp-names.json) where one is listed.
   */
  cmp: string | null;
  /** In a report, the autoconsent rule name `cmp` was renamed from (the collector's raw evidence); absent otherwise. */
  cmpRule?: string;
  /** CSS path to the banner our heuristic found (` >>> ` steps into an open shadow root); absent when it found none. */
  selector?: string;
  /** How it was found. */
  method: 'autoconsent' | 'heuristic' | null;
  /** URL of the frame that holds the banner (it may be an iframe). */
  frameUrl: string | null;
  /** Visible banner text, trimmed and capped at 2000 characters, or null. */
  text: string | null;
  acceptFound: boolean;
  rejectFound: boolean;
  /** True when a reject control is on the first layer (no need to open settings). */
  rejectOnFirstLayer: boolean;
  /** Which control the collector clicked in this phase. */
  clicked: 'accept' | 'reject' | null;
  /** Whether the click was confirmed (banner gone / CMP reported success); null when nothing was clicked. */
  clickWorked: boolean | null;
  /**
   * When the collector started the click and when it had its outcome, ISO 8601: a cookie a script wrote in between was
   * written at the visitor's choice (src/consent-record.ts). Absent when nothing was clicked or the collector does not tell.
   */
  clickStartedAt?: string;
  clickEndedAt?: string;
  /** Path of a screenshot of the banner before interaction, relative to the report directory, or null. */
  screenshot: string | null;
  /** The first layer's controls as shown (kind, label, size, filled button or text); absent when the collector did not measure them. */
  controls?: BannerControl[];
  /** The banner takes browsing on as consent ("En poursuivant votre navigation…"); absent: not checked. */
  impliedConsent?: boolean;
  /** The banner covers the page: nothing can be used before answering (a cookie wall); absent: not checked. */
  blocksPage?: boolean;
  /** Clicks the refusal took (1: on the first layer; 2: through a second layer such as "Personnaliser"); absent when no refusal was made. */
  refusalSteps?: number;
  /** The refusal was made by switching this many purpose toggles off in the second layer and saving ("Enregistrer mes choix"), there being no "Tout refuser"; absent otherwise. */
  refusalToggles?: number;
}

/** A banner control as the visitor sees it on the first layer. */
export interface BannerControl {
  /** What it does; `close` only dismisses the banner. */
  kind: 'accept' | 'reject' | 'settings' | 'close';
  label: string;
  /** Its box in CSS pixels. */
  width: number;
  height: number;
  /** A button with its own background, rather than text or a link on the banner's background. */
  filled: boolean;
}

/**
 * A document.cookie write the browser did not store (refused: foreign domain, HttpOnly clash,
 * invalid): evidence that a script tried, never a cookie that was set.
 */
export interface CookieAttempt {
  name: string;
  /** The domain the write was for (its Domain attribute, else the frame's host). */
  domain: string;
  path: string;
  party: Party;
  /** URL of the calling script, when known. */
  setterUrl: string | null;
  /** URL of the frame that wrote it (the collector's own record, not the page's claim). */
  frameUrl: string | null;
  /** When the collector received the write, ISO 8601. */
  at: string;
}

/** Everything a collector recorded in one phase. */
export interface PhaseObservations {
  cookies: ObservedCookie[];
  requests: ObservedRequest[];
  banner: ObservedBanner;
  /** document.cookie writes the browser refused (absent: none, or a collector that does not tell). */
  cookieAttempts?: CookieAttempt[];
  /** True when a collection hit its size cap (src/caps.ts): the record holds the first entries only. */
  truncated?: boolean;
  /** How many entries each capped collection left out (`requests`, `scriptWrites`…). */
  dropped?: Record<string, number>;
  /** The TCF consent string at the end of the phase, when the site has one (absent: none, or not read). */
  consentString?: ObservedConsentString;
}

/** What kind of document a policy is, as its link or the configuration said. */
export type PolicyKind = 'cookie-policy' | 'privacy-policy' | 'legal-notice';

/** One policy document the collector read, rendered, with the claims it makes (issue #16). */
export interface PolicyDocument {
  /** The URL read (after redirects). */
  url: string;
  kind: PolicyKind;
  /** How it was found: a link in the page, in the banner, inside another policy, a common path, or the configuration. */
  foundBy: 'page-link' | 'banner-link' | 'policy-link' | 'common-path' | 'config';
  /** The link text that pointed to it, when it came from a link. */
  linkText?: string | null;
  claims: PolicyClaim[];
}

/** What the collector did to find the site's privacy and cookie policy. */
export interface ObservedPolicy {
  /** `auto`: found from the page's links and common paths; `url`: given by `--policy URL` or `policyUrl`. */
  mode: 'auto' | 'url';
  /** The documents kept (they read as a policy); empty when none was found. */
  documents: PolicyDocument[];
  /** Every URL tried, kept or not, and what came of it (`policy`, `not-a-policy`, `same-page` — a non-policy page seen under an earlier URL, which ends the common paths — `http-404`, `error: …`). */
  tried: Array<{ url: string; outcome: string }>;
}

/** A collector's complete record of one site; the engine's only input. */
export interface SiteObservations {
  /** The target as given (normalised to a URL). */
  url: string;
  /** The URL after redirects. */
  finalUrl: string;
  /** HTTP status of the main document, when known. */
  httpStatus?: number | null;
  collector: 'crawler' | 'extension' | 'test';
  /** ISO 8601 time the visit started. */
  startedAt?: string;
  phases: Partial<Record<Phase, PhaseObservations>>;
  /** How trustworthy the timing of this visit was (the crawler's; absent elsewhere). */
  measurement?: MeasurementQuality;
  /** The site's privacy and cookie policy as read by the collector; absent when it did not look (extension, `--policy off`). */
  policy?: ObservedPolicy;
}

/**
 * A busy machine must not change a verdict: negatives a slow page can cause are re-checked with
 * longer waits, and a visit that ran starved for CPU is marked degraded rather than silently judged.
 */
export interface MeasurementQuality {
  /** What was re-checked before judging: no banner, no accept or reject clicked, a visit that ran starved, or a page that timed out while the machine was starved. */
  rechecked: Array<'no-banner' | 'no-accept' | 'no-reject' | 'starved' | 'timeout'>;
  /** Whether the re-check saw other findings than the first visit (its observations are the ones judged); null without re-check. */
  recheckChanged: boolean | null;
  /** The judged visit's pages ran starved for CPU (late by much of the wait): its negatives may be timing artefacts. */
  degraded: boolean;
  /** How starved the judged visit's pages ran: the share of their main-thread answers that came late (0–1), null when not measured. */
  pressure: number | null;
}

/** A banner record for "nothing detected". */
export function noBanner(): ObservedBanner {
  return {
    detected: false, cmp: null, method: null, frameUrl: null, text: null,
    acceptFound: false, rejectFound: false, rejectOnFirstLayer: false,
    clicked: null, clickWorked: null, screenshot: null,
  };
}

// ---------------------------------------------------------------------------------------------
// Findings and reports

export type Severity = 'error' | 'warn';
export type RuleLevel = 'off' | Severity;

/** One breach found by a rule. */
export interface Finding {
  rule: string;
  severity: Severity;
  /** Cookie name, for per-cookie rules. */
  cookie?: string;
  /** Cookie domain (per-cookie rules) or request host. */
  domain?: string;
  phase?: Phase;
  /** Plain-language sentence a data-protection officer can read, in English (rendered from `messageId` + `data`). */
  message: string;
  /** Key of the rule's `meta.messages` the sentence is built from (schema 2; absent in schema 1 reports). */
  messageId?: string;
  /** The values of the message's placeholders: plain JSON (schema 2). */
  data?: MessageData;
  /** Raw facts behind the finding (declared expiry, hit URL…): serialisable JSON. */
  evidence: Record<string, unknown>;
}

export type Outcome = 'pass' | 'fail' | 'not-applicable' | 'error';

/** The verdict of one rule on one site. */
export interface RuleResult {
  id: string;
  title: string;
  outcome: Outcome;
  /** The configured level (a rule set to "off" does not appear). */
  level: Severity;
  /** Why not applicable, the error message, or a note on a pass (e.g. GA4), in English. */
  notes: string[];
  /** The same notes as message ids and data, one per `notes` entry, for rendering in another language (schema 2). */
  noteMessages?: NoteMessage[];
  findingCount: number;
}

/** A note as a message: its id (in the rule's `meta.messages` or the engine's) and its data. */
export interface NoteMessage {
  messageId: string;
  data: MessageData;
}

/** Why a cookie was judged exempt from consent, or not. */
export interface Exemption {
  exempt: boolean;
  /** CNIL category when exempt (session, authentication, security, load-balancing, bot-protection, consent-storage), else null. */
  category: string | null;
  /** Human reason, in English: the matched entry and its source, or "unknown cookie: consent required". */
  reason: string;
  /** Key of src/exemption.ts's `EXEMPTION_MESSAGES` the reason is built from (schema 2). */
  reasonId?: string;
  /** The values of the reason's placeholders (schema 2). */
  reasonData?: MessageData;
  /** Id of the matched knowledge entry (`exempt:<pattern>`, `config:<name>`, `ocd:<id>`), or null when unknown. */
  matchedBy: string | null;
  /** Open Cookie Database knowledge, when the cookie is known there. */
  known: { platform: string; category: string; description: string } | null;
}

/** How the site's policy speaks of a cookie (report only; absent when no policy was read). */
export interface CookiePolicyMatch {
  /** `name`: a table row or a named claim; `vendor`: only its vendor is named; null: not declared. */
  declaredBy: 'name' | 'vendor' | null;
  /** The lifetime the policy claims for it, in days (the most specific claim), or null. */
  claimedDays: number | null;
  /** True when the policy calls it a session cookie. */
  claimedSession: boolean;
  /** The quote of the claim that declares it, when one does, and its document. */
  quote: string | null;
  policyUrl: string | null;
}

/** A cookie in a site report: the observation plus the phase and the exemption verdict. */
export interface ReportCookie extends ObservedCookie {
  phase: Phase;
  exemption: Exemption;
  /** What the site's policy says of it (absent when no policy was read). */
  policy?: CookiePolicyMatch;
}

/** The audit of one site: the report schema's `sites[]` item. */
export interface SiteAudit {
  url: string;
  finalUrl: string;
  status: 'ok' | 'error';
  error: { code: string; message: string } | null;
  httpStatus: number | null;
  collector: SiteObservations['collector'];
  startedAt: string | null;
  /** The initial-phase banner, with what later phases clicked. */
  banner: ObservedBanner & { phases: Partial<Record<Phase, ObservedBanner>> };
  cookies: ReportCookie[];
  requests: Array<ObservedRequest & { phase: Phase; tracker: string | null }>;
  rules: RuleResult[];
  findings: Finding[];
  /** The collector's own account of how reliable the visit's timing was (crawler/site-runner.ts). */
  measurement?: MeasurementQuality;
  /** The policy documents read and their claims (absent when the collector did not look). */
  policy?: ObservedPolicy;
  /**
   * Per phase, what the collector's size caps left out and the cookie writes the browser refused
   * (absent when no phase was capped and no write was refused).
   */
  capture?: Partial<Record<Phase, PhaseCaptureNotes>>;
  /** Per phase, the TCF consent string decoded: purposes and vendors consented, the CMP id and version (absent: no TC string). */
  tcf?: Partial<Record<Phase, TcfPhase>>;
}

/** A phase's capped collections and refused cookie writes, in a site report. */
export interface PhaseCaptureNotes {
  truncated: boolean;
  dropped: Record<string, number>;
  cookieAttempts: CookieAttempt[];
}

/** A report of many sites: the document `reports/report.schema.json` describes. */
export interface Report {
  /** 2 since findings, notes and exemption reasons carry message ids and data; 1 reports are still read. */
  schemaVersion: 1 | 2;
  tool: { name: 'cookie-audit'; version: string };
  generatedAt: string;
  config: { maxLifetimeMonths: number; rules: Record<string, RuleLevel> };
  sites: SiteAudit[];
}

/**
 * A report whose sites are read one at a time, each `for … of` over `sites` a new pass (a report
 * file read again, or a Report's array): what the gate and the renderers take, so no report,
 * however many sites it holds, needs to be in memory at once. A Report is one.
 */
export type ReportSource = Omit<Report, 'sites'> & { sites: Iterable<SiteAudit> };
