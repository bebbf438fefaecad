/**
 * The background's message handler: dispatches on `type`, rejects unknown messages, and applies
 * content scripts' sightings, clicks and script cookies to the sender tab's record.
 *
 * Who may send what: popup messages (reports, *Audit from scratch*) only from the extension's own
 * pages, never from a content script (it runs inside the audited page); content messages only from
 * content scripts, checked field by field. A content message's tab, frame and URL are the
 * `sender`'s, and its times are the background's receipt, or bounded by it and by the frame's
 * start: the page reports none of them.
 *
 * @example browser.runtime.onMessage.addListener((m, sender) => dispatch(m, sender, { id: browser.runtime.id, origin: browser.runtime.getURL('') }));
 */
import type browser from 'webextension-polyfill';
import { asContentMessage, isContentType, knownType, type ContentMessage, type ExtensionMessage, type PopupMessage } from '../message-types.ts';
import { auditTab, observationsOf, reportOf } from './audit.ts';
import { answerAutoconsent } from './autoconsent-host.ts';
import * as frames from './frames.ts';
import { auditFromScratch } from './scratch.ts';
import * as store from './store.ts';
import { boundedTime, noteDropped, recordClick, recordClickResult, recordSighting, recordWrite, type TabRecord } from './tab-state.ts';

type Sender = Pick<browser.Runtime.MessageSender, 'id' | 'tab' | 'frameId' | 'url'>;

/** This extension: its id, and the origin of its own pages (`runtime.getURL('')`). */
export interface Self { id: string; origin: string }

/** Where a content message comes from, as the browser (not the page) tells it. */
interface Origin { tabId: number; frameId: number; url: string }

export async function dispatch(message: unknown, sender: Sender, self: Self): Promise<unknown> {
  if (sender.id !== self.id) throw new Error('Messages are accepted from this extension only.');
  const type = knownType(message);
  if (type === null) {
    const got = typeof message === 'object' && message !== null ? JSON.stringify((message as { type?: unknown }).type) : typeof message;
    throw new Error(`Unknown message type ${got}: expected one of the types in extension/message-types.ts.`);
  }
  const fromExtensionPage = typeof sender.url === 'string' && sender.url.startsWith(self.origin);
  if (isContentType(type)) {
    if (fromExtensionPage) throw new Error(`\`${type}\` comes from content scripts, not from an extension page.`);
    const tabId = sender.tab?.id;
    if (tabId === undefined || tabId < 0 || typeof sender.url !== 'string') throw new Error(`\`${type}\` comes from content scripts, which run in a tab.`);
    const msg = asContentMessage(message);
    if (!msg) throw new Error(`Malformed \`${type}\` message: expected the fields extension/message-types.ts declares.`);
    await store.ready;
    return onContent(msg, { tabId, frameId: sender.frameId ?? 0, url: sender.url });
  }
  // Only the popup (an extension page) may ask for reports or clear a site: a content script runs
  // inside the audited page, which must reach neither another tab's audit nor its cookies.
  if (!fromExtensionPage) throw new Error(`\`${type}\` is accepted from the extension's own pages only, not from a content script.`);
  const msg = message as PopupMessage;
  switch (msg.type) {
    case 'get-report': return auditTab(requireTab(msg.tabId));
    case 'get-report-document': return reportOf(requireTab(msg.tabId));
    case 'get-observations': return observationsOf(requireTab(msg.tabId));
    case 'audit-from-scratch': return auditFromScratch(requireTab(msg.tabId));
  }
}

function requireTab(tabId: unknown): number {
  if (typeof tabId !== 'number' || !Number.isInteger(tabId) || tabId < 0) {
    throw new Error(`Expected \`tabId\` to be a tab id (a whole number from 0 up), got \`${JSON.stringify(tabId)}\`.`);
  }
  return tabId;
}

async function onContent(msg: ContentMessage, from: Origin): Promise<unknown> {
  const { tabId, frameId, url } = from;
  const receivedMs = Date.now();
  const now = new Date(receivedMs).toISOString();
  const bounded = (tab: TabRecord, time: string): string => boundedTime(time, receivedMs, frames.committedAt(tabId, frameId), tab.startedAt);
  switch (msg.type) {
    case 'autoconsent':
      return answerAutoconsent(msg.message, tabId, frameId, url);
    case 'banner-seen':
      store.update(tabId, (t) => recordSighting(t, { ...msg.sighting, frameUrl: url, isTop: frameId === 0 }));
      return null;
    case 'banner-click':
      // A trusted click the content script saw itself is timed by its own (isolated-world) clock; an
      // early one by the hook's: both bounded.
      store.update(tabId, (t) => recordClick(t, msg.choice, bounded(t, msg.time), msg.steps));
      return null;
    case 'banner-click-result':
      // The click's end, bounded like its start (recordClickResult keeps it from coming before the click).
      store.update(tabId, (t) => recordClickResult(t, msg.worked, msg.endedAt === undefined ? undefined : bounded(t, msg.endedAt)));
      return null;
    case 'script-cookies-dropped':
      store.update(tabId, (t) => noteDropped(t, 'scriptWrites', msg.count));
      return null;
    case 'script-cookie': {
      store.update(tabId, (t) => {
        const time = msg.time === null ? now : bounded(t, msg.time);
        return recordWrite(t, msg.cookie, url, { origin: 'script', setterUrl: msg.setterUrl, frameUrl: url, time: new Date(time) });
      });
      return null;
    }
  }
}
