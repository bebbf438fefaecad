/**
 * The typed messages between the extension's parts: content scripts and the popup post these
 * to the background, which dispatches on `type` and rejects anything else.
 *
 * @example
 *   const audit = await browser.runtime.sendMessage({ type: 'get-report', tabId } satisfies GetReportMessage);
 */
import type { ContentScriptMessage } from '@duckduckgo/autoconsent';
import { CAPS } from '../src/caps.ts';
import type { Report, SiteAudit, SiteObservations, BannerControl } from '../src/model.ts';

/** What the banner detectors found in one frame (autoconsent or the project's heuristic). */
export interface BannerSighting {
  method: 'autoconsent' | 'heuristic';
  /** Consent manager name (autoconsent rule name or the heuristic's guess), or null. */
  cmp: string | null;
  /** Visible banner text, capped at CAPS.bannerTextChars characters, or null. */
  text: string | null;
  acceptFound: boolean;
  rejectFound: boolean;
  rejectOnFirstLayer: boolean;
  /** The heuristic's measured first-layer controls, its implied-consent and page-covering findings (ObservedBanner). */
  controls?: BannerControl[];
  impliedConsent?: boolean;
  blocksPage?: boolean;
  /** The heuristic's CSS path to the banner (ObservedBanner `selector`). */
  selector?: string;
}

// Content script → background. None names its frame or its tab: the background takes them from
// the message's `sender` (tab, frameId, url), which the page cannot touch.

/** A relay of one of autoconsent's own content-script messages (init, eval, popupFound…). */
export interface AutoconsentRelayMessage { type: 'autoconsent'; message: ContentScriptMessage }
/** A frame saw a consent banner. */
export interface BannerSeenMessage { type: 'banner-seen'; sighting: BannerSighting }
/**
 * The person clicked the banner's accept or reject control in a frame: a trusted click the content
 * script saw itself (`early: false`), or one the page-world hook caught before the content script
 * arrived (`early: true`, counted only when the frame had a real user activation). `time` is the
 * click's own time, which the background bounds by the frame's start and its own receipt.
 */
/** `steps`: 2 for a refusal made after the person opened the banner's second layer (settings), else 1. */
export interface BannerClickMessage { type: 'banner-click'; choice: 'accept' | 'reject'; time: string; early: boolean; steps?: 1 | 2 }
/** After a click: whether the banner went away (the click worked); `endedAt`: when the page's own handlers of a live click had run. */
export interface BannerClickResultMessage { type: 'banner-click-result'; worked: boolean; endedAt?: string }
/**
 * A page script wrote `document.cookie` (the raw string as written, so the declared expiry is
 * kept). `time` only for a write the hook kept before the content script arrived (bounded by the
 * background as a click's); a live one is timed by the background's receipt. Never a removal:
 * removals come from the cookie jar (cookies.onChanged) only.
 */
export interface ScriptCookieMessage { type: 'script-cookie'; cookie: string; setterUrl: string | null; time: string | null }
/** The content script stopped relaying a flood of writes: how many more it dropped since its last such message. */
export interface ScriptCookiesDroppedMessage { type: 'script-cookies-dropped'; count: number }

/** The popup (or a test) asks for the site audit of a tab, in the report schema's `sites[]` form. */
export interface GetReportMessage { type: 'get-report'; tabId: number }
/** The popup asks for the whole report document (one site) for export. */
export interface GetReportDocumentMessage { type: 'get-report-document'; tabId: number }
/** An extension page asks for the tab's raw observations (the engine's input), e.g. to see what a cap cut. */
export interface GetObservationsMessage { type: 'get-observations'; tabId: number }
/** The popup asks to clear the tab's site (cookies, storage, observations) and reload it. */
export interface AuditFromScratchMessage { type: 'audit-from-scratch'; tabId: number }

export type ContentMessage =
  | AutoconsentRelayMessage | BannerSeenMessage | BannerClickMessage | BannerClickResultMessage | ScriptCookieMessage
  | ScriptCookiesDroppedMessage;
/** Extension page (the popup) → background: never accepted from a content script. */
export type PopupMessage = GetReportMessage | GetReportDocumentMessage | GetObservationsMessage | AuditFromScratchMessage;
export type ExtensionMessage = ContentMessage | PopupMessage;

