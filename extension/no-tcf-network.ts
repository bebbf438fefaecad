/**
 * Stands in for @iabtechlabtcf/core's own `Json.js` in the extension's bundles
 * (scripts/build-extension.ts): that module is the library's only network code (XMLHttpRequest, to
 * fetch vendor lists into a GVL), and the extension must contain no code that sends data anywhere.
 * Decoding a TC string (`TCString.decode`, src/tcf.ts) never loads a vendor list, so it works as
 * shipped; loading one fails (the library reports it as a GVLError).
 */
export const Json: Record<string, never> = {};
