/**
 * report.json laid out to be written and read one site at a time: the header fields one per line,
 * then `"sites": [`, then each site's JSON on a line of its own, then `]` and `}`. Still one valid
 * JSON document (any JSON reader takes it); cli/read-report.ts streams it back line by line, so no
 * report, however many sites it holds, is ever one string in memory.
 *
 *   {
 *     "schemaVersion": 2,
 *     "tool": {"name":"cookie-audit","version":"0.1.0"},
 *     "generatedAt": "2025-06-01T10:00:00.000Z",
 *     "config": {"maxLifetimeMonths":13,"rules":{…}},
 *     "sites": [
 *       {"url":"https://a.fr/",…},
 *       {"url":"https://b.fr/",…}
 *     ]
 *   }
 *
 * @example
 *   for (const chunk of reportJsonChunks(report)) await file.write(chunk);
 */
import type { ReportSource } from '../src/model.ts';
import { escapeJsonControls } from './inert-text.ts';

const json = (value: unknown) => escapeJsonControls(JSON.stringify(value));

/** The document in pieces: the header, then one piece per site (with its line end), then the footer. */
export function* reportJsonChunks(report: ReportSource): Generator<string> {
  const { sites, ...head } = report;
  let text = '{\n';
  for (const [key, value] of Object.entries(head)) text += `  ${JSON.stringify(key)}: ${json(value)},\n`;
  // Each site is written once the next is known: the last one takes no comma.
  let pending: string | null = null;
  for (const site of sites) {
    if (pending === null) yield `${text}  "sites": [\n`;
    else yield `    ${pending},\n`;
    pending = json(site);
  }
  if (pending === null) {
    yield `${text}  "sites": []\n}\n`;
    return;
  }
  yield `    ${pending}\n`;
  yield '  ]\n}\n';
}

/** Writes the chunks through `write` in blocks of about `blockSize` characters (few system calls, bounded memory). */
export async function writeChunks(chunks: Iterable<string>, write: (text: string) => Promise<unknown>, blockSize = 1 << 20): Promise<void> {
  let block = '';
  for (const chunk of chunks) {
    block += chunk;
    if (block.length >= blockSize) {
      await write(block);
      block = '';
    }
  }
  if (block !== '') await write(block);
}
