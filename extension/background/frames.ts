/**
 * The URL of each frame of each tab, learnt from main_frame/sub_frame requests, so a request or
 * cookie can name the frame it came from (Chrome's webRequest gives only a frame id); and when each
 * frame's document was committed (webNavigation.onCommitted), the earliest a time reported from
 * inside it can be. Capped per tab (a page making frames in a loop). Memory only: after a
 * service-worker restart, unknown frames read as null.
 *
 * @example frames.set(tabId, 0, 'https://a.test/'); frames.url(tabId, 0) // 'https://a.test/'
 */
import { CAPS } from '../../src/caps.ts';

interface FrameInfo { url: string | null; committedAt: number | null }

const byTab = new Map<number, Map<number, FrameInfo>>();

function frameOf(tabId: number, frameId: number): FrameInfo | null {
  let m = byTab.get(tabId);
  if (!m) byTab.set(tabId, (m = new Map()));
  let f = m.get(frameId);
  if (!f) {
    if (m.size >= CAPS.extension.frames) return null;
    m.set(frameId, (f = { url: null, committedAt: null }));
  }
  return f;
}

/** Notes a frame's URL; false when the frame is new and the tab has CAPS.extension.frames already (not kept). */
export function set(tabId: number, frameId: number, url: string): boolean {
  const f = frameOf(tabId, frameId);
  if (f) f.url = url;
  return f !== null;
}

/** The frame's document was committed at `time` (ms since 1970). */
export function committed(tabId: number, frameId: number, time: number): void {
  const f = frameOf(tabId, frameId);
  if (f) f.committedAt = time;
}

export function url(tabId: number, frameId: number | undefined): string | null {
  if (frameId === undefined) return null;
  return byTab.get(tabId)?.get(frameId)?.url ?? null;
}

/** When the frame's current document was committed (ms since 1970), or null when unknown. */
export function committedAt(tabId: number, frameId: number): number | null {
  return byTab.get(tabId)?.get(frameId)?.committedAt ?? null;
}

/** Origins (scheme://host:port) of the tab's frames, the removed ones included, in the order first seen. */
export function origins(tabId: number): string[] {
  const out = new Set<string>();
  for (const f of byTab.get(tabId)?.values() ?? []) {
    try { if (f.url) out.add(new URL(f.url).origin); } catch { /* not a URL */ }
  }
  return [...out].filter((o) => o.startsWith('http'));
}

/** Host names of the tab's frames (to attribute a cookie the jar reports without a tab). */
export function hosts(tabId: number): string[] {
  return [...new Set(origins(tabId).map((o) => new URL(o).hostname))];
}

/** A new top-level document: forget the frames of the previous one. */
export function reset(tabId: number): void {
  byTab.delete(tabId);
}
