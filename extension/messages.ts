/**
 * The typed messages between the extension's parts: content scripts and the popup post these
 * to the background, which dispatches on `type` and rejects anything else.
 *
 * @example
 *   const audit = await browser.runtime.sendMessage({ type: 'get-report', tabId } satisfies GetReportMessage);
 */
import type { ContentScriptMessage } from '@duckduckgo/autoconsent';
import type { Report, SiteAudit } from '../src/model.ts';

/** What the banner detectors found in one frame (autoconsent or the project's heuristic). */
export interface BannerSighting {
  method: 'autoconsent' | 'heuristic';
  /** Consent manager name (autoconsent rule name or the heuristic's guess), or null. */
  cmp: string | null;
  /** Visible banner text, capped at 2000 characters, or null. */
  text: string | null;
  acceptFound: boolean;
  rejectFound: boolean;
  rejectOnFirstLayer: boolean;
}

/** A relay of one of autoconsent's own content-script messages (init, eval, popupFound…). */
export interface AutoconsentRelayMessage { type: 'autoconsent'; frameUrl: string; message: ContentScriptMessage }
/** A frame saw a consent banner. */
export interface BannerSeenMessage { type: 'banner-seen'; frameUrl: string; isTop: boolean; sighting: BannerSighting }
/** The person clicked the banner's accept or reject control in a frame. */
export interface BannerClickMessage { type: 'banner-click'; frameUrl: string; choice: 'accept' | 'reject'; time: string }
/** After a click: whether the banner went away (the click worked). */
export interface BannerClickResultMessage { type: 'banner-click-result'; frameUrl: string; worked: boolean }
/** A page script wrote `document.cookie` (the raw string as written, so the declared expiry is kept). */
export interface ScriptCookieMessage { type: 'script-cookie'; frameUrl: string; cookie: string; time: string; setterUrl: string | null }

/** The popup (or a test) asks for the site audit of a tab, in the report schema's `sites[]` form. */
export interface GetReportMessage { type: 'get-report'; tabId: number }
/** The popup asks for the whole report document (one site) for export. */
export interface GetReportDocumentMessage { type: 'get-report-document'; tabId: number }
/** The popup asks to clear the tab's site (cookies, storage, observations) and reload it. */
export interface AuditFromScratchMessage { type: 'audit-from-scratch'; tabId: number }

export type ContentMessage =
  | AutoconsentRelayMessage | BannerSeenMessage | BannerClickMessage | BannerClickResultMessage | ScriptCookieMessage;
export type PopupMessage = GetReportMessage | GetReportDocumentMessage | AuditFromScratchMessage;
export type ExtensionMessage = ContentMessage | PopupMessage;

/** What the background answers to each popup message. */
export interface PopupAnswers {
  'get-report': SiteAudit;
  'get-report-document': Report;
  'audit-from-scratch': { ok: true } | { ok: false; error: string };
}

const CONTENT_TYPES = ['autoconsent', 'banner-seen', 'banner-click', 'banner-click-result', 'script-cookie'] as const;
const POPUP_TYPES = ['get-report', 'get-report-document', 'audit-from-scratch'] as const;

/** The message's type when it is one the extension knows, else null (the caller rejects it). */
export function knownType(message: unknown): ExtensionMessage['type'] | null {
  if (typeof message !== 'object' || message === null) return null;
  const type = (message as { type?: unknown }).type;
  return (CONTENT_TYPES as readonly unknown[]).includes(type) || (POPUP_TYPES as readonly unknown[]).includes(type)
    ? (type as ExtensionMessage['type'])
    : null;
}

/** True for the messages a content script may send (they need a sender tab). */
export function isContentMessage(message: ExtensionMessage): message is ContentMessage {
  return (CONTENT_TYPES as readonly string[]).includes(message.type);
}
