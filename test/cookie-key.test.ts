/** One cookie identity for the collectors (the jar's: name, domain, path) and one for findings (name, domain); the CLI's counts use them. */
import { expect } from 'chai';
import { jarKey, namedCookieKey } from '../src/cookie-key.ts';
import { siteLine } from '../cli/progress.ts';
import { summaryTable } from '../cli/summary-table.ts';
import { ENGINE } from '../defaults/engine.ts';
import { errorSite } from '../src/engine.ts';
import { cookie, createObservations } from './helpers/observations.ts';

describe('cookie identities', () => {
  it('treats a leading dot and the domain\'s case as the browser does', () => {
    expect(jarKey({ name: '_ga', domain: '.A.fr', path: '/' })).to.equal(jarKey({ name: '_ga', domain: 'a.fr', path: '/' }));
    expect(namedCookieKey({ name: '_ga', domain: '.A.fr' })).to.equal(namedCookieKey({ name: '_ga', domain: 'a.fr' }));
  });

  it('keeps cookies of other paths apart in the jar, together in findings, and names case-sensitive', () => {
    expect(jarKey({ name: 'a', domain: 'a.fr', path: '/' })).not.to.equal(jarKey({ name: 'a', domain: 'a.fr', path: '/shop' }));
    expect(namedCookieKey({ name: 'A', domain: 'a.fr' })).not.to.equal(namedCookieKey({ name: 'a', domain: 'a.fr' }));
  });
});

describe('the CLI counts cookies and failing sites by the shared definitions', () => {
  const site = ENGINE.auditSite(createObservations({ initial: { cookies: [cookie({ name: '_ga' })] }, accepted: {}, refused: {} }));
  // The same jar cookie written twice, as a collector may record it: with and without the leading dot.
  const twice = { ...site, cookies: [{ ...site.cookies[0]!, domain: '.Example.fr' }, { ...site.cookies[0]!, domain: 'example.fr' }] };

  it('counts a cookie once in the progress line and the summary table (jarKey)', () => {
    expect(siteLine(twice, 1, 1)).to.match(/ ok: 1 cookie, failing /);
    expect(summaryTable(ENGINE.buildReport([twice])).split('\n')[2]).to.match(/\s1\s+\S/);
  });

  it('counts failing sites as the report totals do (isFailingSite)', () => {
    const down = { ...errorSite('https://down.fr/', 'connection', 'refused'), rules: site.rules };
    expect(summaryTable(ENGINE.buildReport([site, down]))).to.match(/2 sites: 1 failing at least one rule, 1 could not be audited\./);
  });
});
