/**
 * Records, through the DevTools protocol, what one page does in one phase: every Set-Cookie
 * response header (redirects and out-of-process iframes included), every document.cookie write,
 * the requests of interest, and the network activity used to wait for quiet.
 *
 * @example
 *   const cap = await startCapture(page, { isOfInterest: (url) => url.includes('/collect') });
 *   await page.goto(url); … const { writes, requests } = cap.snapshot(); await cap.stop();
 */
import type { CDPSession, Page } from 'puppeteer-core';
import type { ObservedRequest } from '../src/model.ts';
import { COOKIE_BINDING, COOKIE_HOOK_SOURCE } from './cookie-hook.ts';
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
  /** For a script write: `document.cookie` as read right after the write, null when unknown. */
  readBack?: string | null;
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
}

interface Hop { url: string; frameUrl: string | null }
interface ExtraInfo { statusCode: number; location: string | null; setCookie: string | null; blocked: Set<string>; time: Date; blockedList: BlockedCookie[] }

const MAX_POST_BYTES = 8 * 1024;

export class PhaseCapture {
  readonly activity = new NetworkActivity();
  readonly requests: ObservedRequest[] = [];
  readonly scriptWrites: CookieWrite[] = [];
  /** Redirect chain of each request id, in order. */
  private readonly chains = new Map<string, Hop[]>();
  private readonly extraInfos = new Map<string, ExtraInfo[]>();
  private readonly sessions = new Set<CDPSession>();
  private stopped = false;

  constructor(private readonly options: CaptureOptions) {}

  /** Instruments a page (before navigation) and every frame target it will create. */
  async attach(page: Page): Promise<void> {
    const session = await page.createCDPSession();
    await this.instrument(session, 'page');
  }

  private async instrument(session: CDPSession, type: string): Promise<void> {
    const isPage = type === 'page';
    this.sessions.add(session);
    session.on('Target.attachedToTarget', (e) => {
      const child = session.connection()?.session(e.sessionId);
      if (child) void this.instrument(child, e.targetInfo.type).catch(() => {});
    });
    session.on('Network.requestWillBeSent', (e) => this.onRequest(e));
    session.on('Network.responseReceivedExtraInfo', (e) => this.onExtraInfo(e));
    session.on('Network.loadingFinished', (e) => this.activity.finished(e.requestId));
    session.on('Network.loadingFailed', (e) => this.activity.finished(e.requestId));
    session.on('Network.responseReceived', () => this.activity.touch());
    session.on('Runtime.bindingCalled', (e) => {
      if (e.name === COOKIE_BINDING) this.onScriptWrite(e.payload);
    });
    const hasPage = isPage || type === 'iframe';
    const steps: Array<Promise<unknown>> = [
      session.send('Network.enable', { maxPostDataSize: MAX_POST_BYTES + 1 }),
    ];
    if (hasPage) {
      steps.push(session.send('Page.enable'));
      steps.push(session.send('Runtime.enable'));
      steps.push(session.send('Runtime.addBinding', { name: COOKIE_BINDING }));
      steps.push(session.send('Page.addScriptToEvaluateOnNewDocument', { source: COOKIE_HOOK_SOURCE, runImmediately: true }));
    }
    if (hasPage || type === 'worker' || type === 'shared_worker') {
      steps.push(session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true }));
    }
    await Promise.allSettled(steps);
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
    if (chain) chain.push({ url, frameUrl });
    else this.chains.set(e.requestId, [{ url, frameUrl }]);
    if (!/^https?:/i.test(url) || !this.options.isOfInterest(url)) return;
    this.requests.push({
      url,
      method: e.request.method,
      resourceType: (e.type ?? 'other').toLowerCase(),
      frameUrl,
      postData: smallText(e.request),
      time: new Date(typeof e.wallTime === 'number' ? e.wallTime * 1000 : Date.now()).toISOString(),
    });
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
    if (list) list.push(info);
    else this.extraInfos.set(e.requestId, [info]);
  }

  private onScriptWrite(payload: string): void {
    if (this.stopped) return;
    let data: { c?: unknown; u?: unknown; s?: unknown; t?: unknown; a?: unknown };
    try {
      data = JSON.parse(payload);
    } catch {
      return;
    }
    if (typeof data.c !== 'string' || typeof data.u !== 'string') return;
    this.scriptWrites.push({
      origin: 'script',
      raw: data.c,
      url: data.u,
      setterUrl: typeof data.s === 'string' ? data.s : data.u,
      frameUrl: data.u,
      time: new Date(typeof data.t === 'number' ? data.t : Date.now()),
      readBack: typeof data.a === 'string' ? data.a : null,
    });
  }

  /** Set-Cookie header writes, each paired with the redirect hop whose response carried it. */
  headerWrites(): { writes: CookieWrite[]; blocked: BlockedCookie[] } {
    const writes: CookieWrite[] = [];
    const blocked: BlockedCookie[] = [];
    for (const [requestId, infos] of this.extraInfos) {
      const chain = this.chains.get(requestId) ?? [];
      const hops = pairHops(chain, infos);
      infos.forEach((info, i) => {
        const hop = hops[i];
        if (!hop) return;
        for (const b of info.blockedList) blocked.push({ ...b, url: hop.url });
        if (!info.setCookie) return;
        // Several Set-Cookie headers arrive joined by newlines in raw DevTools headers.
        for (const line of info.setCookie.split('\n')) {
          if (line.trim() === '' || info.blocked.has(line)) continue;
          writes.push({ origin: 'header', raw: line, url: hop.url, setterUrl: hop.url, frameUrl: hop.frameUrl, time: info.time });
        }
      });
    }
    return { writes, blocked };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.sessions].map((s) => s.detach()));
    this.sessions.clear();
  }
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

/** The request body as text when small and textual, else null. */
function smallText(request: { postData?: string; postDataEntries?: Array<{ bytes?: string }> }): string | null {
  let text = request.postData;
  if (text === undefined && request.postDataEntries?.length) {
    const bytes = Buffer.concat(request.postDataEntries.map((p) => Buffer.from(p.bytes ?? '', 'base64')));
    if (bytes.length > MAX_POST_BYTES) return null;
    text = bytes.toString('utf8');
  }
  if (text === undefined || Buffer.byteLength(text) > MAX_POST_BYTES || text.includes('\u0000') || text.includes('\uFFFD')) return null;
  return text;
}
