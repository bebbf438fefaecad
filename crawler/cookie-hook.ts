/**
 * The script injected into every new document of every frame: it reports each
 * `document.cookie = …` write (string, frame URL, calling script URL) to the crawler through a
 * DevTools binding, then performs the write unchanged.
 */

/** Name of the DevTools binding the hook calls. */
export const COOKIE_BINDING = '__cookieAuditCookieWrite';

/** Source of the hook, evaluated before the page's own scripts. */
export const COOKIE_HOOK_SOURCE = `(() => {
  const binding = globalThis[${JSON.stringify(COOKIE_BINDING)}];
  const desc = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  if (typeof binding !== 'function' || !desc || !desc.set || desc.set.__cookieAudit) return;
  // The first http(s) URL in the stack that is not this hook is the script that wrote the cookie.
  const callerUrl = (stack) => {
    const lines = String(stack || '').split('\\n').slice(2);
    for (const line of lines) {
      const m = /(https?:\\/\\/[^\\s)]+?)(?::\\d+){0,2}\\)?\\s*$/.exec(line);
      if (m) return m[1];
    }
    return null;
  };
  const set = function (value) {
    const text = String(value);
    const caller = callerUrl(new Error().stack);
    const result = desc.set.call(this, value);
    // What the document reads right after, so the crawler can tell whether the browser stored it.
    let after = null;
    try {
      after = String(desc.get.call(this));
      if (after.length > 16384) after = null;
    } catch {}
    try {
      binding(JSON.stringify({ c: text, u: String(location.href), s: caller, t: Date.now(), a: after }));
    } catch {}
    return result;
  };
  Object.defineProperty(set, '__cookieAudit', { value: true });
  Object.defineProperty(Document.prototype, 'cookie', {
    configurable: true, enumerable: desc.enumerable, get: desc.get, set,
  });
})();
//# sourceURL=cookie-audit-hook.js
`;
