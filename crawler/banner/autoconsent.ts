/**
 * Drives @duckduckgo/autoconsent (MPL-2.0) in every frame of a Puppeteer page, cross-origin
 * (out-of-process) iframes included, in detect-only mode: it never clicks on its own; `act()`
 * asks the frame where a consent popup was found to opt in or out.
 *
 * Channel: one exposed function (Puppeteer installs it, and our preload scripts, in every frame and
 * every auto-attached iframe target) carries `(frameToken, message)`; the token, drawn per document
 * by our prelude, tells which frame spoke, and we answer by evaluating in that frame.
 *
 * @example
 *   const ac = await AutoconsentDriver.attach(page);   // before page.goto
 *   await page.goto(url);
 *   const popup = await ac.waitForPopup(5000);          // { cmp: 'cookieconsent3', frame, frameUrl } | null
 *   if (popup) await ac.act('optOut', 10000);           // { cmp, result: true }
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Frame, Page } from 'puppeteer-core';

const require = createRequire(import.meta.url);

/** One declarative rule of rules.json, only the parts we filter on. */
interface RuleLike { name: string; cosmetic?: boolean; runContext?: { main?: boolean; frame?: boolean; urlPattern?: string } }

const BINDING = '__cookieAuditAutoconsent';
const TOKEN = '__cookieAuditAutoconsentToken';

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

/**
 * Detect only: no automatic action, no pre-hiding, no cosmetic (hide-only) rules, no heuristic
 * popup handling. It runs in the page's main world, so snippets are evaluated inline.
 */
export const AUTOCONSENT_CONFIG = {
  enabled: true,
  autoAction: null,
  disabledCmps: [],
  enablePrehide: false,
  enableCosmeticRules: false,
  enableGeneratedRules: true,
  enableHeuristicDetection: false,
  enablePopupMutationObserver: false,
  heuristicMode: 'off',
  detectRetries: 20,
  isMainWorld: true,
  prehideTimeout: 2000,
  visualTest: false,
  performanceLoggingEnabled: false,
  logs: { lifecycle: false, rulesteps: false, detectionsteps: false, evals: false, errors: false, messages: false, waits: false },
} as const;

/** The rules a frame can use, as autoconsent itself would filter them: less to ship per frame. */
function rulesFor(url: string, mainFrame: boolean): RuleLike[] {
  return loadAssets().rules.filter((r) => {
    const ctx = { main: true, frame: false, urlPattern: '', ...r.runContext };
    if (mainFrame ? !ctx.main : !ctx.frame) return false;
    if (!ctx.urlPattern) return true;
    try { return new RegExp(ctx.urlPattern).test(url); } catch { return false; }
  });
}

// Runs before autoconsent in each new document: names the document and routes its messages to us.
const PRELUDE = `(() => {
  const token = (self.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Math.random()).slice(2);
  Object.defineProperty(window, ${JSON.stringify(TOKEN)}, { value: token });
  const send = window[${JSON.stringify(BINDING)}];
  window.autoconsentSendMessage = (msg) => send(token, msg).catch(() => {});
})();`;

/** What autoconsent said in one document. */
export interface AutoconsentFrameState {
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

export class AutoconsentDriver {
  readonly states = new Map<string, AutoconsentFrameState>();
  /** When autoconsent first detected a CMP in any frame (Date.now()), or null. */
  firstDetectedAt: number | null = null;
  #lookups = new Map<string, Promise<Frame | null>>();
  #page: Page;
  #disposed = false;
  #waiters = new Set<() => void>();

  private constructor(page: Page) {
    this.#page = page;
  }

