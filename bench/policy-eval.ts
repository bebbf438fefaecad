/**
 * Precision and recall of the policy extractor (policy/) against the hand-written labels, per
 * claim kind and per group, over every labelled fixture (the five seeds in ../shared/seeds and the
 * hand-written HTML fixtures), plus the claims that traps produced. Prints figures; asserts nothing
 * (test/policy/fixtures.test.ts does).
 *
 *   npx tsx bench/policy-eval.ts [--verbose]
 *
 * Targets (issue #16): precision ≥ 0.95 overall and ≥ 0.98 for the kinds feeding policy-claims;
 * recall ≥ 0.90 for table rows, ≥ 0.85 for lifetimes, ≥ 0.75 for prose statements; zero trap claims.
 */
import { fixtureIds, loadFixture, score, type KindScore } from './policy-labels.ts';

const verbose = process.argv.includes('--verbose');

const GROUPS: Record<string, { kinds: string[]; precision?: number; recall?: number }> = {
  'table rows': { kinds: ['cookie-declared'], recall: 0.9 },
  lifetimes: { kinds: ['cookie-lifetime', 'consent-validity'], recall: 0.85 },
  'prose statements': { kinds: ['no-cookies-before-consent', 'no-cookies-at-all', 'ip-anonymised', 'banner', 'implied-consent', 'vendor', 'category', 'hosts'], recall: 0.75 },
  'feeds policy-claims': { kinds: ['no-cookies-before-consent', 'no-cookies-at-all', 'ip-anonymised', 'banner', 'consent-validity', 'implied-consent', 'hosts'], precision: 0.98 },
};

const total = new Map<string, KindScore>();
let trapCount = 0;
const lines: string[] = [];
for (const id of fixtureIds()) {
  const f = loadFixture(id);
  const s = score(f.claims, f.labels);
  for (const [kind, k] of s.byKind) {
    const t = total.get(kind) ?? { tp: 0, fp: 0, fn: 0 };
    t.tp += k.tp; t.fp += k.fp; t.fn += k.fn;
    total.set(kind, t);
  }
  trapCount += s.trapClaims.length;
  lines.push(`${id.padEnd(28)} claims ${String(f.claims.length).padStart(3)}  false+ ${s.falsePositives.length}  missed ${s.missed.length}  trap claims ${s.trapClaims.length}`);
  if (verbose) {
    for (const c of s.falsePositives) lines.push(`    false+  ${c.kind} ${JSON.stringify({ ...c, quote: undefined, section: undefined })} «${c.quote.slice(0, 90)}»`);
    for (const l of s.missed) lines.push(`    missed  ${l.kind} «${l.quote}»`);
    for (const t of s.trapClaims) lines.push(`    trap    «${t.trap}» → ${t.claim.kind}`);
  }
}

const ratio = (a: number, b: number) => (b === 0 ? '—' : (a / b).toFixed(3));
const sum = (kinds: string[]) => kinds.reduce((acc, k) => {
  const t = total.get(k) ?? { tp: 0, fp: 0, fn: 0 };
  return { tp: acc.tp + t.tp, fp: acc.fp + t.fp, fn: acc.fn + t.fn };
}, { tp: 0, fp: 0, fn: 0 });

console.log('Per fixture');
for (const l of lines) console.log(`  ${l}`);
console.log('\nPer kind                      TP   FP   FN  precision  recall');
for (const kind of [...total.keys()].sort()) {
  const t = total.get(kind)!;
  console.log(`  ${kind.padEnd(26)} ${String(t.tp).padStart(4)} ${String(t.fp).padStart(4)} ${String(t.fn).padStart(4)}  ${ratio(t.tp, t.tp + t.fp).padStart(9)}  ${ratio(t.tp, t.tp + t.fn).padStart(6)}`);
}
console.log('\nPer group                     TP   FP   FN  precision  recall  target');
for (const [name, g] of Object.entries(GROUPS)) {
  const t = sum(g.kinds);
  const target = [g.precision ? `P ≥ ${g.precision}` : '', g.recall ? `R ≥ ${g.recall}` : ''].filter(Boolean).join(', ');
  const ok = (!g.precision || t.tp / (t.tp + t.fp) >= g.precision) && (!g.recall || t.tp / (t.tp + t.fn) >= g.recall);
  console.log(`  ${name.padEnd(26)} ${String(t.tp).padStart(4)} ${String(t.fp).padStart(4)} ${String(t.fn).padStart(4)}  ${ratio(t.tp, t.tp + t.fp).padStart(9)}  ${ratio(t.tp, t.tp + t.fn).padStart(6)}  ${target} ${ok ? 'met' : 'NOT MET'}`);
}
const all = sum([...total.keys()]);
console.log(`  ${'overall'.padEnd(26)} ${String(all.tp).padStart(4)} ${String(all.fp).padStart(4)} ${String(all.fn).padStart(4)}  ${ratio(all.tp, all.tp + all.fp).padStart(9)}  ${ratio(all.tp, all.tp + all.fn).padStart(6)}  P ≥ 0.95 ${all.tp / (all.tp + all.fp) >= 0.95 ? 'met' : 'NOT MET'}`);
console.log(`\nTrap claims: ${trapCount} (target 0)`);
