/** Negation, exceptions, scope and traps (policy/claims.ts): what must and must not be a claim. */
import { expect } from 'chai';
import { extractClaims, extractClaimsFromText, POLICY_VOCABULARY as V, type PolicyClaim } from '../../policy/index.ts';

const kinds = (text: string) => extractClaimsFromText(text, V).map((c) => c.kind);
const only = (text: string): PolicyClaim => {
  const claims = extractClaimsFromText(text, V);
  expect(claims, JSON.stringify(claims)).to.have.length(1);
  return claims[0]!;
};

describe('policy: negation and scope', () => {
  it('a negated vendor is no vendor claim; an affirmed one is', () => {
    expect(kinds("Nous n'utilisons pas Google Analytics.")).to.deep.equal([]);
    expect(kinds('We do not use Hotjar or any session-recording tool.')).to.deep.equal([]);
    expect(only('Nous utilisons Google Analytics.')).to.include({ kind: 'vendor', name: 'Google Analytics', category: 'analytics' });
  });

  it('a platform name is a vendor only with a tracking word and never next to "profile" or "page"', () => {
    expect(kinds('Links to your professional profiles such as your LinkedIn profile.')).to.deep.equal([]);
    expect(kinds('données relatives à votre profil LinkedIn')).to.deep.equal([]);
    expect(kinds('Follow our LinkedIn page for news.')).to.deep.equal([]);
    expect(kinds('We are on LinkedIn.')).to.deep.equal([]);
    expect(only('LinkedIn sets cookies when you use its share button.')).to.include({ kind: 'vendor', name: 'LinkedIn', category: 'social' });
  });

  it('browser instructions and browser names give nothing', () => {
    expect(kinds('On your computer, open Chrome. At the top right, click More.')).to.deep.equal([]);
    expect(kinds('Pour Chrome : cliquez sur Paramètres, puis Cookies tiers.')).to.deep.equal([]);
    expect(kinds('The type and version of browser used (Microsoft Internet Explorer, Apple Safari, Google Chrome).')).to.deep.equal([]);
  });

  it('data-retention durations are not cookie lifetimes; cookie lifetimes are', () => {
    expect(kinds('Vos données sont conservées pendant une durée de 13 mois.')).to.deep.equal([]);
    expect(kinds('Les statistiques de fréquentation sont conservées 25 mois.')).to.deep.equal([]);
    expect(kinds('Data collected via cookies are kept for 25 months.')).to.deep.equal([]);
    expect(only('Les cookies ont une durée de vie de 13 mois.')).to.deep.include({ kind: 'cookie-lifetime', maxDays: 395.68, scope: 'all' });
  });

  it('scopes a lifetime to the vendor or the cookie the sentence names', () => {
    const byVendor = extractClaimsFromText('Les cookies de Google Analytics ont une durée de vie de 13 mois.', V).find((c) => c.kind === 'cookie-lifetime');
    expect(byVendor).to.deep.include({ scope: { vendor: 'Google Analytics' } });
    expect(only('Le cookie _ga expire au bout de 2 ans.')).to.deep.include({ scope: { cookie: '_ga' }, maxDays: 730.49 });
  });

  it('phone numbers give nothing', () => {
    expect(kinds('Pour toute question, appelez le 01 44 55 66 77 du lundi au vendredi, de 9 h à 18 h.')).to.deep.equal([]);
    expect(kinds('08 01 28 04 30')).to.deep.equal([]);
  });

  it('"no cookie without consent, except…" holds only when the exception is strictly necessary cookies', () => {
    expect(kinds("Aucun cookie n'est déposé sans votre consentement, sauf les cookies strictement nécessaires.")).to.deep.equal(['no-cookies-before-consent']);
    expect(kinds("Aucun cookie n'est déposé sans votre consentement, sauf les cookies publicitaires de nos partenaires.")).to.deep.equal([]);
  });

  it('"no cookies at all" is not "no cookies before consent"', () => {
    expect(kinds("Ce site n'utilise aucun cookie.")).to.deep.equal(['no-cookies-at-all']);
    expect(kinds('We do not use cookies without your consent.')).to.not.include('no-cookies-at-all');
  });

  it('negated banner, IP anonymisation and implied consent give nothing', () => {
    expect(kinds("Nous n'affichons pas de bandeau cookies.")).to.deep.equal([]);
    expect(kinds("Votre adresse IP n'est pas anonymisée.")).to.deep.equal([]);
    expect(kinds('IP addresses are not anonymised.')).to.deep.equal([]);
    expect(kinds('La poursuite de la navigation ne vaut pas acceptation.')).to.deep.equal([]);
    expect(kinds("L'adresse IP est anonymisée.")).to.deep.equal(['ip-anonymised']);
  });

  it('continuing after a policy update is not implied consent to cookies', () => {
    expect(kinds('If you continue to use our Services after we publish changes to the Privacy Policy, this means that you accept the updates.')).to.deep.equal([]);
    expect(kinds('En poursuivant votre navigation, vous acceptez le dépôt de cookies.')).to.deep.equal(['implied-consent']);
  });

  it("the banner's own text, hidden text, navigation and footer give nothing", () => {
    const html = `<nav>Cookies : ce site n'utilise aucun cookie</nav>
      <div class="cookie-banner"><p>En poursuivant votre navigation, vous acceptez les cookies.</p><button>Accepter</button></div>
      <p style="display:none">Ce site n'utilise aucun cookie.</p><p hidden>Ce site n'utilise aucun cookie.</p>
      <p aria-hidden="true">Ce site n'utilise aucun cookie.</p>
      <form><label>Ce site n'utilise aucun cookie.</label></form>
      <footer>Ce site n'utilise aucun cookie.</footer>`;
    expect(extractClaims(html, V)).to.deep.equal([]);
    expect(extractClaims(html.replace('<footer>', '<main>').replace('</footer>', '</main>'), V).map((c) => c.kind)).to.deep.equal(['no-cookies-at-all']);
  });

  it('quotes the sentence and names the heading above it', () => {
    const [claim] = extractClaims('<h2>Durée</h2><p>Intro. Les cookies sont conservés 13 mois. Fin.</p>', V);
    expect(claim).to.include({ quote: 'Les cookies sont conservés 13 mois.', section: 'Durée' });
  });

  it('lists hosts from a list of host names and from a sentence', () => {
    const claims = extractClaims('<ul><li>exemple.fr</li><li>boutique.exemple.fr</li></ul><p>Contact : dpo@exemple.fr</p>', V);
    expect(claims).to.have.length(1);
    expect(claims[0]).to.deep.include({ kind: 'hosts', list: ['exemple.fr', 'boutique.exemple.fr'] });
  });
});
