/**
 * The script injected into every new document of every frame: it reports each
 * `document.cookie = …` write (the string, the calling script's URL, and whether the browser
 * stored it) to the crawler through a DevTools binding, then performs the write unchanged.
 *
 * The page is hostile, so the hook:
 * - takes the binding into its closure and deletes the global before any page script runs, under a
 *   random name per phase (a document the hook did not run in can still reach it there, hence:)
 * - prefixes each report with a per-phase secret the page never sees, so a call from anywhere else
 *   is ignored;
 * - uses only built-ins it captured before the page ran (a page may patch String.prototype,
 *   JSON, Error…);
 * - sends no URL and no time: the crawler takes the frame's URL from the execution context the call
 *   came from, and the time of receipt;
 * - looks native: the setter is named `set cookie`, has no prototype, and
 *   Function.prototype.toString shows it (and itself) as `[native code]`; no global is left.
 * - stops reporting after CAPS.scriptWritesPerDocument writes and only counts them (a flood),
 *   except writes to a cookie name not seen yet in the document (CAPS.newCookiesPerDocument more);
 * - reads document.cookie back and calls the binding once per task, not per write (see `flush`).
 *
 * Report format (strings only, length-prefixed, so no page-patchable serialiser is involved):
 *   <secret>(W<len>:<cookie string><len>:<caller URL or ''><stored: 1 | 0 | x unknown>)+   the writes of one task
 *   <secret>D<count>   writes not reported so far in this document (sent at 1, 2, 4, 8…)
 *
 * @example
 *   const hook = cookieHook(); await session.send('Runtime.addBinding', { name: hook.binding });
 *   await session.send('Page.addScriptToEvaluateOnNewDocument', { source: hook.source, runImmediately: true });
 *   parseHookReports(hook, payload) // [{ kind: 'write', raw, caller, stored }…] | [{ kind: 'dropped', count }] | null
 */
import { randomBytes } from 'node:crypto';
import { CAPS } from '../src/caps.ts';

export interface CookieHook {
  /** The binding's name: random, and deleted from the page's global object by the hook. */
  binding: string;
  /** The secret every genuine report starts with. */
  secret: string;
  /** The hook's source, evaluated before the page's own scripts. */
  source: string;
}

export type HookReport =
  /** `stored`: whether document.cookie showed the write right after its task (null: unknown, or superseded by a later write of the same name). */
  | { kind: 'write'; raw: string; caller: string | null; stored: boolean | null }
  | { kind: 'dropped'; count: number };

/** A fresh hook (binding name and secret) for one phase. */
export function cookieHook(): CookieHook {
  // A letter first: a valid identifier that reads like any minified global, nothing to search for.
  const binding = `_${randomBytes(9).toString('hex')}`;
  const secret = randomBytes(18).toString('base64url');
  return { binding, secret, source: hookSource(binding, secret) };
}

