/**
 * The crawler's half of the cookie hook (hook/cookie-hook.ts) in the page: reports each write to the
 * crawler through a DevTools binding. Bundled into one script by crawler/hook-binding.ts, which calls
 * `start(binding, secret)` before any page script, and parses the reports. The page is hostile, so:
 * - the binding is taken into this closure and its global deleted before any page script runs,
 *   under a random name per phase (a document the hook did not run in can still reach it there, hence:)
 * - each report starts with a per-phase secret the page never sees, so a call from anywhere else is
 *   ignored;
 * - it sends no URL and no time: the crawler takes the frame's URL from the execution context the
 *   call came from, and the time of receipt;
 * - past CAPS.scriptWritesPerDocument writes it only counts them (a flood), except writes to a
 *   cookie name not seen yet in the document (CAPS.newCookiesPerDocument more);
 * - it reads document.cookie back and calls the binding once per task, not per write (see `flush`);
 * - it reads back only while few writes await storage (CAPS.readBackChars): a read waits until the
 *   browser has stored every pending write, about a millisecond per 4 KB cookie, so after a flood
 *   it would stall the page for seconds to minutes (its load came 20 s late). The page runs as
 *   for a visitor; those writes' `stored` is unknown and the crawler judges them by the jar.
 *
 * Report format (strings only, length-prefixed, so no page-patchable serialiser is involved):
 *   <secret>(W<len>:<cookie string><len>:<caller URL or ''><stored: 1 | 0 | x unknown>)+   the writes of one task
 *   <secret>D<count>   writes not reported so far in this document (sent at 1, 2 … 16, then every eighth more)
 */
import { CAPS } from '../src/caps.ts';
import { callerOf, hookCookieWrites, indexOf, nameOf, slice, toText, trim } from './cookie-hook.ts';

const { apply, getOwnPropertyDescriptor: describe } = Reflect;
const Map_ = Map;
const mapSet = Map.prototype.set;
const mapGet = Map.prototype.get;
const mapSize = describe(Map.prototype, 'size')!.get!;
const later = queueMicrotask;
const cookieGetter = describe(Document.prototype, 'cookie')?.get;

interface Pending { doc: Document; text: string; stack: string | null; name: string }

export function start(binding: string, secret: string): void {
  const g = globalThis as unknown as Record<string, unknown>;
  const binder = g[binding];
  if (typeof binder !== 'function') return;
  try { delete g[binding]; } catch { /* a binding we cannot delete still answers only to the secret */ }
  const send = (text: string): void => { try { apply(binder, undefined, [secret + text]); } catch { /* the page never sees our failures */ } };
  const MAX = CAPS.scriptWritesPerDocument;
  const MAX_NEW = CAPS.newCookiesPerDocument;
  const MAX_CHARS = CAPS.cookieChars;
  const READ_BACK = CAPS.readBackChars;
  // What writes since the last read-back weigh (characters, 256 more a write): what a read would wait for.
  let unread = 0;
  const field = (s: string): string => s.length + ':' + s;

  // Whether document.cookie holds the write's name=value as one of its entries.
  const entryOf = (text: string): string => {
    const semi = indexOf(text, ';');
    const pair = semi < 0 ? text : slice(text, 0, semi);
    const eq = indexOf(pair, '=');
    return eq < 0 ? trim(pair) : trim(slice(pair, 0, eq)) + '=' + trim(slice(pair, eq + 1));
  };
  const holds = (all: string, entry: string): boolean => {
    let at = 0;
    while (at <= all.length) {
      let end = indexOf(all, '; ', at);
      if (end < 0) end = all.length;
      if (slice(all, at, end) === entry) return true;
      at = end + 2;
    }
    return false;
  };

  // Writes are checked once per task, not once per write: reading document.cookie waits for the
  // browser to store the write (milliseconds each), and a page must not run slower under audit.
  // A write followed by another of the same name in the same batch was superseded, not refused.
  let batch: Map<number, Pending> | null = null;
  let batchSize = 0;
  // One binding call per task (each call costs the page milliseconds), in chunks of about 1 MB.
  const flush = (): void => {
    const items = batch!;
    const size = batchSize;
    batch = null;
    batchSize = 0;
    const jars = new Map_<Document, string | null>();
    // Once skipped, never again in this document: the unread writes may still be pending.
    const check = unread <= READ_BACK;
    if (check) unread = 0;
    let out = '';
    for (let i = 0; i < size; i++) {
      const item = apply(mapGet, items, [i]) as Pending;
      let superseded = !check;
      for (let j = i + 1; j < size && !superseded; j++) {
        const other = apply(mapGet, items, [j]) as Pending;
        superseded = other.doc === item.doc && other.name === item.name;
      }
      let stored = 'x';
      if (check && !superseded && cookieGetter) {
        let all = apply(mapGet, jars, [item.doc]) as string | null | undefined;
        if (all === undefined) {
          all = null;
          try { all = toText(apply(cookieGetter, item.doc, [])); } catch { /* a document gone: unknown */ }
          apply(mapSet, jars, [item.doc, all]);
        }
        if (all !== null) stored = holds(all, entryOf(item.text)) ? '1' : '0';
      }
      const written = item.text.length > MAX_CHARS ? slice(item.text, 0, MAX_CHARS) : item.text;
      out = out + 'W' + field(written) + field(callerOf(item.stack) ?? '') + stored;
      if (out.length > 1048576) { send(out); out = ''; }
    }
    if (out !== '') send(out);
  };

  // Past MAX writes, only a cookie name not seen yet in this document is still reported (up to
  // MAX_NEW more): a flood of one cookie must not hide a tracker cookie written during it.
  const seenNames = new Map_<string, true>();
  let sent = 0;
  let dropped = 0;
  let nextDropped = 1;
  let newNames = 0;
  hookCookieWrites((doc, text, stack) => {
    unread += text.length + 256;
    const name = nameOf(text);
    const known = apply(mapGet, seenNames, [name]) === true;
    if (sent >= MAX && (known || newNames >= MAX_NEW)) {
      dropped++;
      // Within an eighth of the truth, in about 8 calls per doubling (some 140 for a million writes).
      if (dropped >= nextDropped) {
        nextDropped = dropped + (dropped >> 3 || 1);
        send('D' + dropped);
      }
      return;
    }
    if (sent >= MAX) newNames++;
    else sent++;
    if (!known && (apply(mapSize, seenNames, []) as number) < MAX + MAX_NEW) apply(mapSet, seenNames, [name, true]);
    if (batch === null) {
      batch = new Map_();
      try { later(flush); } catch { /* no microtask queue: the writes stay unreported */ }
    }
    apply(mapSet, batch, [batchSize++, { doc, text, stack, name }]);
  });
}
