/**
 * The crawl's one headless Chromium, shared by every site in flight and relaunched when it dies,
 * so the sites still to visit run on a fresh one (those it was visiting retry once, see site-runner.ts).
 *
 * @example
 *   const pool = new BrowserPool({ executablePath, extraArgs: [] });
 *   const browser = await pool.get();
 *   await pool.close();
 */
import type { Browser } from 'puppeteer-core';
import { launchBrowser, type LaunchedBrowser, type LaunchOptions } from './browser.ts';

export class BrowserPool {
  private launched: LaunchedBrowser | null = null;
  private launching: Promise<LaunchedBrowser> | null = null;
  private closed = false;

  /** `onLaunch` hears each launch's pid (the bench measures its memory; the CLI reports relaunches). */
  constructor(private readonly options: LaunchOptions, private readonly onLaunch?: (pid: number | null) => void) {}

  /** The running browser, launching (or relaunching) it when needed. */
  async get(): Promise<Browser> {
    if (this.closed) throw new Error('The crawl was stopped.');
    if (this.launched?.browser.connected) return this.launched.browser;
    this.launching ??= (async () => {
      await this.launched?.close().catch(() => {});
      const b = await launchBrowser(this.options);
      this.onLaunch?.(b.pid);
      this.launched = b;
      if (this.closed) await b.close().catch(() => {});
      return b;
    })().finally(() => { this.launching = null; });
    return (await this.launching).browser;
  }

  /** Closes the browser; later `get()` calls fail. */
  async close(): Promise<void> {
    this.closed = true;
    await this.launched?.close().catch(() => {});
  }
}
