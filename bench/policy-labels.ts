/**
 * The hand-written labels of test/fixtures/policies/*.labels.json and how extracted claims are
 * scored against them; shared by bench/policy-eval.ts and test/policy/fixtures.test.ts.
 *
 * A claim matches a label when the kind is the same, the key fields agree (names, categories and
 * scopes exactly, host lists as sets, days within max(0.5, 0.5 %)), and the claim's quote contains
 * the label's quote (both normalised, case-insensitive). Optional labels are neither required for
 * recall nor counted as false positives. A trap is a substring no claim's quote may contain.
 *
 * @example const { claims, labels } = loadFixture('fr-table'); score(claims, labels)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractClaims, extractClaimsFromText, normaliseText, POLICY_VOCABULARY, type PolicyClaim } from '../policy/index.ts';

export const FIXTURES_DIR = fileURLToPath(new URL('../test/fixtures/policies/', import.meta.url));
export const PROJECT_DIR = fileURLToPath(new URL('../', import.meta.url));

export interface Label {
  kind: PolicyClaim['kind'];
  quote: string;
  optional?: boolean;
  [field: string]: unknown;
}

export interface LabelFile {
  description: string;
  /** A path relative to the project root (seeds: ../shared/seeds/…) or to the fixtures folder. */
  source: string;
  format: 'text' | 'html';
  claims: Label[];
  traps: string[];
}

export interface Fixture { id: string; labels: LabelFile; claims: PolicyClaim[] }

/** Every labelled fixture id (file stem). */
export function fixtureIds(): string[] {
  return readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.labels.json')).map((f) => f.replace(/\.labels\.json$/, '')).sort();
}

/** Reads a fixture's labels and source, and extracts its claims. */
export function loadFixture(id: string): Fixture {
  const labels = JSON.parse(readFileSync(`${FIXTURES_DIR}${id}.labels.json`, 'utf8')) as LabelFile;
  const path = labels.source.startsWith('../') ? `${PROJECT_DIR}${labels.source}` : `${FIXTURES_DIR}${labels.source}`;
  const text = readFileSync(path, 'utf8');
  const claims = labels.format === 'html' ? extractClaims(text, POLICY_VOCABULARY) : extractClaimsFromText(text, POLICY_VOCABULARY);
  return { id, labels, claims };
}

const norm = (s: string) => normaliseText(s).toLowerCase();
const closeDays = (a: unknown, b: unknown) =>
  a === undefined && b === undefined ? true : typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= Math.max(0.5, 0.005 * b);

/** Whether an extracted claim satisfies a label. */
export function matches(claim: PolicyClaim, label: Label): boolean {
  if (claim.kind !== label.kind) return false;
  if (!norm(claim.quote).includes(norm(label.quote))) return false;
  const c = claim as unknown as Record<string, unknown>;
  switch (label.kind) {
    case 'cookie-declared':
      return c.name === label.name && closeDays(c.lifetimeDays, label.lifetimeDays) && (c.session === true) === (label.session === true)
        && (label.vendor === undefined || c.vendor === label.vendor);
    case 'cookie-lifetime':
      return closeDays(c.maxDays, label.maxDays) && closeDays(c.minDays, label.minDays) && JSON.stringify(c.scope) === JSON.stringify(label.scope);
    case 'consent-validity':
      return closeDays(c.maxDays, label.maxDays);
    case 'vendor':
      return c.name === label.name && c.category === label.category;
    case 'category':
      return c.category === label.category;
    case 'hosts': {
      const a = new Set(c.list as string[]);
      const b = new Set(label.list as string[]);
      return a.size === b.size && [...b].every((h) => a.has(h));
    }
    default:
      return true;
  }
}

export interface KindScore { tp: number; fp: number; fn: number }

export interface FixtureScore {
  byKind: Map<string, KindScore>;
  falsePositives: PolicyClaim[];
  missed: Label[];
  trapClaims: Array<{ trap: string; claim: PolicyClaim }>;
}

/** Scores one fixture's claims against its labels. */
export function score(claims: readonly PolicyClaim[], labels: LabelFile): FixtureScore {
  const byKind = new Map<string, KindScore>();
  const bump = (kind: string, f: keyof KindScore) => {
    const s = byKind.get(kind) ?? { tp: 0, fp: 0, fn: 0 };
    s[f]++;
    byKind.set(kind, s);
  };
  const used = new Set<number>();
  const falsePositives: PolicyClaim[] = [];
  for (const claim of claims) {
    const idx = labels.claims.findIndex((l, i) => !used.has(i) && matches(claim, l));
    const any = idx >= 0 ? idx : labels.claims.findIndex((l) => matches(claim, l));
    if (any < 0) { bump(claim.kind, 'fp'); falsePositives.push(claim); continue; }
    if (idx >= 0) used.add(idx);
    if (!labels.claims[any]!.optional && idx >= 0) bump(claim.kind, 'tp');
  }
  const missed = labels.claims.filter((l, i) => !l.optional && !used.has(i));
  for (const l of missed) bump(l.kind, 'fn');
  const trapClaims = labels.traps.flatMap((trap) => claims.filter((c) => norm(c.quote).includes(norm(trap))).map((claim) => ({ trap, claim })));
  return { byKind, falsePositives, missed, trapClaims };
}
