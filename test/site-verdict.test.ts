/** One definition of a failing site, used by the report totals, the CLI table and the extension badge. */
import { expect } from 'chai';
import { ENGINE } from '../defaults/engine.ts';
import { errorSite } from '../src/engine.ts';
import { failingRuleIds, isFailingSite } from '../src/site-verdict.ts';
import { totals } from '../reports/summary.ts';
import { cookie, createObservations } from './helpers/observations.ts';

describe('what counts as a failing site', () => {
  const failing = ENGINE.auditSite(createObservations({ initial: { cookies: [cookie({ name: '_ga' })] }, accepted: {}, refused: {} }));
  const clean = ENGINE.auditSite(createObservations({ initial: {}, accepted: {}, refused: {} }));
  const down = errorSite('https://down.fr/', 'connection', 'refused');

  it('is an audited site with a failed rule; not-applicable rules and unaudited sites are not failures', () => {
    expect(failingRuleIds(failing)).to.include.members(['cookies-before-consent', 'consent-banner']);
    expect(isFailingSite(failing)).to.equal(true);
    expect(clean.rules.some((r) => r.outcome === 'not-applicable')).to.equal(true);
    expect(isFailingSite(clean)).to.equal(false);
    expect(isFailingSite(down)).to.equal(false);
  });

  it('is what the report totals count', () => {
    const report = ENGINE.buildReport([failing, clean, down]);
    expect(totals(report).sitesFailing).to.equal(1);
  });
});
