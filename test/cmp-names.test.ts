/**
 * Consent managers named as users know them (knowledge/cmp-names.json): autoconsent's rule names are
 * renamed in the report, the rule name kept beside; a heuristic banner is named by its own elements;
 * the data names only rules the autoconsent package really has.
 */
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { createCmpNamer } from '../src/cmp-names.ts';
import { CMP_NAMES } from '../knowledge/index.ts';
import { ENGINE } from '../defaults/engine.ts';
import { banner, cookie, createObservations, rejectedBanner } from './helpers/observations.ts';
import { FORMATS, render } from '../reports/index.ts';
import { siteErrors } from './helpers/schema.ts';

const AUTOCONSENT = new URL('../node_modules/@duckduckgo/autoconsent/', import.meta.url);

/** Every rule name the installed autoconsent can report: its JSON rules and its coded CMP classes. */
function autoconsentRuleNames(): Set<string> {
  const json = JSON.parse(readFileSync(new URL('rules/rules.json', AUTOCONSENT), 'utf8')) as { autoconsent: Array<{ name: string }> };
  const names = new Set(json.autoconsent.map((r) => r.name));
  const cmps = new URL('lib/cmps/', AUTOCONSENT);
  for (const file of readdirSync(cmps)) {
    for (const m of readFileSync(new URL(file, cmps), 'utf8').matchAll(/\bname = '([^']+)'/g)) names.add(m[1]!);
  }
  return names;
}

describe('consent-manager names', () => {
  const name = createCmpNamer(CMP_NAMES.entries);

  it('names Osano\'s cookieconsent by its product, not autoconsent\'s "Complianz optin", and keeps the rule name', () => {
    const b = name(banner({ detected: true, cmp: 'Complianz optin', method: 'autoconsent' }));
    expect(b).to.include({ cmp: 'Osano cookieconsent', cmpRule: 'Complianz optin' });
    expect(name(banner({ detected: true, cmp: 'cookieconsent3', method: 'autoconsent' })).cmp).to.equal('CookieConsent v3 (orestbida)');
  });

  it('names a banner only the heuristic found by the product\'s own element in its path', () => {
    const web = name(banner({ detected: true, method: 'heuristic', selector: 'html > body > cookie-consent-banner >>> div > div:nth-of-type(1)' }));
    expect(web).to.include({ cmp: 'Porsche Cookie Consent Banner' });
    expect(web).not.to.have.property('cmpRule');
    expect(name(banner({ detected: true, method: 'heuristic', selector: '#cookies-eu-banner' })).cmp).to.equal('Cookies EU banner');
    expect(name(banner({ detected: true, method: 'heuristic', selector: 'html > body > div:nth-of-type(3)' })).cmp).to.equal(null);
  });

  it('leaves unknown names, product names and undetected banners as they are', () => {
    expect(name(banner({ detected: true, cmp: 'some-new-rule' }))).to.deep.equal(banner({ detected: true, cmp: 'some-new-rule' }));
    expect(name(banner({ detected: true, cmp: 'Klaro!' }))).to.deep.equal(banner({ detected: true, cmp: 'Klaro!' }));
    expect(name(banner({ selector: '#klaro' }))).to.deep.equal(banner({ selector: '#klaro' }));
  });

  it('renames in the report, every phase, while the rules judge the evidence', () => {
    const obs = createObservations({
      initial: { banner: banner({ detected: true, cmp: 'Complianz optin', method: 'autoconsent', acceptFound: true, rejectFound: true, rejectOnFirstLayer: true }) },
      refused: { banner: rejectedBanner({ cmp: 'Complianz optin', method: 'autoconsent' }) },
    });
    const site = ENGINE.auditSite(obs);
    expect(site.banner).to.include({ cmp: 'Osano cookieconsent', cmpRule: 'Complianz optin' });
    expect(site.banner.phases.refused).to.include({ cmp: 'Osano cookieconsent', cmpRule: 'Complianz optin' });
    expect(siteErrors(site)).to.deep.equal([]);
    expect(site.rules.find((r) => r.id === 'cookies-after-refusal')?.outcome).to.equal('pass');
    // A report read back as observations is named the same, not renamed twice.
    const again = ENGINE.auditSite(createObservations({ initial: { banner: site.banner }, refused: { banner: site.banner.phases.refused! } }));
    expect(again.banner).to.include({ cmp: 'Osano cookieconsent' });
  });

  it('never quotes a rule name in a finding or note, in any format or language; the rule name stays on the banner', () => {
    // Informs only, no refusal on the first layer, a tracker kept after refusal: findings of three rules carry the banner.
    const seen = { detected: true, cmp: 'Complianz optin', method: 'autoconsent' as const, text: 'En poursuivant votre navigation, vous acceptez les cookies.',
      acceptFound: true, rejectFound: false, rejectOnFirstLayer: false, impliedConsent: true,
      controls: [{ kind: 'accept' as const, label: 'OK', width: 80, height: 30, filled: true }] };
    const site = ENGINE.auditSite(createObservations({
      initial: { banner: banner(seen) },
      refused: { banner: rejectedBanner({ ...seen, rejectFound: true }), cookies: [cookie({ name: '_ga', storedExpires: '2025-02-15T10:00:00.000Z' })] },
    }));
    const failed = site.rules.filter((r) => r.outcome === 'fail').map((r) => r.id);
    expect(failed).to.include.members(['consent-banner', 'reject-option', 'cookies-after-refusal']);
    expect(JSON.stringify([site.findings, site.rules])).not.to.include('Complianz optin');
    expect(site.banner).to.include({ cmp: 'Osano cookieconsent', cmpRule: 'Complianz optin' });
    const report = ENGINE.buildReport([site]);
    for (const lang of ['en', 'fr'] as const) {
      for (const format of FORMATS.filter((f) => f !== 'json')) expect(render(report, format, { lang }), `${format} ${lang}`).not.to.include('Complianz optin');
    }
  });

  it('lists only rule names the installed autoconsent has, each under one product', () => {
    const known = autoconsentRuleNames();
    const listed = CMP_NAMES.entries.flatMap((e) => e.autoconsent);
    expect(listed.filter((n) => !known.has(n))).to.deep.equal([]);
    expect(listed.filter((n, i) => listed.indexOf(n) !== i)).to.deep.equal([]);
    const selectors = CMP_NAMES.entries.flatMap((e) => e.selectors ?? []);
    expect(selectors.filter((n, i) => selectors.indexOf(n) !== i)).to.deep.equal([]);
  });
});
