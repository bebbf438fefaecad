/**
 * The background's message handler: dispatches on `type`, rejects unknown messages, and applies
 * content scripts' sightings, clicks and script cookies to the sender tab's record.
 *
 * @example browser.runtime.onMessage.addListener((m, sender) => dispatch(m, sender));
 */
import type browser from 'webextension-polyfill';
import { parseCookieString } from '../../src/cookie-parse.ts';
import { isContentMessage, knownType, type ContentMessage, type ExtensionMessage } from '../messages.ts';
import { auditTab, reportOf } from './audit.ts';
import { answerAutoconsent } from './autoconsent-host.ts';
import { auditFromScratch } from './scratch.ts';
import * as store from './store.ts';
import { forgetCookie, recordClick, recordClickResult, recordCookie, recordSighting } from './tab-state.ts';

type Sender = Pick<browser.Runtime.MessageSender, 'id' | 'tab' | 'frameId' | 'url'>;

export async function dispatch(message: unknown, sender: Sender, ownId: string): Promise<unknown> {
  if (sender.id !== ownId) throw new Error('Messages are accepted from this extension only.');
  const type = knownType(message);
  if (type === null) {
    const got = typeof message === 'object' && message !== null ? JSON.stringify((message as { type?: unknown }).type) : typeof message;
    throw new Error(`Unknown message type ${got}: expected one of the types in extension/messages.ts.`);
  }
  const msg = message as ExtensionMessage;
  if (isContentMessage(msg)) {
    const tabId = sender.tab?.id;
    if (tabId === undefined || tabId < 0) throw new Error(`\`${msg.type}\` comes from content scripts, which run in a tab.`);
    await store.ready;
    return onContent(msg, tabId, sender.frameId ?? 0);
  }
  switch (msg.type) {
    case 'get-report': return auditTab(requireTab(msg.tabId));
    case 'get-report-document': return reportOf(requireTab(msg.tabId));
    case 'audit-from-scratch': return auditFromScratch(requireTab(msg.tabId));
  }
}

function requireTab(tabId: unknown): number {
  if (typeof tabId !== 'number' || !Number.isInteger(tabId) || tabId < 0) {
    throw new Error(`Expected \`tabId\` to be a tab id (a whole number from 0 up), got \`${JSON.stringify(tabId)}\`.`);
  }
  return tabId;
}

/** The click's own time (the phase boundary), unless it is not a sane recent time. */
function clickTime(time: unknown, now: string): string {
  const at = typeof time === 'string' ? Date.parse(time) : NaN;
  return Number.isFinite(at) && at <= Date.parse(now) && Date.parse(now) - at < 60_000 ? new Date(at).toISOString() : now;
}

async function onContent(msg: ContentMessage, tabId: number, frameId: number): Promise<unknown> {
  const now = new Date().toISOString();
  switch (msg.type) {
    case 'autoconsent':
      return answerAutoconsent(msg.message, tabId, frameId, msg.frameUrl);
    case 'banner-seen':
      store.update(tabId, (t) => recordSighting(t, { ...msg.sighting, frameUrl: msg.frameUrl, isTop: frameId === 0 }));
      return null;
    case 'banner-click':
      store.update(tabId, (t) => recordClick(t, msg.choice, clickTime(msg.time, now)));
      return null;
    case 'banner-click-result':
      store.update(tabId, (t) => recordClickResult(t, msg.worked));
      return null;
    case 'script-cookie': {
      const parsed = parseCookieString(msg.cookie, msg.frameUrl, new Date(msg.time), 'script');
      if (!parsed) return null;
      store.update(tabId, (t) => parsed.deletes ? forgetCookie(t, parsed) : recordCookie(t, {
        name: parsed.name, value: null, domain: parsed.domain, hostOnly: parsed.hostOnly, path: parsed.path,
        source: 'script', setterUrl: msg.setterUrl, frameUrl: msg.frameUrl, setAt: msg.time,
        declaredMaxAge: parsed.declaredMaxAge, declaredExpires: parsed.declaredExpires, storedExpires: null,
        secure: parsed.secure, httpOnly: parsed.httpOnly, sameSite: parsed.sameSite,
      }));
      return null;
    }
  }
}
