/**
 * Drives @duckduckgo/autoconsent (MPL-2.0) in every frame of a Puppeteer page, cross-origin
 * (out-of-process) iframes included, in detect-only mode: it never clicks on its own; `act()`
 * asks the frame where a consent popup was found to opt in or out.
 *
 * The page is hostile: autoconsent runs in an isolated world of each document (the page can neither
 * see it nor patch the DOM APIs it reads; its clicks still reach the page's listeners as DOM events),
 * and talks to us through a DevTools binding added to that world only. Which frame spoke is the
 * frame of the execution context the call came from, as the browser reports it; nothing in the page
 * can call the binding, so nothing in the page can claim a popup or a successful opt-out.
 * Autoconsent's `eval` snippets (rules that ask the page's own JavaScript, e.g. a CMP's API) would
 * need the main world, whose answers the page controls: they are answered `false`, so those rule
 * steps fail and the DOM steps (or our heuristic) decide. Detection does not need them.
 *
 * @example
 *   const ac = await AutoconsentDriver.attach(page);   // before page.goto
 *   await page.goto(url);
 *   const popup = await ac.waitForPopup(5000);          // { cmp: 'cookieconsent3', frame, frameUrl } | null
 *   if (popup) await ac.act('optOut', 10000);           // { cmp, result: true }
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { CDPSession, Frame, Page } from 'puppeteer-core';
import { AUTOCONSENT_DETECT_ONLY } from '../../banner/autoconsent-config.ts';
import { CAPS } from '../../src/caps.ts';

const require = createRequire(import.meta.url);

/** One declarative rule of rules.json, only the parts we filter on. */
interface RuleLike { name: string; cosmetic?: boolean; runContext?: { main?: boolean; frame?: boolean; urlPattern?: string } }

let assets: { script: string; rules: RuleLike[] } | null = null;
function loadAssets(): { script: string; rules: RuleLike[] } {
  if (!assets) {
    // The package does not export its dist/ files: find them next to its main entry (dist/autoconsent.cjs.js).
    const script = readFileSync(join(dirname(require.resolve('@duckduckgo/autoconsent')), 'autoconsent.playwright.js'), 'utf8');
    const rules = (JSON.parse(readFileSync(require.resolve('@duckduckgo/autoconsent/rules/rules.json'), 'utf8')) as { autoconsent: RuleLike[] }).autoconsent;
    assets = { script, rules };
  }
  return assets;
}

/** The rule names autoconsent ships, and whether each only hides (cosmetic) instead of clicking. */
export function autoconsentRuleNames(): Map<string, { cosmetic: boolean }> {
  return new Map(loadAssets().rules.map((r) => [r.name, { cosmetic: !!r.cosmetic }]));
}

/** The rules a frame can use, as autoconsent itself would filter them: less to ship per frame. */
function rulesFor(url: string, mainFrame: boolean): RuleLike[] {
  return loadAssets().rules.filter((r) => {
    const ctx = { main: true, frame: false, urlPattern: '', ...r.runContext };
    if (mainFrame ? !ctx.main : !ctx.frame) return false;
    if (!ctx.urlPattern) return true;
    try { return new RegExp(ctx.urlPattern).test(url); } catch { return false; }
  });
}

// Runs before autoconsent in each new document's isolated world: routes its messages to the binding.
const prelude = (binding: string): string => `(() => {
  const send = globalThis[${JSON.stringify(binding)}];
  if (typeof send !== 'function') return;
  delete globalThis[${JSON.stringify(binding)}];
  const stringify = JSON.stringify;
  window.autoconsentSendMessage = (msg) => { try { send(stringify(msg)); } catch {} return Promise.resolve(); };
})();`;

/** What autoconsent said in one document. */
export interface AutoconsentFrameState {
  /** The document's isolated-world execution context, `<session>:<context id>`. */
  token: string;
  frame: Frame | null;
  url: string;
  mainFrame: boolean;
  lifecycle: string;
  /** Rules whose detectCmp matched. */
  detected: string[];
  /** Rule whose popup is showing, first one. */
  popup: string | null;
  /** Results of opt-in/opt-out requests, in order. */
  results: Array<{ type: 'optInResult' | 'optOutResult'; cmp: string; result: boolean }>;
  /** True once the frame loaded another document (its Frame object lives on, this state does not). */
  superseded: boolean;
}

/** A consent popup autoconsent found. */
export interface AutoconsentPopup {
  cmp: string;
  frame: Frame;
  frameUrl: string;
  mainFrame: boolean;
}

