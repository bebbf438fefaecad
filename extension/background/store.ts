/**
 * The background's only state: one TabRecord per tab, in memory and mirrored to storage.session
 * (where the browser has it) so a restarted service worker picks up where it was.
 *
 * @example
 *   await store.ready;
 *   store.update(tabId, (tab) => recordCookie(tab, cookie));
 */
import browser from 'webextension-polyfill';
import type { TabRecord } from './tab-state.ts';

const KEY_PREFIX = 'tab:';
// One storage write per tab per burst of events (a page load is hundreds of events), not one each.
const PERSIST_DELAY_MS = 1000;

type Listener = (tabId: number, tab: TabRecord | undefined) => void;

const tabs = new Map<number, TabRecord>();
const pendingWrites = new Map<number, ReturnType<typeof setTimeout>>();
const listeners: Listener[] = [];

function session(): browser.Storage.StorageArea | null {
  return (browser.storage as { session?: browser.Storage.StorageArea }).session ?? null;
}

async function load(): Promise<void> {
  const area = session();
  if (!area) return;
  try {
    const all = await area.get(null);
    for (const [key, value] of Object.entries(all)) {
      const id = Number(key.slice(KEY_PREFIX.length));
      // A record written before the restart loses to one this worker already started.
      if (key.startsWith(KEY_PREFIX) && Number.isInteger(id) && !tabs.has(id)) tabs.set(id, value as TabRecord);
    }
  } catch {
    // storage.session unavailable (old browser): memory only.
  }
}

/** Resolves once the records of a previous service-worker life are back. */
export const ready: Promise<void> = load();

export function get(tabId: number): TabRecord | undefined {
  return tabs.get(tabId);
}

export function ids(): number[] {
  return [...tabs.keys()];
}

/** Replaces (or, with undefined, forgets) a tab's record and tells the listeners. */
export function set(tabId: number, tab: TabRecord | undefined): void {
  if (tab === undefined) tabs.delete(tabId);
  else tabs.set(tabId, tab);
  schedulePersist(tabId);
  for (const l of listeners) l(tabId, tab);
}

/** Applies a pure transition to a tab's record, when the tab has one. */
export function update(tabId: number, change: (tab: TabRecord) => TabRecord): void {
  const tab = tabs.get(tabId);
  if (!tab) return;
  const next = change(tab);
  if (next !== tab) set(tabId, next);
}

export function onChange(listener: Listener): void {
  listeners.push(listener);
}

function schedulePersist(tabId: number): void {
  const area = session();
  if (!area) return;
  clearTimeout(pendingWrites.get(tabId));
  pendingWrites.set(tabId, setTimeout(() => {
    pendingWrites.delete(tabId);
    const tab = tabs.get(tabId);
    const key = `${KEY_PREFIX}${tabId}`;
    (tab ? area.set({ [key]: tab }) : area.remove(key)).catch(() => { /* quota: memory still holds it */ });
  }, PERSIST_DELAY_MS));
}
