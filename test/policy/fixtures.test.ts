/**
 * Every labelled fixture (the five seeds, read from ../shared/seeds, and the hand-written HTML
 * pages): the extractor finds each required labelled claim, makes no claim that no label allows,
 * and no claim quotes a trap.
 */
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { fixtureIds, loadFixture, PROJECT_DIR, score } from '../../bench/policy-labels.ts';

describe('policy: labelled fixtures', () => {
  const ids = fixtureIds();

  it('has the five seeds and the hand-written fixtures', () => {
    expect(ids.filter((id) => /^\d{3}_/.test(id))).to.have.length(5);
    expect(ids).to.include.members(['fr-table', 'cookiebot-declaration', 'onetrust-declaration', 'fr-prose']);
  });

  for (const id of ids) {
    describe(id, () => {
      const seeds = `${PROJECT_DIR}../shared/seeds`;
      before(function () {
        if (/^\d{3}_/.test(id) && !existsSync(seeds)) this.skip();
      });
      it('finds every labelled claim', () => {
        const f = loadFixture(id);
        expect(score(f.claims, f.labels).missed.map((l) => `${l.kind}: ${l.quote}`)).to.deep.equal([]);
      });
      it('makes no claim the labels do not allow', () => {
        const f = loadFixture(id);
        expect(score(f.claims, f.labels).falsePositives.map((c) => `${c.kind}: ${c.quote}`)).to.deep.equal([]);
      });
      it('makes no claim from a trap', () => {
        const f = loadFixture(id);
        expect(score(f.claims, f.labels).trapClaims.map((t) => `${t.trap} → ${t.claim.kind}`)).to.deep.equal([]);
      });
    });
  }
});
