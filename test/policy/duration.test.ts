/** Durations in policy text (policy/duration.ts): units, number words, ranges, sums, session. */
import { expect } from 'chai';
import { findDuration, parseLifetime, POLICY_VOCABULARY as V } from '../../policy/index.ts';

const max = (s: string) => findDuration(s, V)?.maxDays;

describe('policy: durations', () => {
  it('reads digits and French and English number words with the mean Gregorian month and year', () => {
    expect(max('13 mois')).to.equal(395.68);
    expect(max('treize mois')).to.equal(395.68);
    expect(max('2 ans')).to.equal(730.49);
    expect(max('25 months')).to.equal(760.92);
    expect(max('a year')).to.equal(365.24);
    expect(max('24 heures')).to.equal(1);
    expect(max('24h')).to.equal(1);
    expect(max('400 days')).to.equal(400);
    expect(max('three (3) years')).to.equal(1095.73);
    expect(max('6-mois')).to.equal(182.62);
  });

  it('reads ranges as a minimum and a maximum', () => {
    expect(findDuration('a lifespan of between 30 days and 12 months to one day', V)).to.include({ minDays: 30, maxDays: 365.24 });
    expect(findDuration('comprise entre 30 jours et 6 mois', V)).to.include({ minDays: 30, maxDays: 182.62 });
    expect(findDuration('de 30 jours à 13 mois', V)).to.include({ minDays: 30, maxDays: 395.68 });
  });

  it('adds decreasing units joined by "et" / "and", and does not mistake them for a range', () => {
    expect(findDuration('1 an et 1 mois', V)).to.deep.include({ maxDays: 395.68 }).and.not.have.property('minDays');
    expect(findDuration("une durée de vie maximale d'un an et un mois", V)).to.not.have.property('minDays');
    expect(max("une durée de vie maximale d'un an et un mois")).to.equal(395.68);
    expect(max('1 year and 6 months')).to.equal(547.86);
  });

  it('finds no duration in phone numbers, dates or bare numbers', () => {
    expect(findDuration('08 01 28 04 30', V)).to.equal(null);
    expect(findDuration('SIREN 439 739 947', V)).to.equal(null);
    expect(findDuration('Mise à jour le 3 mars 2024', V)).to.equal(null);
  });

  it('reads table cells: session words, durations, nothing for "Persistent"', () => {
    expect(parseLifetime('Session', V)).to.deep.equal({ session: true });
    expect(parseLifetime("Jusqu'à la fermeture du navigateur", V)).to.deep.equal({ session: true });
    expect(parseLifetime('until you close your browser', V)).to.deep.equal({ session: true });
    expect(parseLifetime('13 mois', V)).to.deep.equal({ maxDays: 395.68 });
    expect(parseLifetime('Persistent', V)).to.equal(null);
    expect(parseLifetime('', V)).to.equal(null);
  });
});
