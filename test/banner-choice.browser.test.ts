/**
 * Banners that give no real choice or make refusing harder, crawled in real Chromium on the fixture web
 * (issue #14 §§ 2-4): implied consent (Osano cookieconsent `info`), a cookie wall, a faint "continuer sans
 * accepter" link, and refusal only in vanilla-cookieconsent's second layer (reached in two steps).
 */
import { expect } from 'chai';
import { crawlFixtureSites, type FixtureCrawl } from './helpers/crawl-fixture-sites.ts';

describe('banner choices on the fixture web (real Chromium)', function () {
  this.timeout(600_000);
  let crawl: FixtureCrawl;
  const finding = (host: string, rule: string) => crawl.audit(host).findings.find((f) => f.rule === rule);

  before(async () => {
    crawl = await crawlFixtureSites(['bandeau-information.test', 'mur-cookies.test', 'refus-discret.test', 'refus-second-niveau.test', 'refus-interrupteurs.test', 'consentement-renomme.test', 'consentement-imite.test']);
  });

  it('gives each site the outcomes it declares', () => {
    expect(crawl.wrong).to.deep.equal([]);
  });

  it('an implied-consent banner with only "OK" fails consent-banner as informing only, with its text as evidence', () => {
    const f = finding('bandeau-information.test', 'consent-banner');
    expect(f?.messageId).to.equal('informOnly');
    expect(f?.message).to.include('only informs; it offers no choice');
    expect(String(f?.evidence.bannerText)).to.include('En poursuivant votre navigation, vous acceptez');
    expect(finding('bandeau-information.test', 'reject-option')?.messageId).to.equal('noRefusal');
  });

  it('a banner covering the page with only "Accepter et continuer" fails as a cookie wall', () => {
    const f = finding('mur-cookies.test', 'consent-banner');
    expect(f?.messageId).to.equal('cookieWall');
    expect(f?.evidence).to.include({ blocksPage: true, kind: 'cookie-wall' });
    expect(String(f?.evidence.bannerText)).to.include('Pour accéder au site, acceptez les cookies');
  });

  it('a faint "continuer sans accepter" link counts as refusal but warns: measured sizes and styles in the evidence', () => {
    const site = crawl.audit('refus-discret.test');
    const f = finding('refus-discret.test', 'reject-option');
    expect(f?.severity).to.equal('warn');
    expect(f?.evidence.reject).to.include({ label: 'continuer sans accepter', filled: false });
    expect(f?.evidence.accept).to.include({ label: 'Accepter et fermer', filled: true });
    expect(f?.evidence.areaRatio as number).to.be.below(0.5);
    expect(site.banner.phases.refused).to.include({ clicked: 'reject', clickWorked: true, refusalSteps: 1 });
  });

  it('refusal only in the second layer fails reject-option, and the refused phase reaches it in two steps', () => {
    const site = crawl.audit('refus-second-niveau.test');
    const f = finding('refus-second-niveau.test', 'reject-option');
    expect(f?.severity).to.equal('error');
    expect(f?.messageId).to.equal('noRefusalSecondLayer');
    expect(f?.message).to.include('behind "Personnaliser"');
    expect(site.banner.phases.refused).to.include({ clicked: 'reject', clickWorked: true, refusalSteps: 2 });
    expect(site.rules.find((r) => r.id === 'cookies-after-refusal')?.outcome).to.equal('pass');
  });

  it('a second layer with toggles and no "Tout refuser": every purpose switched off and saved, in two steps, and judged', () => {
    const site = crawl.audit('refus-interrupteurs.test');
    expect(site.banner.phases.refused).to.include({ clicked: 'reject', clickWorked: true, refusalSteps: 2, refusalToggles: 1 });
    expect(site.rules.find((r) => r.id === 'cookies-after-refusal')?.outcome).to.equal('pass');
    // Saving with the pre-ticked toggle left on would have started GA.
    const refused = site.cookies.filter((c) => c.phase === 'refused').map((c) => c.name);
    expect(refused).to.include('cc_cookie').and.not.to.include('_ga');
    const f = finding('refus-interrupteurs.test', 'reject-option');
    expect(f?.messageId).to.equal('noRefusalSecondLayer');
    expect(f?.message).to.include('behind "Paramétrer"');
  });

  it('a consent cookie under a custom name is exempt by provenance: written by the consent manager\'s script at the click', () => {
    const site = crawl.audit('consentement-renomme.test');
    for (const phase of ['accepted', 'refused'] as const) {
      const c = site.cookies.find((x) => x.phase === phase && x.name === 'mairie_preferences');
      expect(c?.exemption, phase).to.include({ exempt: true, category: 'consent-storage', reasonId: 'consentRecord', matchedBy: 'provenance:consent-record' });
      expect(c?.exemption.reason, phase).to.include('recognised by provenance').and.match(/klaro[^ ]*\.js/);
    }
    expect(site.rules.find((r) => r.id === 'cookies-after-refusal')?.outcome).to.equal('pass');
  });

  it('a tracker written at both clicks by a script named like another consent manager\'s is not taken for a consent record', () => {
    const site = crawl.audit('consentement-imite.test');
    const c = site.cookies.find((x) => x.phase === 'refused' && x.name === 'visite_ref');
    expect(c?.setterUrl).to.match(/\/js\/cookieconsent\.umd\.js$/);
    expect(c?.exemption).to.include({ exempt: false });
    expect(finding('consentement-imite.test', 'cookies-after-refusal')?.cookie).to.equal('visite_ref');
  });

  it('the banner heuristic reports the first layer\'s controls with their boxes and fill', () => {
    const controls = crawl.audit('refus-second-niveau.test').banner.controls ?? [];
    expect(controls.map((c) => c.kind)).to.have.members(['accept', 'settings']);
    for (const c of controls) {
      expect(c.width, c.label).to.be.above(10);
      expect(c.height, c.label).to.be.above(10);
      expect(c.filled, c.label).to.be.a('boolean');
    }
  });
});
