/**
 * `npm run lint:data`: every knowledge file (knowledge/*.json) against the schema beside it
 * (`<name>.schema.json`), plus what a schema cannot say (regular expressions compile, no duplicate
 * pattern). The syntax check autoconsent runs on its rules, for our data. Exit 1 with one line per
 * problem, `file: /path: message`, so a broken data file never reaches an audit.
 */
import { Ajv } from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../knowledge/', import.meta.url));

export function lintKnowledge(folder = dir): string[] {
  const problems: string[] = [];
  const files = readdirSync(folder).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));
  for (const file of files) {
    const schemaFile = file.replace(/\.json$/, '.schema.json');
    let data: unknown;
    let schema: object;
    try {
      data = JSON.parse(readFileSync(`${folder}/${file}`, 'utf8'));
    } catch (e) {
      problems.push(`${file}: not valid JSON: ${(e as Error).message}`);
      continue;
    }
    try {
      schema = JSON.parse(readFileSync(`${folder}/${schemaFile}`, 'utf8'));
    } catch {
      problems.push(`${file}: no readable schema ${schemaFile} beside it; every knowledge file needs one`);
      continue;
    }
    const check = new Ajv({ allErrors: true, strict: false }).compile(schema);
    if (!check(data)) for (const e of check.errors ?? []) problems.push(`${file}: ${e.instancePath || '/'}: ${e.message}`);
    problems.push(...semanticProblems(file, data));
  }
  return problems;
}

/** What JSON Schema cannot check: regexes compile, entries are not listed twice. */
function semanticProblems(file: string, data: unknown): string[] {
  const out: string[] = [];
  const entries = (data as { entries?: unknown }).entries;
  if (!Array.isArray(entries)) return out;
  const seen = new Set<string>();
  entries.forEach((e: Record<string, unknown>, i) => {
    if (e.match === 'regex' && typeof e.pattern === 'string') {
      try { new RegExp(e.pattern); } catch (err) { out.push(`${file}: /entries/${i}/pattern: not a valid regular expression (${(err as Error).message})`); }
    }
    const key = typeof e.pattern === 'string' ? `${e.match}:${e.pattern}` : typeof e.host === 'string' ? `${e.host}${e.path ?? ''}` : null;
    if (key !== null) {
      if (seen.has(key)) out.push(`${file}: /entries/${i}: ${key} is listed twice`);
      seen.add(key);
    }
  });
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const problems = lintKnowledge();
  for (const p of problems) process.stderr.write(`lint:data: ${p}\n`);
  process.stdout.write(problems.length ? '' : `lint:data: every knowledge file matches its schema\n`);
  process.exitCode = problems.length ? 1 : 0;
}
