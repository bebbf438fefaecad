/** cookie-lifetime: declared lifetime within maxLifetimeMonths calendar months of when the cookie was set. */
import { expect } from 'chai';
import { evaluate, meta } from '../../rules/cookie-lifetime.ts';
import { addCalendarMonths } from '../../src/declared-expiry.ts';
import type { ObservedCookie } from '../../src/model.ts';
import type { DraftFinding, RuleOutput } from '../../src/rule.ts';
import { english } from '../helpers/draft-sentence.ts';
import { cookie, createContext, createObservations } from '../helpers/observations.ts';

const DAY = 86_400;
const SET = '2024-01-15T10:00:00.000Z';

function findings(out: RuleOutput): DraftFinding[] {
  if (!('findings' in out)) throw new Error(`expected findings, got not applicable: ${english(meta, out.notApplicable)}`);
  return out.findings;
}
/** Findings for the given cookies, all seen in the initial phase. */
function judge(cookies: ObservedCookie[], months = 13): DraftFinding[] {
  return findings(evaluate(createObservations({ initial: { cookies } }), createContext({ maxLifetimeMonths: months })));
}

describe('rule cookie-lifetime', () => {
  it('declares its id and reads every phase', () => {
    expect(meta.id).to.equal('cookie-lifetime');
    expect(meta.requiredObservations).to.have.members(['initial', 'accepted', 'refused']);
    expect(meta.description.en).to.match(/13 months/);
  });

  it('passes 390 days and exactly 13 calendar months; fails 13 months and a day', () => {
    expect(judge([cookie({ name: 'a', setAt: SET, declaredMaxAge: 390 * DAY })])).to.deep.equal([]);
    // 15 Jan 2024 + 13 months = 15 Feb 2025 (397 days)
    expect(judge([cookie({ name: 'b', setAt: SET, declaredExpires: 'Sat, 15 Feb 2025 10:00:00 GMT' })])).to.deep.equal([]);
    const out = judge([cookie({ name: 'c', setAt: SET, declaredExpires: 'Sun, 16 Feb 2025 10:00:00 GMT' })]);
    expect(out.map((f) => f.cookie)).to.deep.equal(['c']);
    expect(out[0].evidence).to.include({ basis: 'expires', limit: '2025-02-15T10:00:00.000Z', lifetimeDays: 398 });
  });

  it('counts calendar months, clamping to the end of shorter months', () => {
    expect(new Date(addCalendarMonths(Date.parse('2024-01-31T00:00:00Z'), 1)).toISOString()).to.equal('2024-02-29T00:00:00.000Z');
    expect(new Date(addCalendarMonths(Date.parse('2023-12-31T12:00:00Z'), 13)).toISOString()).to.equal('2025-01-31T12:00:00.000Z');
    const at = '2024-01-31T00:00:00.000Z';
    expect(judge([cookie({ name: 'ok', setAt: at, declaredExpires: 'Thu, 29 Feb 2024 00:00:00 GMT' })], 1)).to.deep.equal([]);
    expect(judge([cookie({ name: 'late', setAt: at, declaredExpires: 'Fri, 01 Mar 2024 00:00:00 GMT' })], 1)).to.have.length(1);
  });

  it('lets a declared Max-Age win over Expires', () => {
    expect(judge([cookie({ name: 'short', declaredMaxAge: DAY, declaredExpires: 'Fri, 01 Jan 2100 00:00:00 GMT' })])).to.deep.equal([]);
    const out = judge([cookie({ name: '_ga', declaredMaxAge: 2 * 365 * DAY, declaredExpires: 'Tue, 16 Jan 2024 10:00:00 GMT' })]);
    expect(out).to.have.length(1);
    expect(out[0].evidence.basis).to.equal('max-age');
  });

  it('reports the declared value as evidence, with the capped stored expiry beside it', () => {
    const out = judge([cookie({
      name: '_ga', setAt: SET, declaredMaxAge: 63_072_000, storedExpires: '2025-02-18T10:00:00.000Z',
    })]);
    expect(out[0].evidence).to.include({
      declaredMaxAge: 63_072_000, storedExpires: '2025-02-18T10:00:00.000Z', effectiveExpiry: '2026-01-14T10:00:00.000Z', lifetimeDays: 730,
    });
    expect(english(meta, out[0])).to.include('_ga').and.include('730 days').and.include('13 months');
  });

  it('falls back to the stored expiry only when nothing was declared', () => {
    expect(judge([cookie({ name: 'stored', storedExpires: '2026-01-15T10:00:00.000Z' })])[0].evidence.basis).to.equal('stored');
    // Declared 30 days: Chromium's 400-day store value must not override it.
    expect(judge([cookie({ name: 'declared', declaredMaxAge: 30 * DAY, storedExpires: '2025-02-18T10:00:00.000Z' })])).to.deep.equal([]);
  });

  it('never fails a session cookie, and judges exempt cookies too', () => {
    expect(judge([cookie({ name: '_ga' })])).to.deep.equal([]);
    expect(judge([cookie({ name: 'PHPSESSID', declaredMaxAge: 3 * 365 * DAY })]).map((f) => f.cookie)).to.deep.equal(['PHPSESSID']);
  });

  it('uses the configured maximum', () => {
    expect(judge([cookie({ name: 'a', declaredMaxAge: 390 * DAY })], 6)).to.have.length(1);
  });

  it('gives one finding per name and domain across phases', () => {
    const long = { declaredMaxAge: 2 * 365 * DAY };
    const obs = createObservations({
      initial: { cookies: [cookie({ name: '_ga', domain: 'example.fr', ...long })] },
      accepted: { cookies: [cookie({ name: '_ga', domain: 'example.fr', ...long }), cookie({ name: '_ga', domain: 'other.fr', ...long })] },
    });
    const out = findings(evaluate(obs, createContext()));
    expect(out.map((f) => [f.domain, f.phase])).to.deep.equal([['example.fr', 'initial'], ['other.fr', 'accepted']]);
    expect(out[0].evidence.phases).to.deep.equal(['initial', 'accepted']);
  });

  it('reads Expires the way browsers do (tough-cookie parseDate)', () => {
    expect(judge([cookie({ name: 'dashes', declaredExpires: 'Wed, 16-Feb-2028 10:00:00 GMT' })])).to.have.length(1);
  });

  it('skips malformed lifetimes instead of throwing', () => {
    const out = judge([
      cookie({ name: 'noStart', setAt: 'yesterday', declaredMaxAge: 10 * 365 * DAY }),
      cookie({ name: 'badExpires', declaredExpires: 'someday' }),
      cookie({ name: 'deleted', declaredMaxAge: -1 }),
      cookie({ name: 'nan', declaredMaxAge: Number.NaN }),
      cookie({ name: 'huge', declaredMaxAge: 1e300 }),
      { value: null } as unknown as ObservedCookie,
    ]);
    expect(out.map((f) => f.cookie)).to.deep.equal(['huge']);
    expect(out[0].evidence.effectiveExpiry).to.equal(null);
  });
});
