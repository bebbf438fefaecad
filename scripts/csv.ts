/**
 * A small RFC 4180 CSV parser (quoted fields, doubled quotes, newlines inside quotes).
 * Returns null when a quoted field is never closed.
 *
 * @example parseCsv('a,b\n"x,1","say ""hi"""\n') // [['a','b'],['x,1','say "hi"']]
 */
export function parseCsv(text: string): string[][] | null {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += ch;
  }
  if (quoted) return null;
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}