  /** Installs autoconsent in every future document of the page. Call before navigating. */
  static async attach(page: Page): Promise<AutoconsentDriver> {
    const driver = new AutoconsentDriver(page);
    const { script } = loadAssets();
    await page.exposeFunction(BINDING, (token: unknown, msg: unknown) => driver.#onMessage(token, msg));
    await page.evaluateOnNewDocument(PRELUDE);
    await page.evaluateOnNewDocument(script);
    return driver;
  }

  /** Stops answering; the page keeps the (now silent) scripts until it navigates. */
  dispose(): void {
    this.#disposed = true;
    this.#notify();
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

  /** True when every live frame's autoconsent has finished looking without finding a CMP. */
  allSettledEmpty(): boolean {
    const live = [...this.states.values()].filter((s) => s.frame && !s.frame.detached && !s.superseded);
    return live.length > 0 && live.every((s) => s.lifecycle === 'nothingDetected');
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
    const state = [...this.states.values()].find((s) => s.frame === popup.frame && s.popup === popup.cmp)!;
    const before = state.results.length;
    const want = action === 'optIn' ? 'optInResult' : 'optOutResult';
    // Not awaited: the frame may navigate or reload while opting out; the result message is what counts.
    this.#send(popup.frame, { type: action }).catch(() => {});
    await this.#waitUntil(() => state.results.slice(before).some((r) => r.type === want), timeoutMs);
    const res = state.results.slice(before).find((r) => r.type === want);
    return { cmp: popup.cmp, result: res?.result ?? false };
  }

  async #send(frame: Frame, msg: object): Promise<void> {
    await frame.evaluate(`window.autoconsentReceiveMessage && window.autoconsentReceiveMessage(${JSON.stringify(msg)})`);
  }

  async #onMessage(token: unknown, raw: unknown): Promise<void> {
    if (this.#disposed || typeof token !== 'string' || !raw || typeof raw !== 'object') return;
    const msg = raw as Message;
    let state = this.states.get(token);
    if (!state) {
      state = { token, frame: null, url: String(msg.url ?? ''), mainFrame: false, lifecycle: 'loading', detected: [], popup: null, results: [], superseded: false };
      this.states.set(token, state);
    }
    if (!state.frame) {
      // Messages of one document arrive together: look its frame up once.
      let lookup = this.#lookups.get(token);
      if (!lookup) { lookup = this.#findFrame(token); this.#lookups.set(token, lookup); }
      const found = await lookup;
      if (found && !state.frame) {
        state.frame = found;
        state.mainFrame = found.parentFrame() === null;
        state.url = found.url();
        for (const other of this.states.values()) if (other !== state && other.frame === found) other.superseded = true;
      }
    }
    const frame = state.frame;
    switch (msg.type) {
      case 'init':
        if (!frame) return;
        await this.#send(frame, { type: 'initResp', config: AUTOCONSENT_CONFIG, rules: { autoconsent: rulesFor(frame.url(), state.mainFrame) } }).catch(() => {});
        break;
      case 'eval': {
        // Only used when isMainWorld is false; kept so a config change does not hang the rules.
        if (!frame) return;
        const result = await frame.evaluate(String(msg.code)).catch(() => false);
        await this.#send(frame, { type: 'evalResp', id: msg.id, result: !!result }).catch(() => {});
        break;
      }
      case 'report': {
        const st = msg.state as { lifecycle?: string } | undefined;
        if (st?.lifecycle) state.lifecycle = st.lifecycle;
        break;
      }
      case 'cmpDetected':
        if (typeof msg.cmp === 'string' && !state.detected.includes(msg.cmp)) state.detected.push(msg.cmp);
        this.firstDetectedAt ??= Date.now();
        break;
      case 'popupFound':
        if (typeof msg.cmp === 'string' && !state.popup) state.popup = msg.cmp;
        break;
      case 'optInResult':
      case 'optOutResult':
        state.results.push({ type: msg.type, cmp: String(msg.cmp), result: msg.result === true });
        break;
    }
    this.#notify();
  }

  /** The attached frame whose document drew `token` (frames are asked once each). */
  async #findFrame(token: string): Promise<Frame | null> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const frames = this.#page.frames().filter((f) => !f.detached);
      const tokens = await Promise.all(frames.map((f) => f.evaluate(`window[${JSON.stringify(TOKEN)}]`).catch(() => null)));
      const i = tokens.indexOf(token);
      if (i >= 0) return frames[i]!;
      await new Promise((r) => setTimeout(r, 100));
    }
    return null;
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
