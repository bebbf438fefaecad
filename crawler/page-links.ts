/**
 * The links a page shows, in every frame and open shadow root, each marked when it sits in the
 * consent banner (a fixed or sticky layer, a dialog, or a frame other than the top one); the
 * policy finder (policy-finder.ts) scores them. Capped, never throws.
 *
 * @example const links = await pageLinks(page); // [{ href: 'https://a.fr/cookies', text: 'Cookies', inBanner: true }]
 */
import type { Page } from 'puppeteer-core';
import type { PageLink } from './policy-finder.ts';

const MAX_LINKS = 1500;

/**
 * Runs in the page (a string, so no bundler helper leaks into it): anchors with their absolute
 * href, text, and whether a banner-like layer holds them.
 */
const COLLECT = `(max) => {
  const out = [];
  const layered = (el) => {
    for (let e = el; e; e = e.parentElement || (e.getRootNode() && e.getRootNode().host) || null) {
      const role = e.getAttribute && e.getAttribute('role');
      if (role === 'dialog' || role === 'alertdialog' || e.tagName === 'DIALOG') return true;
      const pos = getComputedStyle(e).position;
      if (pos === 'fixed' || pos === 'sticky') return true;
    }
    return false;
  };
  const walk = (root) => {
    for (const a of Array.from(root.querySelectorAll('a[href]'))) {
      if (out.length >= max) return;
      const href = a.href;
      if (typeof href !== 'string' || !/^https?:/i.test(href)) continue;
      const text = (a.innerText || a.getAttribute('aria-label') || a.getAttribute('title') || '').trim().slice(0, 200);
      out.push({ href, text, inBanner: layered(a) });
    }
    for (const el of Array.from(root.querySelectorAll('*'))) {
      if (out.length >= max) return;
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return out;
}`;

export async function pageLinks(page: Page, timeoutMs = 3000): Promise<PageLink[]> {
  const links: PageLink[] = [];
  const main = page.mainFrame();
  for (const frame of page.frames()) {
    if (links.length >= MAX_LINKS) break;
    const work = frame.evaluate(`(${COLLECT})(${MAX_LINKS - links.length})`).then((r) => (Array.isArray(r) ? r as Array<{ href: string; text: string; inBanner: boolean }> : []), () => []);
    const found = await Promise.race([work, new Promise<Array<{ href: string; text: string; inBanner: boolean }>>((r) => setTimeout(() => r([]), timeoutMs).unref())]);
    for (const l of found) links.push({ href: l.href, text: l.text, inBanner: l.inBanner || frame !== main });
  }
  return links;
}
