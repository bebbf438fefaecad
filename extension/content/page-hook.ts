/**
 * The extension's only document_start script, in the page's own world (an isolated world there
 * would cost every frame a JavaScript context before the page can parse). Before any page script
 * it hooks `document.cookie` (hook/cookie-hook.ts, the crawler's hook too) so each write is kept
 * exactly as written (declared Max-Age/Expires included), and it notes the person's clicks. The isolated content script
 * (content.ts) arrives after the frame's `load`; it connects with a per-frame secret (page-event.ts),
 * receives what was kept and from then on every write as it happens, and catches clicks itself.
 * It changes nothing else.
 *
 * The page shares this world, so everything the hook calls after the page's scripts have started
 * was taken at document_start (the page may replace `Date.now`, `JSON.stringify`, `dispatchEvent`,
 * `Array.prototype.push`… later: the hook never calls what the page can reach). What it kept stays
 * kept: a connect the page forges gets a copy of what the page already knows, never the data.
 */
import { callerOf, hookCookieWrites } from '../../hook/cookie-hook.ts';
import { CAPS } from '../../src/caps.ts';
import { CONNECT_EVENT, clickEventOf, cookieEventOf, droppedEventOf, SECRET_PATTERN } from './page-event.ts';

const { apply, defineProperty: define, getOwnPropertyDescriptor: describe } = Reflect;
const dateNow = Date.now;
const stringify = JSON.stringify;
const exec = RegExp.prototype.exec;
const Custom = CustomEvent;
const Mouse = MouseEvent;
const dispatch = EventTarget.prototype.dispatchEvent;
const listen = EventTarget.prototype.addEventListener;
const stopHere = Event.prototype.stopImmediatePropagation;
const pathOf = Event.prototype.composedPath;
const detailOf = describe(CustomEvent.prototype, 'detail')?.get;
const connectedOf = describe(Node.prototype, 'isConnected')?.get;
const ownDocument = document;
const ownWindow = window;
/** clickEpoch() (page-event.ts) taken now: the page may replace `performance.timeOrigin` later. */
const epoch = Math.floor(performance.timeOrigin);

/** Caps: a page writing cookies in a loop must not make the hook (or the page) hold them all. */
const MAX_KEPT_WRITES = CAPS.extension.keptWrites;
const MAX_KEPT_CLICKS = CAPS.extension.keptClicks;

interface KeptWrite { cookie: string; setterUrl: string | null; ms: number }
interface KeptClick { target: EventTarget; ms: number }
/** Own-index arrays (never `push`: the page may put setters on Array.prototype). */
const writes: KeptWrite[] = [];
const clicks: KeptClick[] = [];
const secrets: string[] = [];
/** Every write of this document so far (the kept ones are the first MAX_KEPT_WRITES). */
let written = 0;

function keep<T>(list: T[], item: T): void {
  define(list, list.length, { value: item, writable: true, enumerable: true, configurable: true });
}

function send(secret: string, write: KeptWrite, kept: boolean): void {
  const detail = `[${stringify(write.cookie)},${write.setterUrl === null ? 'null' : stringify(write.setterUrl)},${write.ms},${kept ? 1 : 0}]`;
  apply(dispatch, ownWindow, [new Custom(cookieEventOf(secret), { __proto__: null, detail } as CustomEventInit)]);
}

hookCookieWrites((doc, text, stack) => {
  if (doc !== ownDocument) return; // another frame's document: that frame's own hook reports it
  written++;
  const write: KeptWrite = { cookie: text, setterUrl: callerOf(stack), ms: dateNow() - epoch };
  if (writes.length < MAX_KEPT_WRITES) keep(writes, write);
  for (let i = 0; i < secrets.length; i++) send(secrets[i]!, write, false);
});

apply(listen, ownWindow, ['click', (event: MouseEvent) => {
  // A page script's synthetic click is not the person's choice (`isTrusted` cannot be forged).
  if (!event.isTrusted || clicks.length >= MAX_KEPT_CLICKS) return;
  const target = (apply(pathOf, event, []) as EventTarget[])[0];
  if (target) keep(clicks, { target, ms: dateNow() - epoch });
}, true]);

function replay(secret: string): void {
  for (let i = 0; i < writes.length; i++) send(secret, writes[i]!, true);
  // Past the cap, the writes before this connection are lost to it: say how many.
  const missed = written - writes.length;
  if (missed > 0) apply(dispatch, ownWindow, [new Custom(droppedEventOf(secret), { __proto__: null, detail: `${missed}` } as CustomEventInit)]);
  for (let i = 0; i < clicks.length; i++) {
    const { target, ms } = clicks[i]!;
    const attached = connectedOf ? apply(connectedOf, target, []) === true : false;
    const init = { __proto__: null, detail: ms, bubbles: true, composed: true, relatedTarget: attached ? null : target } as MouseEventInit;
    apply(dispatch, attached ? target : ownDocument, [new Mouse(clickEventOf(secret), init)]);
  }
}

// Registered before any page script: the first listener of `window`, so the connect stops here
// and no page listener learns the secret.
apply(listen, ownWindow, [CONNECT_EVENT, (event: Event) => {
  apply(stopHere, event, []);
  let secret: unknown;
  try { secret = detailOf ? apply(detailOf, event, []) : null; } catch { return; }
  if (typeof secret !== 'string' || apply(exec, SECRET_PATTERN, [secret]) === null) return;
  // No cap on connections: one the page forges must never keep out the content script's (a page
  // that connects in a loop only slows itself down).
  for (let i = 0; i < secrets.length; i++) if (secrets[i] === secret) return;
  keep(secrets, secret);
  replay(secret);
}, true]);
