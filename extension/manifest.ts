/**
 * The Manifest V3 of each build from one description: Chrome runs the background as a service
 * worker, Firefox as background scripts with a gecko id. Every permission is justified in
 * extension/README.md.
 *
 * @example manifestFor('firefox', '0.1.0').background // { scripts: ['background.js'] }
 */
export type Target = 'chrome' | 'firefox';
export const TARGETS: readonly Target[] = ['chrome', 'firefox'];

/** The Firefox add-on id (stable, so storage survives updates). */
export const GECKO_ID = 'cookie-audit@cookie-audit';

export function manifestFor(target: Target, version: string): Record<string, unknown> {
  const chrome = target === 'chrome';
  // Chrome only: also inject into about:blank/srcdoc/data frames by their creator's origin.
  const fallback = chrome ? { match_origin_as_fallback: true } : {};
  const everyFrame = { matches: ['<all_urls>'], run_at: 'document_start', all_frames: true, match_about_blank: true, ...fallback };
  const icons = { 16: 'icons/icon-16.png', 32: 'icons/icon-32.png', 48: 'icons/icon-48.png', 128: 'icons/icon-128.png' };
  return {
    manifest_version: 3,
    // Name and description in the browser's language, from _locales/<lang>/messages.json.
    name: '__MSG_extensionName__',
    version,
    description: '__MSG_extensionDescription__',
    default_locale: 'en',
    icons,
    action: { default_title: '__MSG_extensionName__', default_popup: 'popup/popup.html', default_icon: icons },
    permissions: ['cookies', 'webRequest', 'webNavigation', 'storage', 'browsingData', 'scripting'],
    host_permissions: ['<all_urls>'],
    background: chrome ? { service_worker: 'background.js' } : { scripts: ['background.js'] },
    content_scripts: [
      // The only script at document_start, in the page's world: an isolated-world script there
      // costs every frame a JavaScript context before parsing (about half the extension's cost to
      // a page load, bench/extension.ts). Banner detection (content.js) is not listed: the
      // background injects it into each frame once the frame has loaded, so it never delays the page.
      { ...everyFrame, js: ['page-hook.js'], world: 'MAIN' },
    ],
    ...(chrome ? { minimum_chrome_version: '111' } : {
      browser_specific_settings: {
        // 140 (Android 142): the first versions that read `data_collection_permissions` (we collect none).
        gecko: { id: GECKO_ID, strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
        gecko_android: { strict_min_version: '142.0' },
      },
    }),
  };
}
