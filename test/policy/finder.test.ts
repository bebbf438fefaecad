/** The crawler's policy finder (pure parts), `--policy` and the configuration's per-site `policyUrl` (issue #16). */
import { expect } from 'chai';
import { parsePolicy } from '../../cli/crawl-options.ts';
import { UsageError } from '../../cli/usage-error.ts';
import { policyCandidates, rankLinks, readsAsPolicy } from '../../crawler/policy-finder.ts';
import { POLICY_VOCABULARY } from '../../policy/index.ts';
import { configForUrl, ConfigError, loadConfig } from '../../src/config.ts';

const PAGE = 'https://www.ecole.fr/';

describe('policy finder', () => {
  it('prefers a cookie policy to a privacy policy to a legal notice, same-site only', () => {
    const links = [
      { href: '/mentions-legales', text: 'Mentions légales' },
      { href: '/confidentialite', text: 'Politique de confidentialité' },
      { href: 'https://campus.ecole.fr/gestion-cookies', text: 'Gestion des cookies', inBanner: true },
      { href: 'https://autre-site.fr/cookies', text: 'Politique de cookies' },
      { href: '/contact', text: 'Contact' },
    ];
    const picked = policyCandidates(links, PAGE, POLICY_VOCABULARY);
    expect(picked.map((c) => [c.url, c.kind, c.inBanner])).to.deep.equal([
      ['https://campus.ecole.fr/gestion-cookies', 'cookie-policy', true],
      ['https://www.ecole.fr/confidentialite', 'privacy-policy', false],
    ]);
    expect(rankLinks(links, PAGE, POLICY_VOCABULARY).some((c) => c.url.startsWith('https://autre-site.fr'))).to.equal(false);
  });

  it('falls back to a legal notice only when nothing better is linked, and scores URLs without link text', () => {
    expect(policyCandidates([{ href: '/mentions-legales', text: 'Mentions légales' }], PAGE, POLICY_VOCABULARY).map((c) => c.kind)).to.deep.equal(['legal-notice']);
    expect(policyCandidates([{ href: '/politique-cookies', text: '' }], PAGE, POLICY_VOCABULARY).map((c) => c.kind)).to.deep.equal(['cookie-policy']);
  });

  it('keeps a page only when it reads as a policy', () => {
    const policy = `${'Notre politique relative aux cookies et aux données personnelles. '.repeat(20)} Consentement, CNIL, finalité.`;
    expect(readsAsPolicy(policy, POLICY_VOCABULARY)).to.equal(true);
    expect(readsAsPolicy('Page introuvable. Retour à l\'accueil.', POLICY_VOCABULARY)).to.equal(false);
    expect(readsAsPolicy('Nos formations en alternance. '.repeat(80), POLICY_VOCABULARY)).to.equal(false);
  });
});

describe('--policy and policyUrl', () => {
  it('accepts auto, off or an http(s) URL', () => {
    expect(parsePolicy(undefined)).to.equal('auto');
    expect(parsePolicy('off')).to.equal('off');
    expect(parsePolicy('https://www.ecole.fr/cookies')).to.equal('https://www.ecole.fr/cookies');
    expect(() => parsePolicy('file:///etc/passwd')).to.throw(UsageError, /auto, off or an http\(s\) URL/);
  });

  it('gives a site the policyUrl of the override matching it', () => {
    const config = loadConfig({ overrides: [{ urlPattern: 'https://lyon.ecole.fr/**', policyUrl: 'https://www.ecole.fr/cookies' }] });
    expect(configForUrl(config, 'https://lyon.ecole.fr/').policyUrl).to.equal('https://www.ecole.fr/cookies');
    expect(configForUrl(config, 'https://paris.ecole.fr/').policyUrl).to.equal(undefined);
    expect(() => loadConfig({ overrides: [{ urlPattern: '*', policyUrl: 'javascript:alert(1)' }] })).to.throw(ConfigError, /overrides\[0\]\.policyUrl/);
  });
});
