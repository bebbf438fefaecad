/**
 * `cookie-audit policy <file|url> [--format json]`: prints the claims a privacy or cookie policy
 * makes (issue #16). A file is read (.txt as plain text, anything else as HTML); an http(s) URL is
 * fetched once with Node's fetch as plain HTML (no script runs, so tables built by a consent tool's
 * script are missing), capped at MAX_BYTES. Site text printed to a terminal has its control
 * characters removed by cli/safe-text.ts's terminalSafe, like every site string the CLI prints.
 *
 * @example await runPolicy('policy.html', { format: 'json' }, { stdout: console.log, stderr: console.error }) // 0
 */
import { readFile } from 'node:fs/promises';
import { extractClaims, extractClaimsFromText, POLICY_VOCABULARY, type PolicyClaim } from '../policy/index.ts';
import { terminalSafe } from './safe-text.ts';
import { inertJson } from '../reports/inert-text.ts';

/** Largest policy read or downloaded, in bytes. */
export const MAX_BYTES = 5 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 30_000;

export interface PolicyIo { stdout: (s: string) => void; stderr: (s: string) => void }

async function readSource(source: string): Promise<{ body: string; html: boolean }> {
  if (/^https?:\/\//i.test(source)) {
    const res = await fetch(source, { redirect: 'follow', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: 'text/html,text/plain;q=0.9' } });
    if (!res.ok) throw new Error(`HTTP ${res.status} for ${source}`);
    const declared = Number(res.headers.get('content-length') ?? '0');
    if (declared > MAX_BYTES) throw new Error(`${source} is larger than ${MAX_BYTES} bytes`);
    const reader = res.body?.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (reader) {
      for (let r = await reader.read(); !r.done; r = await reader.read()) {
        size += r.value.byteLength;
        if (size > MAX_BYTES) { await reader.cancel(); throw new Error(`${source} is larger than ${MAX_BYTES} bytes`); }
        chunks.push(r.value);
      }
    }
    const body = Buffer.concat(chunks).toString('utf8');
    const type = res.headers.get('content-type') ?? '';
    return { body, html: !/^text\/plain/i.test(type) };
  }
  const buf = await readFile(source);
  if (buf.byteLength > MAX_BYTES) throw new Error(`${source} is larger than ${MAX_BYTES} bytes`);
  return { body: buf.toString('utf8'), html: !/\.txt$/i.test(source) };
}

function details(c: PolicyClaim): string {
  const { kind, quote, section, ...rest } = c;
  void kind; void quote; void section;
  return Object.entries(rest).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ');
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/**
 * Runs the command; returns the exit status as the README's table has it: 0 claims printed, 2 a
 * local file that cannot be read (a usage error), 3 a URL that could not be fetched (like a site
 * that could not be audited). Never 1: that status means findings.
 */
export async function runPolicy(source: string, opts: { format: 'text' | 'json' }, io: PolicyIo): Promise<number> {
  let input: { body: string; html: boolean };
  try {
    input = await readSource(source);
  } catch (err) {
    io.stderr(`cookie-audit policy: cannot read ${terminalSafe(source, 2000)}: ${terminalSafe((err as Error).message, 2000)}\n`);
    return /^https?:\/\//i.test(source) ? 3 : 2;
  }
  const claims = input.html ? extractClaims(input.body, POLICY_VOCABULARY) : extractClaimsFromText(input.body, POLICY_VOCABULARY);
  if (opts.format === 'json') {
    // JSON escapes every control character, so the text is safe on a terminal as it is.
    // Policy text is the site's: JSON.stringify leaves C1 controls (a CSI \x9b) raw, inertJson escapes them.
    io.stdout(`${inertJson({ source, claims }, 2)}\n`);
    return 0;
  }
  const rows = claims.map((c) => [c.kind, terminalSafe(details(c), 2000), terminalSafe(clip(c.quote, 100)), terminalSafe(clip(c.section, 40))]);
  const header = ['kind', 'details', 'quote', 'section'];
  const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const fmt = (r: string[]) => r.map((cell, i) => (i === r.length - 1 ? cell : clip(cell, widths[i]!).padEnd(widths[i]!))).join('  ');
  io.stdout(`${terminalSafe(source, 2000)}: ${claims.length} claim${claims.length === 1 ? '' : 's'}\n`);
  if (claims.length) io.stdout(`${[fmt(header), ...rows.map(fmt)].join('\n')}\n`);
  return 0;
}
