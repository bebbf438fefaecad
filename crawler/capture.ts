/**
 * Records, through the DevTools protocol, what one page does in one phase: every Set-Cookie
 * response header (redirects and out-of-process iframes included), every document.cookie write,
 * the requests of interest, and the network activity used to wait for quiet.
 *
 * @example
 *   const cap = new PhaseCapture({ isOfInterest: (url) => url.includes('/collect'), userAgent });
 *   await cap.attach(page); await page.goto(url); …
 *   const { writes, blocked } = cap.headerWrites(); const scripted = cap.scriptWrites, requests = cap.requests;
 *   await cap.stop();
 */
import type { CDPSession, Page, Protocol } from 'puppeteer-core';
import { CAPS, type Dropped } from '../src/caps.ts';
import { keptBody, keptUrl } from '../src/capped.ts';
import type { ObservedRequest } from '../src/model.ts';
import { cookieHook, parseHookReports, type CookieHook } from './hook-binding.ts';
import { refusedByReadBack } from './merge-cookies.ts';
import { NetworkActivity } from './network-activity.ts';

/** A raw cookie write before parsing: the string, the URL it applies to, who wrote it and when. */
export interface CookieWrite {
  origin: 'header' | 'script';
  raw: string;
  /** URL the cookie string is set for (the response URL, or the frame's URL for a script). */
  url: string;
  setterUrl: string | null;
  frameUrl: string | null;
  time: Date;
  /**
   * For a script write: the entries of `document.cookie` named like the written cookie, as the hook
   * read them right after the write with the browser's own getter; null when unknown.
   */
  readBack?: string | null;
  /** For a script write: whether the browser showed it right after (the hook's check); null or absent when unknown. */
  stored?: boolean | null;
}

/** A Set-Cookie line Chromium refused, with its reasons (kept for the site's artefacts). */
export interface BlockedCookie {
  line: string;
  url: string;
  reasons: string[];
}

export interface CaptureOptions {
  /** Whether a request URL is worth recording (analytics/trackers). */
  isOfInterest(url: string): boolean;
  /** User agent presented in every frame and worker (Network.setUserAgentOverride), or none. */
  userAgent?: UserAgentOverride | null;
}

/** The arguments of `Network.setUserAgentOverride`. */
export type UserAgentOverride = Protocol.Network.SetUserAgentOverrideRequest;

interface Hop { url: string; frameUrl: string | null }
interface ExtraInfo { statusCode: number; location: string | null; setCookie: string | null; blocked: Set<string>; time: Date; blockedList: BlockedCookie[] }

/** What identifies a cookie write well enough to keep only its latest one once the cap is reached. */
function writeKey(w: CookieWrite): string {
  const semi = w.raw.indexOf(';');
  const pair = semi < 0 ? w.raw : w.raw.slice(0, semi);
  const eq = pair.indexOf('=');
  const name = eq < 0 ? '' : pair.slice(0, eq).trim();
  const attr = (re: RegExp) => re.exec(w.raw)?.[1]?.trim().toLowerCase() ?? '';
  let host = '';
  try { host = new URL(w.url).hostname; } catch { /* keep '' */ }
  return `${name}\u0000${attr(/;\s*domain\s*=\s*([^;]*)/i) || host}\u0000${attr(/;\s*path\s*=\s*([^;]*)/i)}`;
}

/**
 * A list of cookie writes that keeps its first `cap` entries; past it, a write to a cookie already
 * held replaces that cookie's latest entry (the last declaration is what the jar holds), a write to a
 * new cookie is kept while `extra` allows, and everything else is only counted.
 */