interface Message { type: string; [k: string]: unknown }
interface World { session: CDPSession; contextId: number; frameId: string; messages: number }

export class AutoconsentDriver {
  readonly states = new Map<string, AutoconsentFrameState>();
  /** When autoconsent first detected a CMP in any frame (Date.now()), or null. */
  firstDetectedAt: number | null = null;
  /** Messages left out by the caps (a document that talks too much, too many documents). */
  dropped = 0;
  #page: Page;
  #disposed = false;
  #waiters = new Set<() => void>();
  #worlds = new Map<string, World>();
  #sessions = new Set<CDPSession>();
  readonly #world = `w${randomBytes(8).toString('hex')}`;
  readonly #binding = `_${randomBytes(9).toString('hex')}`;

  private constructor(page: Page) {
    this.#page = page;
  }

  /** Installs autoconsent in every future document of the page, in an isolated world. Call before navigating. */
  static async attach(page: Page): Promise<AutoconsentDriver> {
    const driver = new AutoconsentDriver(page);
    await driver.#instrument(await page.createCDPSession(), 'page');
    return driver;
  }

  async #instrument(session: CDPSession, type: string): Promise<void> {
    const isPage = type === 'page';
    if (!isPage && type !== 'iframe') {
      // A worker: nothing to detect there; let it run.
      await session.send('Runtime.runIfWaitingForDebugger').catch(() => {});
      await session.detach().catch(() => {});
      return;
    }
    this.#sessions.add(session);
    const sid = session.id();
    session.on('Target.attachedToTarget', (e) => {
      const child = session.connection()?.session(e.sessionId);
      if (child) void this.#instrument(child, e.targetInfo.type).catch(() => {});
    });
    session.on('Runtime.executionContextCreated', (e) => {
      const aux = e.context.auxData as { frameId?: string } | undefined;
      if (e.context.name !== this.#world || !aux?.frameId) return;
      if (this.#worlds.size >= CAPS.autoconsentDocuments * 4) { this.dropped++; return; }
      this.#worlds.set(`${sid}:${e.context.id}`, { session, contextId: e.context.id, frameId: aux.frameId, messages: 0 });
    });
    session.on('Runtime.executionContextDestroyed', (e) => this.#gone(`${sid}:${e.executionContextId}`));
    session.on('Runtime.executionContextsCleared', () => {
      for (const key of [...this.#worlds.keys()]) if (key.startsWith(`${sid}:`)) this.#gone(key);
    });
    session.on('Runtime.bindingCalled', (e) => {
      if (e.name === this.#binding) void this.#onMessage(`${sid}:${e.executionContextId}`, e.payload).catch(() => {});
    });
    const { script } = loadAssets();
    await Promise.allSettled([
      // Scripts to evaluate on new documents only run in sessions with the Page domain enabled.
      session.send('Page.enable'),
      session.send('Runtime.enable'),
      session.send('Runtime.addBinding', { name: this.#binding, executionContextName: this.#world }),
      session.send('Page.addScriptToEvaluateOnNewDocument', { source: `${prelude(this.#binding)}\n${script}`, worldName: this.#world, runImmediately: true }),
      session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true }),
    ]);
    if (!isPage) await session.send('Runtime.runIfWaitingForDebugger').catch(() => {});
  }

  #gone(key: string): void {
    this.#worlds.delete(key);
    const state = this.states.get(key);
    if (state) state.superseded = true;
  }

  /** Stops answering; the page keeps the (now silent) scripts until it navigates. */
  dispose(): void {
    this.#disposed = true;
    this.#notify();
    for (const s of this.#sessions) void s.detach().catch(() => {});
    this.#sessions.clear();
  }

  /** The first consent popup found in a frame still attached, or null. */
  popup(): AutoconsentPopup | null {
    for (const s of this.states.values()) {
      if (s.popup && s.frame && !s.frame.detached && !s.superseded) return { cmp: s.popup, frame: s.frame, frameUrl: s.url, mainFrame: s.mainFrame };
    }
    return null;
  }

  /** Names of CMPs detected (present, maybe without a visible popup) in any frame. */
  detectedCmps(): string[] {
    return [...new Set([...this.states.values()].flatMap((s) => s.detected))];
  }

  /** Resolves with a popup as soon as one is found, or null after `timeoutMs`. */
  async waitForPopup(timeoutMs: number): Promise<AutoconsentPopup | null> {
    await this.#waitUntil(() => this.popup() !== null, timeoutMs);
    return this.popup();
  }

  /**
   * Asks the frame holding the popup to opt out (reject) or in (accept) and waits for its result.
   * Null when no popup was found; `result: false` when the rule failed or did not answer in time.
   */
  async act(action: 'optIn' | 'optOut', timeoutMs: number): Promise<{ cmp: string; result: boolean } | null> {
    const popup = this.popup();
    if (!popup) return null;
    const state = [...this.states.values()].find((s) => s.frame === popup.frame && s.popup === popup.cmp && !s.superseded)!;
    const before = state.results.length;
    const want = action === 'optIn' ? 'optInResult' : 'optOutResult';
    // Not awaited: the frame may navigate or reload while opting out; the result message is what counts.
    this.#send(state.token, { type: action }).catch(() => {});
    await this.#waitUntil(() => state.results.slice(before).some((r) => r.type === want), timeoutMs);
    const res = state.results.slice(before).find((r) => r.type === want);
    return { cmp: popup.cmp, result: res?.result ?? false };
  }

  async #send(key: string, msg: object): Promise<void> {
    const world = this.#worlds.get(key);
    if (!world) return;
    await world.session.send('Runtime.evaluate', {
      expression: `window.autoconsentReceiveMessage && void window.autoconsentReceiveMessage(${JSON.stringify(msg)})`,
      contextId: world.contextId,
    });
  }

  /** The frame (Puppeteer's) of a frame id, waiting briefly for Puppeteer to learn of a new one. */
  async #frameOf(frameId: string): Promise<Frame | null> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const frame = this.#page.frames().find((f) => (f as unknown as { _id: string })._id === frameId && !f.detached);
      if (frame) return frame;
      await new Promise((r) => setTimeout(r, 50));
    }
    return null;
  }

  async #onMessage(key: string, payload: string): Promise<void> {
    const world = this.#worlds.get(key);
    if (this.#disposed || !world) return;
    if (++world.messages > CAPS.autoconsentMessages) { this.dropped++; return; }
    let raw: unknown;
    try { raw = JSON.parse(payload); } catch { return; }
    if (!raw || typeof raw !== 'object') return;
    const msg = raw as Message;
    let state = this.states.get(key);
    if (!state) {
      if (this.states.size >= CAPS.autoconsentDocuments) { this.dropped++; return; }
      state = { token: key, frame: null, url: '', mainFrame: false, lifecycle: 'loading', detected: [], popup: null, results: [], superseded: false };
      this.states.set(key, state);
      const frame = await this.#frameOf(world.frameId);
      if (frame) {
        state.frame = frame;
        state.mainFrame = frame.parentFrame() === null;
        state.url = frame.url();
        for (const other of this.states.values()) if (other !== state && other.frame === frame) other.superseded = true;
      }
    }
    const frame = state.frame;
    switch (msg.type) {
      case 'init':
        if (!frame) return;
        await this.#send(key, { type: 'initResp', config: AUTOCONSENT_DETECT_ONLY, rules: { autoconsent: rulesFor(frame.url(), state.mainFrame) } }).catch(() => {});
        break;
      case 'eval':
        // The page's own JavaScript would answer: never asked (see the file's header).
        await this.#send(key, { type: 'evalResp', id: msg.id, result: false }).catch(() => {});
        break;
      case 'report': {
        const st = msg.state as { lifecycle?: unknown } | undefined;
        if (typeof st?.lifecycle === 'string') state.lifecycle = st.lifecycle.slice(0, 64);
        break;
      }
      case 'cmpDetected':
        if (typeof msg.cmp === 'string' && !state.detected.includes(msg.cmp) && state.detected.length < 20) state.detected.push(msg.cmp);
        this.firstDetectedAt ??= Date.now();
        break;
      case 'popupFound':
        if (typeof msg.cmp === 'string' && !state.popup) state.popup = msg.cmp;
        break;
      case 'optInResult':
      case 'optOutResult':
        if (state.results.length < 50) state.results.push({ type: msg.type, cmp: String(msg.cmp), result: msg.result === true });
        break;
    }
    this.#notify();
  }

  #notify(): void {
    for (const w of this.#waiters) w();
  }

  async #waitUntil(cond: () => boolean, timeoutMs: number): Promise<boolean> {
    if (cond()) return true;
    if (this.#disposed) return false;
    return new Promise<boolean>((resolve) => {
      const done = (v: boolean): void => { clearTimeout(timer); this.#waiters.delete(check); resolve(v); };
      const check = (): void => { if (cond()) done(true); else if (this.#disposed) done(false); };
      const timer = setTimeout(() => done(cond()), timeoutMs);
      this.#waiters.add(check);
    });
  }
}
