/**
 * Control characters from an audited site never reach a report file raw: the renderers of text
 * formats (HTML, Markdown, CSV, JUnit) drop them from every site string, and JSON files (report.json,
 * SARIF, results.jsonl) escape the ones JSON.stringify leaves raw (DEL, C1, bidi controls, line and
 * paragraph separators), so `cat report.sarif` on a terminal runs no escape sequence and an editor
 * shows no reordered text.
 *
 * @example
 *   inertText('a\u001b[2Kb\u202ec')            // → 'a[2Kbc'
 *   inertJson({ tid: 'UA-1\u009b2J' })         // → '{"tid":"UA-1\\u009b2J"}'
 */

/** C0 but tab and LF (a CR returns a terminal to column 0); DEL; C1; bidi controls (ALM, LRM, RLM, LRE…RLO, LRI…PDI); LS, PS. */
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Site text with every control character removed; tabs and line feeds kept (callers fold them as their format needs). */
export function inertText(raw: unknown): string {
  return String(raw ?? '').replace(CONTROL, '');
}

/** Characters JSON.stringify keeps raw although a terminal or an editor would act on them. */
// eslint-disable-next-line no-control-regex
const JSON_RAW = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** JSON text with those characters written as `\uXXXX` escapes: the same value once parsed. */
export function escapeJsonControls(json: string): string {
  return json.replace(JSON_RAW, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** JSON.stringify, then escapeJsonControls. */
export function inertJson(value: unknown, space?: number): string {
  return escapeJsonControls(JSON.stringify(value, null, space));
}
