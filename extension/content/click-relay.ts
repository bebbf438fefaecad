/**
 * The person's clicks, caught from document_start by early.ts and handed to content.ts, which
 * arrives only after the frame's `load` (so banner detection never delays the page): clicks made
 * before it arrives are kept and passed on when it takes over. Both scripts share the extension's
 * isolated world in the frame, so the hand-over is a property of that world's global object.
 *
 * @example takeClicks((click) => classify(click.path[0])); // in content.ts
 */
export interface CaughtClick {
  /** The click's composed path, elements only, innermost first. */
  path: Element[];
  /** When it happened (ISO 8601): the phase boundary. */
  time: string;
}

type Handler = (click: CaughtClick) => void;
interface Relay { take(handler: Handler): void }

const KEY = '__cookieAuditClicks';
const world = globalThis as unknown as Record<string, Relay | undefined>;

/** Starts catching trusted clicks (capture phase on window: before the page's own handlers). */
export function catchClicks(): void {
  if (world[KEY]) return;
  const pending: CaughtClick[] = [];
  let handler: Handler | null = null;
  world[KEY] = {
    take(h) {
      handler = h;
      for (const click of pending.splice(0)) h(click);
    },
  };
  window.addEventListener('click', (event) => {
    if (!event.isTrusted) return; // a page script's synthetic click is not the person's choice
    const click = { path: event.composedPath().filter((n): n is Element => n instanceof Element), time: new Date().toISOString() };
    if (handler) handler(click);
    else pending.push(click);
  }, true);
}

/** Receives every click caught so far and every later one; false when early.ts did not run here. */
export function takeClicks(handler: Handler): boolean {
  const relay = world[KEY];
  if (!relay) return false;
  relay.take(handler);
  return true;
}
