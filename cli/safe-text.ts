/**
 * Makes site-controlled text safe to print on a terminal: the one function every site-derived
 * string goes through before it reaches stdout or stderr (gate summary, rule messages, summary
 * table, progress, errors, whatever `report` prints from a crafted report.json or `--baseline`).
 *
 * Removed: C0 controls and DEL (ESC starts CSI/OSC sequences: cursor moves, line erases, OSC 52
 * clipboard writes), C1 controls U+0080–U+009F (U+009B is a one-byte CSI on some terminals),
 * bidi controls (U+061C, U+200E/F, U+202A–E, U+2066–9) and line/paragraph separators. Tabs, line
 * feeds and carriage returns become spaces, so a site cannot start a new line that looks like
 * ours or return to the start of one (`\rPASS`). Length capped.
 *
 * @example
 *   terminalSafe('evil\u001b[2Jname') // → 'evil[2Jname'
 *   terminalLines('Cannot read:\n  /a\u001b[2K')  // → 'Cannot read:\n  /a[2K' (our own line breaks kept)
 */
// eslint-disable-next-line no-control-regex
const WHITE = /[\t\n\r\v\f]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: unknown, max = 200): string {
  const clean = String(text ?? '').replace(WHITE, ' ').replace(UNSAFE, '');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** A message of our own that may span lines: each line made safe, our line breaks kept. */
export function terminalLines(text: unknown, maxPerLine = 2000): string {
  return String(text ?? '').split('\n').map((line) => terminalSafe(line, maxPerLine)).join('\n');
}