/** What the background answers to each popup message. */
export interface PopupAnswers {
  'get-report': SiteAudit;
  'get-report-document': Report;
  'get-observations': SiteObservations | null;
  'audit-from-scratch': { ok: true } | { ok: false; error: string };
}

const CONTENT_TYPES = ['autoconsent', 'banner-seen', 'banner-click', 'banner-click-result', 'script-cookie', 'script-cookies-dropped'] as const;
const POPUP_TYPES = ['get-report', 'get-report-document', 'get-observations', 'audit-from-scratch'] as const;

/** The message's type when it is one the extension knows, else null (the caller rejects it). */
export function knownType(message: unknown): ExtensionMessage['type'] | null {
  if (typeof message !== 'object' || message === null) return null;
  const type = (message as { type?: unknown }).type;
  return (CONTENT_TYPES as readonly unknown[]).includes(type) || (POPUP_TYPES as readonly unknown[]).includes(type)
    ? (type as ExtensionMessage['type'])
    : null;
}

/** True for the types a content script may send (they need a sender tab). */
export function isContentType(type: ExtensionMessage['type']): type is ContentMessage['type'] {
  return (CONTENT_TYPES as readonly string[]).includes(type);
}

const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isTime = (v: unknown): v is string => isText(v, 40) && Number.isFinite(Date.parse(v));

function isSighting(v: unknown): v is BannerSighting {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return (s.method === 'autoconsent' || s.method === 'heuristic') && (s.cmp === null || isText(s.cmp, 200))
    && (s.text === null || isText(s.text, 20_000)) && isBool(s.acceptFound) && isBool(s.rejectFound) && isBool(s.rejectOnFirstLayer)
    && (s.controls === undefined || (Array.isArray(s.controls) && s.controls.length <= CAPS.bannerControls && s.controls.every(isControl)))
    && (s.impliedConsent === undefined || isBool(s.impliedConsent)) && (s.blocksPage === undefined || isBool(s.blocksPage))
    && (s.selector === undefined || isText(s.selector, 2000));
}

const CONTROL_KINDS = new Set(['accept', 'reject', 'settings', 'close']);
const isSize = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100_000;
function isControl(v: unknown): v is BannerControl {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  return typeof c.kind === 'string' && CONTROL_KINDS.has(c.kind) && isText(c.label, 200) && isSize(c.width) && isSize(c.height) && isBool(c.filled);
}

/**
 * The message as a content message when every field has its declared type (and a sane size),
 * else null: a content script runs in a page the site controls, so its messages are checked field by field.
 */
export function asContentMessage(message: unknown): ContentMessage | null {
  if (typeof message !== 'object' || message === null) return null;
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'autoconsent':
      return typeof m.message === 'object' && m.message !== null && typeof (m.message as { type?: unknown }).type === 'string'
        ? { type: m.type, message: m.message as ContentScriptMessage } : null;
    case 'banner-seen':
      return isSighting(m.sighting) ? { type: m.type, sighting: m.sighting } : null;
    case 'banner-click':
      return (m.choice === 'accept' || m.choice === 'reject') && isTime(m.time) && isBool(m.early) && (m.steps === undefined || m.steps === 1 || m.steps === 2)
        ? { type: m.type, choice: m.choice, time: m.time, early: m.early, ...(m.steps ? { steps: m.steps } : {}) } : null;
    case 'banner-click-result':
      return isBool(m.worked) && (m.endedAt === undefined || isTime(m.endedAt))
        ? { type: m.type, worked: m.worked, ...(m.endedAt !== undefined ? { endedAt: m.endedAt } : {}) } : null;
    case 'script-cookie':
      return isText(m.cookie, CAPS.cookieChars) && (m.setterUrl === null || isText(m.setterUrl, CAPS.urlChars)) && (m.time === null || isTime(m.time))
        ? { type: m.type, cookie: m.cookie, setterUrl: m.setterUrl, time: m.time } : null;
    case 'script-cookies-dropped':
      return typeof m.count === 'number' && Number.isInteger(m.count) && m.count >= 0 ? { type: m.type, count: m.count } : null;
    default:
      return null;
  }
}
