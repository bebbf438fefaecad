/**
 * The crawler's `document.cookie` hook: the hook both collectors share (hook/cookie-hook.ts) with the
 * crawler's binding channel (hook/crawler-page.ts, which says what the page cannot do to it),
 * bundled into the script injected into every new document of every frame, under a fresh random
 * binding name and secret per phase; and the parser of its reports.
 *
 * @example
 *   const hook = cookieHook(); await session.send('Runtime.addBinding', { name: hook.binding });
 *   await session.send('Page.addScriptToEvaluateOnNewDocument', { source: hook.source, runImmediately: true });
 *   parseHookReports(hook, payload) // [{ kind: 'write', raw, caller, stored }…] | [{ kind: 'dropped', count }] | null
 */
import { randomBytes } from 'node:crypto';
import { IN_PAGE, inPageSource } from './in-page.ts';

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
  const { globalName } = IN_PAGE.cookieHook;
  return `(() => { ${inPageSource('cookieHook')}; ${globalName}.start(${JSON.stringify(binding)}, ${JSON.stringify(secret)}); })();\n`;
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
