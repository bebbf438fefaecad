/** Cookie tables (policy/tables.ts): header mapping, placeholders, dl lists, consent tools' markup. */
import { expect } from 'chai';
import { cookieNamePattern, extractClaims, mapColumns, POLICY_VOCABULARY as V, type CookieDeclaredClaim } from '../../policy/index.ts';

const declared = (html: string) => extractClaims(html, V).filter((c): c is CookieDeclaredClaim => c.kind === 'cookie-declared');

describe('policy: cookie tables', () => {
  it('turns placeholders into a wildcard', () => {
    expect(cookieNamePattern('_ga_XXXXXXX')).to.equal('_ga_*');
    expect(cookieNamePattern('_ga_<id>')).to.equal('_ga_*');
    expect(cookieNamePattern('_ga_#')).to.equal('_ga_*');
    expect(cookieNamePattern('_ga_[ID]')).to.equal('_ga_*');
    expect(cookieNamePattern('_hjSessionUser_{site_id}')).to.equal('_hjSessionUser_*');
    expect(cookieNamePattern('VISITOR_INFO1_LIVE')).to.equal('VISITOR_INFO1_LIVE');
  });

  it('maps French and English headers, an exact header beating a longer one that contains it', () => {
    expect(mapColumns(['Nom du cookie', 'Fournisseur', 'Finalité', 'Durée de conservation'], V))
      .to.deep.equal({ name: 0, provider: 1, purpose: 2, lifetime: 3 });
    expect(mapColumns(['Cookie Subgroup', 'Cookies', 'Cookies used', 'Lifespan'], V)).to.include({ provider: 0, name: 1, lifetime: 3 });
    expect(mapColumns(['Finalité', 'Base légale', 'Durée de conservation'], V)).to.not.have.property('name');
  });

  it('reads a French table: wildcard, 13 mois, Session, 2 ans, vendor from the provider column', () => {
    const rows = declared(`<h2>Cookies</h2><table><tr><th>Nom</th><th>Éditeur</th><th>Durée</th></tr>
      <tr><td>_ga_XXXXXXX</td><td>Google Analytics</td><td>13&nbsp;mois</td></tr>
      <tr><td>PHPSESSID</td><td>nous</td><td>Session</td></tr>
      <tr><td>li_gc</td><td>LinkedIn</td><td>2 ans</td></tr></table>`);
    expect(rows.map((r) => [r.name, r.lifetimeDays ?? r.session, r.vendor])).to.deep.equal([
      ['_ga_*', 395.68, 'Google Analytics'], ['PHPSESSID', true, 'nous'], ['li_gc', 730.49, 'LinkedIn'],
    ]);
    expect(rows[0]!.section).to.equal('Cookies');
    expect(rows[0]!.quote).to.equal('_ga_XXXXXXX | Google Analytics | 13 mois');
  });

  it('gives no row for a data-retention table (no name column)', () => {
    expect(extractClaims('<table><tr><th>Finalité</th><th>Durée de conservation</th></tr><tr><td>Candidatures</td><td>2 ans</td></tr></table>', V)).to.deep.equal([]);
  });

  it('pairs comma-separated names with comma-separated lifetimes (OneTrust rows)', () => {
    const rows = declared('<table><tr><th>Cookies</th><th>Lifespan</th></tr><tr><td>_ga, _gid</td><td>730 Days, 1 Days</td></tr></table>');
    expect(rows.map((r) => [r.name, r.lifetimeDays])).to.deep.equal([['_ga', 730], ['_gid', 1]]);
  });

  it('reads dl lists of cookies', () => {
    const rows = declared('<dl><dt>_uetvid</dt><dd>Fournisseur : Microsoft Advertising. Durée : 1 an et 1 mois.</dd></dl>');
    expect(rows).to.have.length(1);
    expect(rows[0]).to.include({ name: '_uetvid', lifetimeDays: 395.68, vendor: 'Microsoft Advertising' });
  });

  it("reads Complianz's div grid", () => {
    const rows = declared(`<div class="cmplz-cookies-overview"><details class="cmplz-dropdown"><summary><div class="cmplz-service-header">Google Analytics</div></summary>
      <div class="cookies-per-purpose"><div class="purpose"><h4>Statistics</h4></div>
      <div class="name-header"><h5>Name</h5></div><div class="name">_ga</div>
      <div class="retention-header"><h5>Expiration</h5></div><div class="retention">2 years</div>
      <div class="function-header"><h5>Function</h5></div><div class="function">Store and count pageviews</div></div></details></div>`);
    expect(rows).to.have.length(1);
    expect(rows[0]).to.include({ name: '_ga', lifetimeDays: 730.49, vendor: 'Google Analytics', purpose: 'Store and count pageviews' });
  });

  it('ignores the table of a consent banner', () => {
    const html = `<div id="CybotCookiebotDialog"><table><tr><th>Name</th><th>Expiry</th></tr><tr><td>_ga</td><td>2 years</td></tr></table></div>`;
    expect(declared(html)).to.deep.equal([]);
  });
});
