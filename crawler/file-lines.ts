/**
 * A file's lines, read in 1 MiB chunks, never the whole file as one string (Node's string limit is
 * near 512 MiB: a report.json or results.jsonl of 100,000 sites is larger), each with where it is in
 * the file so it can be read again alone. Lines are split on the byte 0x0A, which is never part of
 * a multi-byte UTF-8 character, and each is decoded alone: no decoder state to carry.
 *
 * @example
 *   for (const line of fileLines('results.jsonl')) JSON.parse(line);
 *   const spans = [...fileLineSpans('results.jsonl')];  // { text, offset, bytes }
 *   readSpan(fd, spans[3]!)                              // that line again
 */
import { open } from 'node:fs/promises';
import { closeSync, openSync, readSync } from 'node:fs';

/** Where a line is: its first byte and its length in bytes (without the line end). */
export interface Span { offset: number; bytes: number }

export function* fileLineSpans(path: string): Generator<Span & { text: string }> {
  const fd = openSync(path, 'r');
  try {
    let rest: Buffer[] = [];
    let restBytes = 0;
    let position = 0; // of the chunk's first byte
    for (;;) {
      const buffer = Buffer.allocUnsafe(1 << 20);
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      const chunk = buffer.subarray(0, n);
      let start = 0;
      for (let end = chunk.indexOf(10); end !== -1; end = chunk.indexOf(10, start)) {
        const piece = chunk.subarray(start, end);
        const text = rest.length === 0 ? piece.toString('utf8') : Buffer.concat([...rest, piece]).toString('utf8');
        yield { text, offset: position + start - restBytes, bytes: restBytes + piece.length };
        rest = [];
        restBytes = 0;
        start = end + 1;
      }
      if (start < n) {
        rest.push(chunk.subarray(start));
        restBytes += n - start;
      }
      position += n;
    }
    if (rest.length > 0) yield { text: Buffer.concat(rest).toString('utf8'), offset: position - restBytes, bytes: restBytes };
  } finally {
    closeSync(fd);
  }
}

export function* fileLines(path: string): Generator<string> {
  for (const line of fileLineSpans(path)) yield line.text;
}

/** The line at `span` of the file open as `fd`. */
export function readSpan(fd: number, span: Span): string {
  const buffer = Buffer.allocUnsafe(span.bytes);
  let read = 0;
  while (read < span.bytes) {
    const n = readSync(fd, buffer, read, span.bytes - read, span.offset + read);
    if (n === 0) throw new Error(`The file ends before byte ${span.offset + span.bytes}: it changed while cookie-audit was reading it; run the command again once nothing else writes to it.`);
    read += n;
  }
  return buffer.toString('utf8');
}

/**
 * Writes one JSON line per `[key, value]` to `path` (replacing it), in blocks of about 1 MiB, and
 * gives where each key's line is: a long results file is rewritten without holding it in memory.
 */
export async function writeJsonLines(path: string, entries: Iterable<readonly [string, unknown]>): Promise<Map<string, Span>> {
  const spans = new Map<string, Span>();
  const file = await open(path, 'w');
  try {
    let offset = 0;
    let block = '';
    for (const [key, value] of entries) {
      const line = JSON.stringify(value);
      const bytes = Buffer.byteLength(line);
      spans.set(key, { offset, bytes });
      offset += bytes + 1;
      block += `${line}\n`;
      if (block.length >= 1 << 20) {
        await file.write(block);
        block = '';
      }
    }
    await file.write(block);
  } finally {
    await file.close();
  }
  return spans;
}