class CappedWrites {
  readonly list: CookieWrite[] = [];
  dropped = 0;
  #last = new Map<string, number>();
  #extra: number;
  constructor(private readonly cap: number, extra: number) { this.#extra = extra; }

  add(w: CookieWrite, replaceable: (w: CookieWrite) => boolean): void {
    const key = writeKey(w);
    if (this.list.length < this.cap) {
      this.#last.set(key, this.list.push(w) - 1);
      return;
    }
    const at = this.#last.get(key);
    if (at !== undefined) {
      if (replaceable(w)) this.list[at] = w;
      this.dropped++;
    } else if (this.#extra > 0) {
      this.#extra--;
      this.#last.set(key, this.list.push(w) - 1);
    } else {
      this.dropped++;
    }
  }
}

export class PhaseCapture {
  readonly activity = new NetworkActivity();
  readonly requests: ObservedRequest[] = [];
  /** The binding, secret and source of this phase's document.cookie hook. */
  readonly hook: CookieHook = cookieHook();
  private readonly script = new CappedWrites(CAPS.scriptWrites, Math.floor(CAPS.scriptWrites / 4));
  private readonly header = new CappedWrites(CAPS.setCookieLines, Math.floor(CAPS.setCookieLines / 4));
  private readonly blocked: BlockedCookie[] = [];
  private readonly drops: Required<Dropped> = { requests: 0, scriptWrites: 0, cookieAttempts: 0, setCookieLines: 0, blockedCookies: 0, autoconsentMessages: 0 };
  /** Writes a document's hook only counted (flood), by document: the hook reports a growing count. */
  private readonly hookDropped = new Map<string, number>();
  private readonly endpoints = new Set<string>();
  private extraEndpoints: number = CAPS.requestEndpoints;
  /** Redirect chain of each request id, in order. */
  private readonly chains = new Map<string, Hop[]>();
  private readonly extraInfos = new Map<string, ExtraInfo[]>();
  private readonly sessions = new Set<CDPSession>();
  /** Execution contexts of each session (`<session>:<id>`): the frame they belong to, main world or not. */
  private readonly contexts = new Map<string, { frameId: string; isDefault: boolean }>();
  /** Each frame's current document URL, as the browser reports its navigations. */
  private readonly frameUrls = new Map<string, string>();
  /** Binding calls that were not genuine hook reports (a page calling the binding itself). */
  forgedCalls = 0;
  private stopped = false;

  constructor(private readonly options: CaptureOptions) {}

  /** Script writes received (the first CAPS.scriptWrites, then the latest per cookie). */
  get scriptWrites(): CookieWrite[] {
    return this.script.list;
  }

  /** Instruments a page (before navigation) and every frame target it will create. */
  async attach(page: Page): Promise<void> {
    const session = await page.createCDPSession();
    await this.instrument(session, 'page');
  }

