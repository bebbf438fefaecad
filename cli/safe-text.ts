/**
 * Makes site-controlled text safe to print on a terminal: control characters (escape sequences,
 * carriage returns, bidi overrides) removed, length capped.
 *
 * @example
 *   terminalSafe('evil\u001b[2Jname') // → 'evil[2Jname'
 */
export function terminalSafe(text: unknown, max = 200): string {
  const clean = String(text ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
