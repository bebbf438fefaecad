/**
 * The `document.cookie` hook both collectors put in every document before its own scripts, in the
 * page's world: it wraps the setter so each write reaches `onWrite` (the string exactly as written,
 * declared Max-Age/Expires included) and is then performed unchanged. Each collector adds its own
 * channel out of the page: the extension's per-frame secret events (extension/content/page-hook.ts),
 * the crawler's DevTools binding (hook/crawler-page.ts, bundled by crawler/cookie-hook.ts).
 *
 * The page shares this world and runs after us, so:
 * - everything the hook calls once page scripts run was taken when this module was evaluated (a page
 *   may later replace `String.prototype.slice`, `Error`, `Function.prototype.toString`…);
 * - it looks native: the setter is named `set cookie` and Function.prototype.toString shows it (and
 *   itself) as `[native code]`; no global is left;
 * - a write is converted to a string once, as the browser would: a value whose toString answers
 *   differently each time cannot make us report another string than the one stored.
 *
 * @example
 *   hookCookieWrites((doc, text, stack) => keep(text, callerOf(stack)));
 */
const { apply, defineProperty: define, getOwnPropertyDescriptor: describe } = Reflect;
const { call, bind } = Function.prototype;
/** A method as a plain function of its receiver: `slice(s, 0, 3)` for `s.slice(0, 3)`, immune to later patches. */
const uncurry = <A extends unknown[], R>(f: (...args: A) => R): ((self: unknown, ...args: A) => R) =>
  apply(bind, call, [f]) as (self: unknown, ...args: A) => R;

export const toText = String;
export const indexOf = uncurry(String.prototype.indexOf as (s: string, from?: number) => number);
export const slice = uncurry(String.prototype.slice as (start?: number, end?: number) => string);
export const trim = uncurry(String.prototype.trim as () => string);
const exec = uncurry(RegExp.prototype.exec as (s: string) => RegExpExecArray | null);
const ErrorCtor = Error;
const protoStack = describe(Error.prototype, 'stack')?.get;
const nativeToString = Function.prototype.toString;
const toStringDescriptor = describe(Function.prototype, 'toString');
const Proxy_ = Proxy;
const WeakSet_ = WeakSet;
const wsHas = uncurry(WeakSet.prototype.has as (v: object) => boolean);
const wsAdd = uncurry(WeakSet.prototype.add as (v: object) => WeakSet<object>);

/**
 * The stack of the write being made, taken in the setter (parsed later, and only when reported);
 * null when the page formats stacks itself (V8's `Error.prepareStackTrace`): it could name any script.
 */
function stackNow(): string | null {
  if (describe(ErrorCtor, 'prepareStackTrace') !== undefined) return null;
  const error = new ErrorCtor();
  // V8 puts the stack on the error itself; Firefox has an accessor on Error.prototype, taken above.
  const own = describe(error, 'stack');
  const stack = own ? ('value' in own ? own.value : own.get ? apply(own.get, error, []) : null) : protoStack ? apply(protoStack, error, []) : null;
  return typeof stack === 'string' ? stack : null;
}

const URL_AT_END = /(https?:\/\/[^\s)]+?)(?::\d+){1,2}\)?\s*$/;

/**
 * The first web URL in the stack: the script that wrote the cookie (the hook's own frames have no
 * web URL: an extension URL, or none for a script the crawler injected). Null when none has one.
 */
export function callerOf(stack: string | null): string | null {
  if (stack === null) return null;
  let start = 0;
  while (start <= stack.length) {
    let end = indexOf(stack, '\n', start);
    if (end < 0) end = stack.length;
    const m = exec(URL_AT_END, slice(stack, start, end));
    if (m) return m[1] ?? null;
    start = end + 1;
  }
  return null;
}

/** The cookie's name in a `document.cookie` write ('' for a nameless one). */
export function nameOf(text: string): string {
  const semi = indexOf(text, ';');
  const pair = semi < 0 ? text : slice(text, 0, semi);
  const eq = indexOf(pair, '=');
  return eq < 0 ? '' : trim(slice(pair, 0, eq));
}

/**
 * Wraps the `document.cookie` setter of this realm: after each write the browser performed,
 * `onWrite(document written to, string written, stack)` (see `callerOf`). An exception in `onWrite`
 * never breaks the page's own write. False when this realm has no cookie accessor to wrap.
 */
export function hookCookieWrites(onWrite: (doc: Document, text: string, stack: string | null) => void): boolean {
  const desc = describe(Document.prototype, 'cookie');
  if (!desc?.set || !desc.get) return false;
  const nativeSet = desc.set;
  const set = describe({
    set cookie(value: unknown) {
      const text = typeof value === 'symbol' ? (value as unknown as string) : toText(value);
      const stack = stackNow();
      apply(nativeSet, this, [text]);
      try {
        onWrite(this as unknown as Document, text, stack);
      } catch {
        // Never break the page's own cookie write.
      }
    },
  }, 'cookie')!.set!;
  const masked = new WeakSet_<object>();
  wsAdd(masked, set);
  const toStringProxy = new Proxy_(nativeToString, {
    apply(target, self, args) {
      if (typeof self === 'function' && wsHas(masked, self)) return `function ${self === set ? 'set cookie' : 'toString'}() { [native code] }`;
      return apply(target, self, args);
    },
  });
  wsAdd(masked, toStringProxy);
  if (toStringDescriptor) define(Function.prototype, 'toString', { ...toStringDescriptor, value: toStringProxy });
  define(Document.prototype, 'cookie', { configurable: true, enumerable: desc.enumerable, get: desc.get, set });
  return true;
}
