/** Options every renderer accepts: language, whether cookie values are shown, embedded images. */

export type Lang = 'en' | 'fr';
export const LANGS: readonly Lang[] = ['en', 'fr'];

export interface RenderOptions {
  lang: Lang;
  /** Cookie values are personal data: left out unless asked for. */
  includeValues: boolean;
  /**
   * Screenshot path (as written in the report) → `data:image/...;base64,...` URI, read by the caller.
   * Anything that is not a base64 image data URI is ignored, so the HTML never fetches anything.
   */
  assets?: Record<string, string>;
}

export const DEFAULT_OPTIONS: RenderOptions = { lang: 'en', includeValues: false };

/** Fills missing options with the defaults. */
export function resolveOptions(options: Partial<RenderOptions> = {}): RenderOptions {
  return { ...DEFAULT_OPTIONS, ...options };
}
