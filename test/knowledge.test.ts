/** The JSON knowledge under knowledge/ matches its schemas and holds what the rules rely on. */
import { expect } from 'chai';
import { Ajv } from 'ajv';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintKnowledge } from '../scripts/lint-data.ts';
import exemptSchema from '../knowledge/exempt-cookies.schema.json' with { type: 'json' };
import trackersSchema from '../knowledge/trackers.schema.json' with { type: 'json' };
import { EXEMPT_COOKIES, OPEN_COOKIE_DATABASE, TRACKERS } from '../knowledge/index.ts';
import { createClassifier } from '../src/exemption.ts';
import { KNOWLEDGE } from '../knowledge/index.ts';

const rulesDir = new URL('../knowledge/', import.meta.url);

function validate(schema: object, data: unknown): string[] {
  const check = new Ajv({ allErrors: true }).compile(schema);
  return check(data) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe('knowledge: exempt cookies', () => {
  it('matches its JSON Schema', () => {
    expect(validate(exemptSchema, EXEMPT_COOKIES)).to.deep.equal([]);
  });

  it('gives every entry a CNIL category, a description and a web source', () => {
    for (const e of EXEMPT_COOKIES.entries) {
      expect(e.source, e.pattern).to.match(/^https:\/\/\S+$/);
      expect(e.description, e.pattern).to.have.length.above(3);
      expect(['session', 'authentication', 'security', 'load-balancing', 'bot-protection', 'consent-storage'], e.pattern).to.include(e.category);
    }
  });

  it('has no duplicate pattern and only valid regular expressions', () => {
    const patterns = EXEMPT_COOKIES.entries.map((e) => `${e.match}:${e.pattern}`);
    expect(new Set(patterns).size).to.equal(patterns.length);
    for (const e of EXEMPT_COOKIES.entries.filter((x) => x.match === 'regex')) expect(() => new RegExp(e.pattern), e.pattern).not.to.throw();
  });

  it('exempts the common sessions, CSRF tokens, load-balancing and bot cookies', () => {
    const classify = createClassifier(KNOWLEDGE);
    const necessary = [
      'PHPSESSID', 'JSESSIONID', 'ASP.NET_SessionId', 'laravel_session', 'connect.sid', 'sessionid', 'CFID', 'CFTOKEN',
      'csrftoken', 'XSRF-TOKEN', '_csrf', '__RequestVerificationToken', '__RequestVerificationToken_L2FwcA2',
      '__cf_bm', 'cf_clearance', '__cflb', '_cfuvid', 'AWSALB', 'AWSALBCORS', 'AWSELB', 'ak_bmsc', 'bm_sz', '_abck',
      'incap_ses_123_456', 'visid_incap_456', 'BIGipServerpool_www', 'SERVERID',
    ];
    for (const name of necessary) {
      const v = classify({ name, domain: 'example.fr' });
      expect(v.exempt, name).to.equal(true);
      expect(v.matchedBy, name).to.match(/^exempt:/);
    }
  });

  it('exempts the consent cookies of the consent managers French sites use, as consent storage', () => {
    const classify = createClassifier(KNOWLEDGE);
    const consent = [
      'tarteaucitron', 'cc_cookie', 'klaro', 'orejime', 'cookieconsent_status', 'CookieConsent', 'OptanonConsent',
      'OptanonAlertBoxClosed', 'didomi_token', 'euconsent-v2', 'axeptio_cookies', 'axeptio_authorized_vendors',
      'axeptio_all_vendors', 'cookielawinfo-checkbox-analytics', 'borlabs-cookie',
    ];
    for (const name of consent) expect(classify({ name, domain: 'example.fr' }).category, name).to.equal('consent-storage');
  });

  it('exempts none of the usual tracking cookies (no over-broad prefix)', () => {
    const classify = createClassifier(KNOWLEDGE);
    const tracking = ['_ga', '_gid', '_gat', '_ga_ABC123', '_gcl_au', '_fbp', 'fr', 'IDE', 'test_cookie', 'MUID', '_hjSessionUser_1', '_clck', '_uetsid', 'li_sugr', '_ttp', 'sessionid_tracker', 'atuserid', '_pk_id.1.abcd'];
    for (const name of tracking) expect(classify({ name, domain: 'example.fr' }).exempt, name).to.equal(false);
  });
});

describe('knowledge: trackers', () => {
  it('matches its JSON Schema', () => {
    expect(validate(trackersSchema, TRACKERS)).to.deep.equal([]);
  });

  it('lists each host and path once and covers the main services', () => {
    const keys = TRACKERS.entries.map((e) => `${e.host}${e.path ?? ''}`);
    expect(new Set(keys).size).to.equal(keys.length);
    const services = new Set(TRACKERS.entries.map((e) => e.service));
    for (const s of ['Google Analytics', 'Google Tag Manager', 'DoubleClick', 'Facebook', 'Hotjar', 'Matomo cloud', 'LinkedIn', 'TikTok', 'Microsoft Clarity', 'Yandex Metrica', 'Xiti / AT Internet']) {
      expect(services, s).to.include(s);
    }
  });
});

describe('knowledge: Open Cookie Database', () => {
  it('keeps its licence and attribution', () => {
    expect(OPEN_COOKIE_DATABASE.license).to.equal('Apache-2.0');
    expect(OPEN_COOKIE_DATABASE.notice).to.include('Open Cookie Database').and.include('Apache');
    expect(existsSync(new URL('open-cookie-database.LICENSE', rulesDir))).to.equal(true);
    expect(readFileSync(new URL('open-cookie-database.LICENSE', rulesDir), 'utf8')).to.include('Apache License');
    expect(readFileSync(new URL('NOTICE.md', rulesDir), 'utf8')).to.include('Open Cookie Database');
  });

  it('holds well-formed entries with unique names', () => {
    expect(OPEN_COOKIE_DATABASE.entries.length).to.be.above(1000);
    const seen = new Set<string>();
    for (const e of OPEN_COOKIE_DATABASE.entries) {
      expect(e.id && e.name && e.category, JSON.stringify(e)).to.be.a('string').and.not.empty;
      const key = `${e.prefix ? 'prefix' : 'exact'}:${e.name}`;
      expect(seen.has(key), key).to.equal(false);
      seen.add(key);
    }
  });

  it('never exempts a cookie by itself: its "Functional" cookies still require consent', () => {
    const classify = createClassifier(KNOWLEDGE);
    const functional = OPEN_COOKIE_DATABASE.entries.filter((e) => e.category === 'Functional' && !e.prefix);
    const notCurated = functional.filter((e) => !classify({ name: e.name, domain: 'x.fr' }).matchedBy?.startsWith('exempt:'));
    expect(notCurated.length).to.be.above(100);
    for (const e of notCurated.slice(0, 200)) {
      const v = classify({ name: e.name, domain: 'x.fr' });
      expect(v.exempt, e.name).to.equal(false);
      expect(v.reason, e.name).to.match(/^requires consent: .* Functional cookie$/);
    }
  });
});

describe('knowledge: npm run lint:data', () => {
  it('finds no problem in the shipped knowledge', () => {
    expect(lintKnowledge()).to.deep.equal([]);
  });

  it('names the file and place of a schema violation, a bad regex, a duplicate and a missing schema', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lint-data-'));
    copyFileSync(new URL('exempt-cookies.schema.json', rulesDir), join(dir, 'exempt-cookies.schema.json'));
    const entry = { pattern: '(', match: 'regex', category: 'session', description: 'broken', source: 'https://example.org/' };
    writeFileSync(join(dir, 'exempt-cookies.json'), JSON.stringify({ description: 'x', entries: [entry, entry, { pattern: 'a' }] }));
    writeFileSync(join(dir, 'orphan.json'), '{}');
    const problems = lintKnowledge(dir);
    expect(problems.some((p) => p.startsWith('exempt-cookies.json: /entries/2'))).to.equal(true);
    expect(problems).to.include.members([
      'exempt-cookies.json: /entries/1: regex:( is listed twice',
      'orphan.json: no readable schema orphan.schema.json beside it; every knowledge file needs one',
    ]);
    expect(problems.some((p) => p.startsWith('exempt-cookies.json: /entries/0/pattern: not a valid regular expression'))).to.equal(true);
  });
});
