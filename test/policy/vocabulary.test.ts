/** knowledge/policy-vocabulary.json matches its schema and its patterns compile. */
import { expect } from 'chai';
import { Ajv } from 'ajv';
import schema from '../../knowledge/policy-vocabulary.schema.json' with { type: 'json' };
import { compilePattern } from '../../policy/vocabulary.ts';
import { POLICY_VOCABULARY as V, compileVocabulary } from '../../policy/index.ts';

describe('policy: vocabulary', () => {
  it('matches its JSON Schema', () => {
    const check = new Ajv({ allErrors: true }).compile(schema);
    const ok = check(V);
    expect(ok ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`)).to.deep.equal([]);
  });

  it('rejects a vendor with an unknown category', () => {
    const check = new Ajv({ allErrors: true }).compile(schema);
    const bad = structuredClone(V);
    bad.vendors.entries[0]!.category = 'marketing' as never;
    expect(check(bad)).to.equal(false);
  });

  it('compiles every pattern, with Unicode-aware word boundaries', () => {
    const c = compileVocabulary(V);
    expect(c.statements.flatMap((s) => s.patterns).length).to.be.greaterThan(10);
    expect(compilePattern('\\bip\\s+anonymisée?\\b').test("l'ip anonymisée.")).to.equal(true);
    expect(compilePattern('\\bcookie\\b').test('cookies')).to.equal(false);
  });

  it('names each vendor once, aliases unique across vendors', () => {
    const names = V.vendors.entries.map((v) => v.name);
    expect(new Set(names).size).to.equal(names.length);
    const aliases = V.vendors.entries.flatMap((v) => v.aliases.map((a) => a.toLowerCase()));
    expect(new Set(aliases).size).to.equal(aliases.length);
  });

  it('scores a cookie policy link above a privacy policy above a legal notice', () => {
    const best = (kind: string) => Math.max(...V.policyLinks.text.filter((t) => t.kind === kind).map((t) => t.score));
    expect(best('cookie-policy')).to.be.greaterThan(best('privacy-policy'));
    expect(best('privacy-policy')).to.be.greaterThan(best('legal-notice'));
  });
});