  private async instrument(session: CDPSession, type: string): Promise<void> {
    const isPage = type === 'page';
    this.sessions.add(session);
    const sid = session.id();
    session.on('Target.attachedToTarget', (e) => {
      const child = session.connection()?.session(e.sessionId);
      if (child) void this.instrument(child, e.targetInfo.type).catch(() => {});
    });
    session.on('Network.requestWillBeSent', (e) => this.onRequest(e));
    session.on('Network.responseReceivedExtraInfo', (e) => this.onExtraInfo(e));
    session.on('Network.loadingFinished', (e) => this.activity.finished(e.requestId));
    session.on('Network.loadingFailed', (e) => this.activity.finished(e.requestId));
    session.on('Network.responseReceived', () => this.activity.touch());
    session.on('Runtime.executionContextCreated', (e) => {
      const aux = e.context.auxData as { frameId?: string; isDefault?: boolean } | undefined;
      if (aux?.frameId) this.contexts.set(`${sid}:${e.context.id}`, { frameId: aux.frameId, isDefault: aux.isDefault === true });
    });
    session.on('Runtime.executionContextDestroyed', (e) => {
      this.contexts.delete(`${sid}:${e.executionContextId}`);
    });
    session.on('Page.frameNavigated', (e) => this.frameUrls.set(e.frame.id, e.frame.url + (e.frame.urlFragment ?? '')));
    session.on('Page.navigatedWithinDocument', (e) => this.frameUrls.set(e.frameId, e.url));
    session.on('Runtime.bindingCalled', (e) => {
      if (e.name === this.hook.binding) void this.onScriptWrite(session, e.executionContextId, e.payload);
    });
    const hasPage = isPage || type === 'iframe';
    const steps: Array<Promise<unknown>> = [
      session.send('Network.enable', { maxPostDataSize: CAPS.postBytes + 1 }),
    ];
    if (this.options.userAgent) steps.push(session.send('Network.setUserAgentOverride', this.options.userAgent));
    if (hasPage) {
      steps.push(session.send('Page.enable'));
      steps.push(session.send('Runtime.enable'));
      steps.push(session.send('Runtime.addBinding', { name: this.hook.binding }));
      steps.push(session.send('Page.addScriptToEvaluateOnNewDocument', { source: this.hook.source, runImmediately: true }));
    }
    if (hasPage || type === 'worker' || type === 'shared_worker') {
      steps.push(session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true }));
    }
    await Promise.allSettled(steps);
    // An out-of-process frame may have committed its document before we listened: ask for its URL.
    if (type === 'iframe') {
      const tree = await session.send('Page.getFrameTree').catch(() => null);
      const f = tree?.frameTree.frame;
      if (f && !this.frameUrls.has(f.id)) this.frameUrls.set(f.id, f.url + (f.urlFragment ?? ''));
    }
    // A child target waits for every attached client before it runs; release it.
    if (!isPage) await session.send('Runtime.runIfWaitingForDebugger').catch(() => {});
  }

  private onRequest(e: {
    requestId: string; documentURL?: string; type?: string; wallTime?: number;
    request: { url: string; method: string; postData?: string; hasPostData?: boolean; postDataEntries?: Array<{ bytes?: string }> };
  }): void {
    if (this.stopped) return;
    const url = e.request.url;
    if (e.type !== 'EventSource' && e.type !== 'WebSocket') this.activity.started(e.requestId);
    const frameUrl = e.documentURL ?? null;
    const chain = this.chains.get(e.requestId);
    if (chain) {
      if (chain.length < CAPS.redirectHops) chain.push({ url, frameUrl });
    } else {
      this.chains.set(e.requestId, [{ url, frameUrl }]);
      this.forgetOldest();
    }
    if (!/^https?:/i.test(url) || !this.options.isOfInterest(url)) return;
    // Past the cap, a request to an endpoint not seen yet is still kept: a flood of one beacon does not hide a later tracker.
    const endpoint = endpointOf(url);
    const isNew = !this.endpoints.has(endpoint);
    if (isNew && this.endpoints.size < CAPS.requests + CAPS.requestEndpoints) this.endpoints.add(endpoint);
    if (this.requests.length >= CAPS.requests) {
      if (!isNew || this.extraEndpoints <= 0) { this.drops.requests++; return; }
      this.extraEndpoints--;
    }
    this.requests.push({
      url: keptUrl(url),
      method: e.request.method,
      resourceType: (e.type ?? 'other').toLowerCase(),
      frameUrl,
      postData: smallText(e.request),
      time: new Date(typeof e.wallTime === 'number' ? e.wallTime * 1000 : Date.now()).toISOString(),
    });
  }

  /** Past CAPS.trackedRequests requests, the oldest one's Set-Cookie lines are settled and its chain forgotten (nothing is lost but a late extra-info event). */
  private forgetOldest(): void {
    while (this.chains.size > CAPS.trackedRequests) {
      const oldest = this.chains.keys().next().value as string;
      this.settle(oldest, this.chains.get(oldest)!, this.extraInfos.get(oldest) ?? []);
      this.chains.delete(oldest);
      this.extraInfos.delete(oldest);
    }
    while (this.extraInfos.size > CAPS.trackedRequests) {
      const oldest = this.extraInfos.keys().next().value as string;
      this.extraInfos.delete(oldest);
    }
  }

  private onExtraInfo(e: {
    requestId: string; statusCode: number; headers: Record<string, string>;
    blockedCookies?: Array<{ blockedReasons: string[]; cookieLine: string }>;
  }): void {
    if (this.stopped) return;
    this.activity.touch();
    const header = (name: string): string | null => {
      for (const [k, v] of Object.entries(e.headers ?? {})) if (k.toLowerCase() === name) return v;
      return null;
    };
    const blocked = e.blockedCookies ?? [];
    const info: ExtraInfo = {
      statusCode: e.statusCode,
      location: header('location'),
      setCookie: header('set-cookie'),
      blocked: new Set(blocked.map((b) => b.cookieLine)),
      blockedList: blocked.map((b) => ({ line: b.cookieLine, url: '', reasons: b.blockedReasons })),
      time: new Date(),
    };
    const list = this.extraInfos.get(e.requestId);
    if (list) {
      if (list.length < CAPS.redirectHops) list.push(info);
    } else {
      this.extraInfos.set(e.requestId, [info]);
      this.forgetOldest();
    }
  }

  /**
   * One binding call. Only a genuine report of this phase's hook counts; the URL is the frame of the
   * execution context that called, the time is when it arrived: nothing the page says about them.
   */
  private async onScriptWrite(session: CDPSession, contextId: number, payload: string): Promise<void> {
    const time = new Date();
    if (this.stopped) return;
    const reports = parseHookReports(this.hook, payload);
    const context = this.contexts.get(`${session.id()}:${contextId}`);
    if (!reports || !context || !context.isDefault) {
      this.forgedCalls++;
      return;
    }
    const doc = `${session.id()}:${contextId}`;
    const first = reports[0]!;
    if (first.kind === 'dropped') {
      this.hookDropped.set(doc, Math.max(this.hookDropped.get(doc) ?? 0, first.count));
      return;
    }
    let url = this.frameUrls.get(context.frameId);
    if (url === undefined) {
      const tree = await session.send('Page.getFrameTree').catch(() => null);
      url = tree ? findFrameUrl(tree.frameTree, context.frameId) ?? undefined : undefined;
      if (url === undefined) return;
      this.frameUrls.set(context.frameId, url);
    }
    if (this.stopped) return;
    for (const r of reports) {
      if (r.kind !== 'write') continue;
      this.script.add({ origin: 'script', raw: r.raw, url, setterUrl: r.caller ?? url, frameUrl: url, time, stored: r.stored },
        (w) => !isDeletion(w.raw) && !refusedByReadBack(w));
    }
  }

  /** Turns one request's extra-info events into header writes (and refused lines). */
  private settle(requestId: string, chain: readonly Hop[], infos: readonly ExtraInfo[]): void {
    void requestId;
    const hops = pairHops(chain, infos);
    infos.forEach((info, i) => {
      const hop = hops[i];
      if (!hop) return;
      for (const b of info.blockedList) {
        if (this.blocked.length < CAPS.blockedCookies) this.blocked.push({ ...b, url: hop.url });
        else this.drops.blockedCookies++;
      }
      if (!info.setCookie) return;
      // Several Set-Cookie headers arrive joined by newlines in raw DevTools headers.
      for (const line of info.setCookie.split('\n')) {
        if (line.trim() === '' || info.blocked.has(line)) continue;
        this.header.add({ origin: 'header', raw: line, url: hop.url, setterUrl: hop.url, frameUrl: hop.frameUrl, time: info.time }, (w) => !isDeletion(w.raw));
      }
    });
  }

  /** Set-Cookie header writes, each paired with the redirect hop whose response carried it. */
  headerWrites(): { writes: CookieWrite[]; blocked: BlockedCookie[] } {
    for (const [requestId, infos] of this.extraInfos) {
      this.settle(requestId, this.chains.get(requestId) ?? [], infos);
    }
    this.extraInfos.clear();
    return { writes: [...this.header.list], blocked: [...this.blocked] };
  }

  /** What the caps left out so far (call after headerWrites()). */
  truncation(extra: Dropped = {}): { truncated: boolean; dropped: Dropped } {
    let hookDropped = 0;
    for (const n of this.hookDropped.values()) hookDropped += n;
    const all: Required<Dropped> = {
      ...this.drops,
      scriptWrites: this.script.dropped + hookDropped,
      setCookieLines: this.header.dropped,
    };
    for (const [k, v] of Object.entries(extra) as Array<[keyof Dropped, number]>) all[k] += v;
    const dropped: Dropped = {};
    for (const [k, v] of Object.entries(all) as Array<[keyof Dropped, number]>) if (v > 0) dropped[k] = v;
    return { truncated: Object.keys(dropped).length > 0, dropped };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.sessions].map((s) => s.detach()));
    this.sessions.clear();
  }
}

