/**
 * The one place the crawler talks to the banner facade (crawler/banner/), so a collector run can
 * inject another watcher (tests of the crawler alone) without touching the phases.
 *
 * @example
 *   const factory = await defaultBannerFactory();
 *   const watcher = await factory(page, {});   // before page.goto
 */
import type { Page } from 'puppeteer-core';
import type { ObservedBanner } from '../src/model.ts';

export interface BannerWatcher {
  /** Waits up to `timeoutMs` for a banner; what was found (nothing found = `detected: false`). */
  detect(timeoutMs: number): Promise<ObservedBanner>;
  click(choice: 'accept' | 'reject'): Promise<{ clicked: boolean; worked: boolean | null }>;
  /** Screenshot of the banner (or the viewport) to `path`; whether one was written. */
  screenshot(path: string): Promise<boolean>;
  dispose(): Promise<void> | void;
}

export type BannerFactory = (page: Page, options: { wording?: unknown }) => Promise<BannerWatcher> | BannerWatcher;

/** The banner engineer's watcher (autoconsent in every frame + our heuristic). */
export async function defaultBannerFactory(): Promise<BannerFactory> {
  const mod = await import('./banner/index.ts');
  return mod.attachBannerWatcher as BannerFactory;
}
