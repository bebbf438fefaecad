/**
 * A small RFC 4180 CSV reader (quoted fields, doubled quotes, line breaks inside quotes): for the
 * Open Cookie Database (scripts/build-ocd.ts) and for the tests that read our CSV back. A quote
 * opens a quoted field only at the field's start, as spreadsheets read it; `sep` splits as a
 * French Excel (`;`) or a tab-separated reader would. Null when a quoted field is never closed.
 *
 * @example parseCsv('a,b\n"x,1","say ""hi"""\n') // [['a','b'],['x,1','say "hi"']]
 */
export function parseCsv(text: string, sep = ','): string[][] | null {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let atStart = true;
  const endField = () => { row.push(field); field = ''; atStart = true; };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && atStart) { quoted = true; atStart = false; }
    else if (ch === sep) endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endField(); rows.push(row); row = [];
    } else { field += ch; atStart = false; }
  }
  if (quoted) return null;
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}
