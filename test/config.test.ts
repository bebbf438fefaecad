import { expect } from 'chai';
import { ConfigError, configForUrl, loadConfig, urlMatches } from '../src/config.ts';
import { ENGINE } from '../defaults/engine.ts';

/** The message a bad config produces, so each test can check it names the key and the value. */
function errorOf(raw: unknown): string {
  try {
    loadConfig(raw, ENGINE.ruleIds);
  } catch (err) {
    expect(err).to.be.instanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('defaults to 13 months and every rule at its default level', () => {
    const c = loadConfig({}, ENGINE.ruleIds);
    expect(c.maxLifetimeMonths).to.equal(13);
    expect(c.rules).to.deep.equal({});
    expect(c.exemptCookies).to.deep.equal([]);
  });

  it('reads eslint-style levels, with options', () => {
    const c = loadConfig({
      rules: { 'cookie-lifetime': 'warn', 'ga-ip-anonymisation': 'off', 'cookies-before-consent': ['error', { maxFindings: 2 }] },
      maxLifetimeMonths: 6,
      exemptCookies: [{ name: 'lb_', prefix: true, reason: 'our load balancer' }],
    }, ENGINE.ruleIds);
    expect(c.rules['cookie-lifetime']).to.deep.equal({ level: 'warn', maxFindings: null });
    expect(c.rules['ga-ip-anonymisation'].level).to.equal('off');
    expect(c.rules['cookies-before-consent']).to.deep.equal({ level: 'error', maxFindings: 2 });
    expect(c.maxLifetimeMonths).to.equal(6);
    expect(c.exemptCookies[0]).to.include({ name: 'lb_', prefix: true, reason: 'our load balancer' });
  });

  it('names the key, the expected value and what was given', () => {
    expect(errorOf({ rules: { 'cookie-lifetime': 'warning' } }))
      .to.include('`rules.cookie-lifetime`').and.include('"off", "warn" or "error"').and.include('"warning"');
    expect(errorOf({ maxLifetimeMonths: 0 })).to.include('`maxLifetimeMonths`').and.include('`0`');
    expect(errorOf({ maxLifetimeMonths: '13' })).to.include('`"13"`');
    expect(errorOf({ rules: { 'cookie-age': 'warn' } })).to.include('Unknown rule `cookie-age`').and.include('cookie-lifetime');
    expect(errorOf({ rule: {} })).to.include('Unknown key `rule`');
    expect(errorOf({ exemptCookies: [{ name: 'x' }] })).to.include('`exemptCookies[0].reason`');
    expect(errorOf({ rules: { 'cookie-lifetime': ['error', { maxFindings: -1 }] } })).to.include('maxFindings').and.include('`-1`');
    expect(errorOf({ overrides: [{ rules: {} }] })).to.include('`overrides[0].urlPattern`');
    expect(errorOf([])).to.include('JSON object');
  });

  it('applies overrides whose URL pattern matches, later ones winning', () => {
    const c = loadConfig({
      rules: { 'cookie-lifetime': 'error' },
      overrides: [
        { urlPattern: 'https://*.example.fr/*', rules: { 'cookie-lifetime': 'warn' }, exemptCookies: [{ name: 'campus', reason: 'r' }] },
        { urlPattern: 'https://lyon.example.fr/*', maxLifetimeMonths: 6 },
      ],
    }, ENGINE.ruleIds);
    const lyon = configForUrl(c, 'https://lyon.example.fr/');
    expect(lyon.rules['cookie-lifetime'].level).to.equal('warn');
    expect(lyon.maxLifetimeMonths).to.equal(6);
    expect(lyon.exemptCookies.map((e) => e.name)).to.deep.equal(['campus']);
    const other = configForUrl(c, 'https://example.com/');
    expect(other.rules['cookie-lifetime'].level).to.equal('error');
    expect(other.maxLifetimeMonths).to.equal(13);
  });

  it('matches URL globs literally apart from *', () => {
    expect(urlMatches('https://*.example.fr/*', 'https://a.example.fr/x')).to.equal(true);
    expect(urlMatches('https://*.example.fr/*', 'https://a.exampleXfr/x')).to.equal(false);
    expect(urlMatches('https://example.fr/', 'https://example.fr/?q')).to.equal(false);
  });
});