function hookSource(binding: string, secret: string): string {
  return `(() => {
  const g = globalThis;
  const send = g[${JSON.stringify(binding)}];
  if (typeof send !== 'function') return;
  try { delete g[${JSON.stringify(binding)}]; } catch {}
  const getDesc = Object.getOwnPropertyDescriptor;
  const defineProperty = Object.defineProperty;
  const desc = getDesc(Document.prototype, 'cookie');
  if (!desc || !desc.set || !desc.get) return;
  const { call, bind } = Function.prototype;
  const uncurry = (f) => bind.call(call, f);
  const nativeToString = Function.prototype.toString;
  const fnToString = uncurry(nativeToString);
  const setCookie = uncurry(desc.set);
  const getCookie = uncurry(desc.get);
  const indexOf = uncurry(String.prototype.indexOf);
  const slice = uncurry(String.prototype.slice);
  const trim = uncurry(String.prototype.trim);
  const exec = uncurry(RegExp.prototype.exec);
  const toStr = String;
  const ErrorCtor = Error;
  const Reflect_apply = Reflect.apply;
  const WeakSet_ = WeakSet;
  const wsHas = uncurry(WeakSet.prototype.has);
  const wsAdd = uncurry(WeakSet.prototype.add);
  const SECRET = ${JSON.stringify(secret)};
  const MAX = ${CAPS.scriptWritesPerDocument};
  const MAX_NEW = ${CAPS.newCookiesPerDocument};
  const MAX_CHARS = ${CAPS.cookieChars};
  let sent = 0;
  let dropped = 0;
  const field = (s) => s.length + ':' + s;
  const CALLER = /(https?:\\/\\/[^\\s)]+?)(?::\\d+){0,2}\\)?\\s*$/;
  // The first http(s) URL in the stack below this hook is the script that wrote the cookie.
  const callerUrl = (stack) => {
    if (typeof stack !== 'string') return '';
    let start = indexOf(stack, '\\n');
    start = start < 0 ? -1 : indexOf(stack, '\\n', start + 1);
    while (start >= 0) {
      const end = indexOf(stack, '\\n', start + 1);
      const line = end < 0 ? slice(stack, start + 1) : slice(stack, start + 1, end);
      CALLER.lastIndex = 0;
      const m = exec(CALLER, line);
      if (m) return m[1];
      start = end;
    }
    return '';
  };
  // Writes are checked once per task, not once per write: reading document.cookie waits for the
  // browser to store the write (milliseconds each), and a page must not run slower under audit.
  // A write followed by another of the same name in the same batch was superseded, not refused.
  const Map_ = Map;
  const mapSet = uncurry(Map.prototype.set);
  const mapGet = uncurry(Map.prototype.get);
  const mapSize = uncurry(getDesc(Map.prototype, 'size').get);
  const later = queueMicrotask;
  let batch = null;
  let batchSize = 0;
  const nameOf = (text) => {
    const semi = indexOf(text, ';');
    const pair = semi < 0 ? text : slice(text, 0, semi);
    const eq = indexOf(pair, '=');
    return eq < 0 ? '' : trim(slice(pair, 0, eq));
  };
  // Whether document.cookie holds the write's name=value as one of its entries.
  const entryOf = (text) => {
    const semi = indexOf(text, ';');
    const pair = semi < 0 ? text : slice(text, 0, semi);
    const eq = indexOf(pair, '=');
    return eq < 0 ? trim(pair) : trim(slice(pair, 0, eq)) + '=' + trim(slice(pair, eq + 1));
  };
  const holds = (all, entry) => {
    let at = 0;
    while (at <= all.length) {
      let end = indexOf(all, '; ', at);
      if (end < 0) end = all.length;
      if (slice(all, at, end) === entry) return true;
      at = end + 2;
    }
    return false;
  };
  // One binding call per task (each call costs the page milliseconds), in chunks of about 1 MB.
  const flush = () => {
    const items = batch;
    const size = batchSize;
    batch = null;
    batchSize = 0;
    const jars = new Map_();
    let out = '';
    for (let i = 0; i < size; i++) {
      const item = mapGet(items, i);
      let superseded = false;
      for (let j = i + 1; j < size && !superseded; j++) {
        const other = mapGet(items, j);
        superseded = other.doc === item.doc && other.name === item.name;
      }
      let stored = 'x';
      if (!superseded) {
        let all = mapGet(jars, item.doc);
        if (all === undefined) {
          all = null;
          try { all = toStr(getCookie(item.doc)); } catch {}
          mapSet(jars, item.doc, all);
        }
        if (all !== null) stored = holds(all, entryOf(item.text)) ? '1' : '0';
      }
      const written = item.text.length > MAX_CHARS ? slice(item.text, 0, MAX_CHARS) : item.text;
      out = out + 'W' + field(written) + field(callerUrl(item.stack)) + stored;
      if (out.length > 1048576) { try { send(SECRET + out); } catch {} out = ''; }
    }
    if (out !== '') { try { send(SECRET + out); } catch {} }
  };
  // Past MAX writes, only a cookie name not seen yet in this document is still reported (up to
  // MAX_NEW more): a flood of one cookie must not hide a tracker cookie written during it.
  const seenNames = new Map_();
  let newNames = 0;
  const report = (doc, text, stack) => {
    const name = nameOf(text);
    const known = mapGet(seenNames, name) === true;
    if (sent >= MAX && (known || newNames >= MAX_NEW)) {
      dropped++;
      if ((dropped & (dropped - 1)) === 0) { try { send(SECRET + 'D' + dropped); } catch {} }
      return;
    }
    if (sent >= MAX) newNames++;
    else sent++;
    if (!known && mapSize(seenNames) < MAX + MAX_NEW) mapSet(seenNames, name, true);
    if (batch === null) {
      batch = new Map_();
      try { later(flush); } catch {}
    }
    mapSet(batch, batchSize++, { doc, text, stack, name });
  };
  const set = getDesc({
    set cookie(value) {
      // Converted once, as the browser would: a value whose toString changes cannot make us report another string.
      const text = typeof value === 'symbol' ? value : toStr(value);
      let stack;
      try { stack = new ErrorCtor().stack; } catch {}
      setCookie(this, text);
      report(this, text, stack);
    },
  }, 'cookie').set;
  const masked = new WeakSet_();
  wsAdd(masked, set);
  const toStringProxy = new Proxy(nativeToString, {
    apply(target, self, args) {
      if (wsHas(masked, self)) return 'function ' + (self === set ? 'set cookie' : 'toString') + '() { [native code] }';
      return Reflect_apply(target, self, args);
    },
  });
  wsAdd(masked, toStringProxy);
  defineProperty(Function.prototype, 'toString', { ...getDesc(Function.prototype, 'toString'), value: toStringProxy });
  defineProperty(Document.prototype, 'cookie', { configurable: true, enumerable: desc.enumerable, get: desc.get, set });
})();
`;
}

/** Parses one binding payload; null when it is not a genuine report of this hook. */
export function parseHookReports(hook: Pick<CookieHook, 'secret'>, payload: string): HookReport[] | null {
  if (typeof payload !== 'string' || !payload.startsWith(hook.secret)) return null;
  let at = hook.secret.length;
  if (payload[at] === 'D') {
    const count = Number(payload.slice(at + 1));
    return Number.isSafeInteger(count) && count > 0 ? [{ kind: 'dropped', count }] : null;
  }
  const read = (): string | null => {
    const colon = payload.indexOf(':', at);
    if (colon < 0) return null;
    const len = Number(payload.slice(at, colon));
    if (!Number.isSafeInteger(len) || len < 0 || colon + 1 + len > payload.length) return null;
    at = colon + 1 + len;
    return payload.slice(colon + 1, at);
  };
  const out: HookReport[] = [];
  while (at < payload.length) {
    if (payload[at++] !== 'W') return null;
    const raw = read();
    const caller = read();
    const flag = payload[at++];
    if (raw === null || caller === null || (flag !== '1' && flag !== '0' && flag !== 'x')) return null;
    out.push({ kind: 'write', raw, caller: caller === '' ? null : caller, stored: flag === 'x' ? null : flag === '1' });
  }
  return out.length ? out : null;
}
