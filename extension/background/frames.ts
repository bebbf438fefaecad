/**
 * The URL of each frame of each tab, learnt from main_frame/sub_frame requests, so a request or
 * cookie can name the frame it came from (Chrome's webRequest gives only a frame id).
 * Memory only: after a service-worker restart, unknown frames read as null.
 *
 * @example frames.set(tabId, 0, 'https://a.test/'); frames.url(tabId, 0) // 'https://a.test/'
 */
const byTab = new Map<number, Map<number, string>>();

export function set(tabId: number, frameId: number, url: string): void {
  let m = byTab.get(tabId);
  if (!m) byTab.set(tabId, (m = new Map()));
  m.set(frameId, url);
}

export function url(tabId: number, frameId: number | undefined): string | null {
  if (frameId === undefined) return null;
  return byTab.get(tabId)?.get(frameId) ?? null;
}

/** Host names of the tab's frames (to attribute a cookie the jar reports without a tab). */
export function hosts(tabId: number): string[] {
  const out = new Set<string>();
  for (const u of byTab.get(tabId)?.values() ?? []) {
    try { out.add(new URL(u).hostname); } catch { /* about:blank and the like */ }
  }
  return [...out];
}

/** A new top-level document: forget the frames of the previous one. */
export function reset(tabId: number): void {
  byTab.delete(tabId);
}
