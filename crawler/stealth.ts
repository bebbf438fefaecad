/**
 * What the crawler presents to sites: the user agent of a regular desktop Chromium of the installed
 * version (headless Chromium says `HeadlessChrome` in its user agent and in
 * navigator.userAgentData.brands), so a site cannot serve the auditor a compliant variant.
 * The other traces are handled where they arise: `--enable-automation` is left out and
 * `--disable-blink-features=AutomationControlled` keeps navigator.webdriver false (browser.ts); our
 * scripts leave no global in the page (hook/cookie-hook.ts; banner detection runs in an isolated world).
 *
 * @example
 *   const ua = await presentedUserAgent(browser); // { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) … Chrome/150.0.7871.100 Safari/537.36', userAgentMetadata: … }
 *   await session.send('Network.setUserAgentOverride', ua);
 */
import type { Browser } from 'puppeteer-core';
import type { UserAgentOverride } from './capture.ts';

const cache = new WeakMap<Browser, Promise<UserAgentOverride>>();

/** The user agent of a regular Chromium of `version` (`HeadlessChrome/150.0.7871.100` or `Chrome/…`) on Linux. */
export function userAgentFor(version: string): UserAgentOverride {
  const full = /(\d+(?:\.\d+)*)/.exec(version)?.[1] ?? '120.0.0.0';
  const major = full.split('.')[0]!;
  // The GREASE brand Chromium adds, fixed here like a given build's.
  const grease = { brand: 'Not)A;Brand', version: '24' };
  return {
    userAgent: `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${full} Safari/537.36`,
    platform: 'Linux x86_64',
    userAgentMetadata: {
      brands: [{ brand: 'Chromium', version: major }, grease],
      fullVersionList: [{ brand: 'Chromium', version: full }, { brand: grease.brand, version: `${grease.version}.0.0.0` }],
      fullVersion: full,
      platform: 'Linux',
      platformVersion: '6.1.0',
      architecture: 'x86',
      model: '',
      mobile: false,
      bitness: '64',
      wow64: false,
    },
  };
}

/** The user agent to present in this browser's pages (asked once per browser). */
export function presentedUserAgent(browser: Browser): Promise<UserAgentOverride> {
  let ua = cache.get(browser);
  if (!ua) {
    ua = browser.version().then(userAgentFor, () => userAgentFor(''));
    cache.set(browser, ua);
  }
  return ua;
}
