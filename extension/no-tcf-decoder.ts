/**
 * Stands in for @iabtechlabtcf/core in the extension's bundles (scripts/build-extension.ts): that
 * library carries XMLHttpRequest code (to fetch vendor lists), and the extension must contain no
 * code that sends data anywhere. The extension records no TC string (only the crawler reads the
 * `euconsent-v2` cookie), so this is never reached; if it were, src/tcf.ts reports the string as
 * not decoded with this reason instead of a verdict.
 */
export const TCString = {
  decode(): never {
    throw new Error('TC strings are decoded by the crawler, not in the extension');
  },
};