interface FrameTreeLike { frame: { id: string; url: string; urlFragment?: string }; childFrames?: FrameTreeLike[] }

function findFrameUrl(tree: FrameTreeLike, frameId: string): string | null {
  if (tree.frame.id === frameId) return tree.frame.url + (tree.frame.urlFragment ?? '');
  for (const child of tree.childFrames ?? []) {
    const found = findFrameUrl(child, frameId);
    if (found !== null) return found;
  }
  return null;
}

/** Scheme, host and path of a URL: one endpoint, whatever its query. */
function endpointOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`.slice(0, 512);
  } catch {
    return url.slice(0, 512);
  }
}

/** Whether a cookie string removes its cookie (Max-Age ≤ 0, or an Expires in the past). */
function isDeletion(raw: string): boolean {
  const maxAge = /;\s*max-age\s*=\s*(-?\d+)/i.exec(raw);
  if (maxAge) return Number(maxAge[1]) <= 0;
  const expires = /;\s*expires\s*=\s*([^;]*)/i.exec(raw);
  if (expires) {
    const t = Date.parse(expires[1]!);
    return Number.isFinite(t) && t < Date.now();
  }
  return false;
}

/**
 * Which hop of a redirect chain each extra-info event describes: a 3xx whose Location leads to the
 * next hop, else the next unmatched hop; a final response is the last hop.
 */
export function pairHops<T extends { url: string }>(chain: readonly T[], infos: ReadonlyArray<{ statusCode: number; location: string | null }>): Array<T | undefined> {
  let next = 0;
  return infos.map((info) => {
    const isRedirect = info.statusCode >= 300 && info.statusCode < 400 && info.location !== null;
    if (!isRedirect) return chain[chain.length - 1];
    for (let j = next; j < chain.length - 1; j++) {
      let target: string | null = null;
      try {
        target = new URL(info.location as string, chain[j].url).href;
      } catch {
        target = null;
      }
      if (target === chain[j + 1].url) {
        next = j + 1;
        return chain[j];
      }
    }
    return chain[Math.min(next++, chain.length - 1)];
  });
}

/** The request body as recorded (src/capped.ts), from DevTools' text or, when it gives none, its bytes. */
function smallText(request: { postData?: string; postDataEntries?: Array<{ bytes?: string }> }): string | null {
  if (request.postData !== undefined) return keptBody(request.postData);
  if (!request.postDataEntries?.length) return null;
  return keptBody(Buffer.concat(request.postDataEntries.map((p) => Buffer.from(p.bytes ?? '', 'base64'))));
}
