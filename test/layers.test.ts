/**
 * The layers of DEVELOPERS.md hold: every relative import of a layer's source files (static,
 * dynamic, re-export) goes to its own folder or to one its "may import" cell names in backticks.
 * The table is the one source; this test reads it.
 */
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { REPO } from './cli/run.ts';

interface Layer { allowed: Set<string> | 'any'; typesOnly: boolean }

/** The layout table's rows: folder → the folders it may import (`everything` for any). */
function layersOf(markdown: string): Map<string, Layer> {
  const layers = new Map<string, Layer>();
  for (const line of markdown.split('\n')) {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (cells.length !== 3 || !/^`[a-z]+\/`$/.test(cells[0]!)) continue;
    const folder = cells[0]!.slice(1, -2);
    const may = cells[2]!;
    const allowed = may.startsWith('everything') ? 'any' as const : new Set([...may.matchAll(/`([a-z]+)\/`/g)].map((m) => m[1]!));
    layers.set(folder, { allowed, typesOnly: may.startsWith('types only') });
  }
  return layers;
}

interface Import { file: string; target: string; typeOnly: boolean }

/** The relative imports of a source file, each with the folder (top level) it reaches. */
function importsOf(file: string, source: string): Import[] {
  const out: Import[] = [];
  const pattern = /\b(import\s+type\b[^;]*?\bfrom|export\s+type\b[^;]*?\bfrom|from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g;
  for (const m of source.matchAll(pattern)) {
    const target = normalize(join(dirname(file), m[2]!));
    out.push({ file, target, typeOnly: /^(import|export)\s+type\b/.test(m[1]!) });
  }
  return out;
}

/** The imports that break the table's rules. */
function violations(layers: Map<string, Layer>, imports: Import[]): string[] {
  const bad: string[] = [];
  for (const i of imports) {
    const from = i.file.split('/')[0]!;
    const to = i.target.split('/')[0]!;
    const layer = layers.get(from);
    // Top-level files (package.json) and folders outside the table (test/, scripts/) are not layers.
    if (!layer || from === to || !i.target.includes('/') || !layers.has(to)) continue;
    if (to === 'cli') bad.push(`${i.file} imports ${i.target}: nothing imports cli/`);
    else if (layer.allowed !== 'any' && !layer.allowed.has(to)) bad.push(`${i.file} imports ${i.target}: ${from}/ may not import ${to}/`);
    else if (layer.typesOnly && !i.typeOnly) bad.push(`${i.file} imports ${i.target}: ${from}/ may import types only`);
  }
  return bad;
}

describe('layers (DEVELOPERS.md "may import")', () => {
  const layers = layersOf(readFileSync(join(REPO, 'DEVELOPERS.md'), 'utf8'));

  it('reads a row for each layer folder', () => {
    expect([...layers.keys()]).to.include.members(['src', 'rules', 'knowledge', 'defaults', 'banner', 'hook', 'crawler', 'extension', 'reports', 'cli', 'policy', 'queue']);
    expect(layers.get('src')!.allowed).to.deep.equal(new Set(['src']));
  });

  it('finds a forbidden import, a value import where types only are allowed, and an import of cli/', () => {
    const imports = [
      ...importsOf('src/engine.ts', "import { RULES } from '../rules/index.ts';"),
      ...importsOf('knowledge/index.ts', "import { compileWording } from '../banner/wording.ts';\nimport type { BannerWording } from '../banner/wording.ts';"),
      ...importsOf('reports/html.ts', "const { main } = await import('../cli/main.ts');"),
      ...importsOf('rules/x.ts', "export { tcfOfPhase } from '../src/tcf.ts';\nimport data from '../package.json' with { type: 'json' };"),
    ];
    expect(violations(layers, imports)).to.deep.equal([
      'src/engine.ts imports rules/index.ts: src/ may not import rules/',
      'knowledge/index.ts imports banner/wording.ts: knowledge/ may import types only',
      'reports/html.ts imports cli/main.ts: nothing imports cli/',
    ]);
  });

  it('holds for every source file of the tree', () => {
    const files = [...layers.keys()].flatMap((folder) => readdirSync(join(REPO, folder), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts')).map((f) => `${folder}/${f}`));
    const imports = files.flatMap((f) => importsOf(f, readFileSync(join(REPO, f), 'utf8')));
    expect(imports.length).to.be.above(300);
    expect(violations(layers, imports)).to.deep.equal([]);
  });
});
