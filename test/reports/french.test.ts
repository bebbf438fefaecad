/** `--lang fr` gives an entirely French report: no English rule text, finding, note, reason or heading left. */
import { expect } from 'chai';
import { ERROR_CODES } from '../../crawler/errors.ts';
import { ENGINE } from '../../defaults/engine.ts';
import { KNOWLEDGE } from '../../knowledge/index.ts';
import en from '../../reports/i18n/en.json' with { type: 'json' };
import fr from '../../reports/i18n/fr.json' with { type: 'json' };
import { render } from '../../reports/index.ts';
import { RULES } from '../../rules/index.ts';
import { loadConfig } from '../../src/config.ts';
import { createEngine, ENGINE_MESSAGES, errorSite, runRule } from '../../src/engine.ts';
import { EXEMPTION_MESSAGES } from '../../src/exemption.ts';
import type { LocalizedText, MessageCatalog } from '../../src/messages.ts';
import type { Report, SiteAudit } from '../../src/model.ts';
import { banner, cookie, createContext, createObservations, rejectedBanner, request } from '../helpers/observations.ts';

const DAY = 86_400;
const UA = 'https://www.google-analytics.com/collect?v=1&tid=UA-1-1&t=pageview';
const PROXIED_UA = 'https://www.example.fr/stats/collect?v=1&tid=UA-2-2&t=pageview';
const GA4 = 'https://www.google-analytics.com/g/collect?v=2&tid=G-ABC123&en=page_view';
const PIXEL = 'https://www.facebook.com/tr?id=1&ev=PageView';

/** A report whose findings, notes and exemption reasons use every message the rules, engine and classifier have. */
function everyMessageReport(): Report {
  // One curated entry without a vendor (the shipped ones all name theirs) for the `exemptListed` wording.
  const engine = createEngine({
    rules: RULES,
    knowledge: { ...KNOWLEDGE, exemptCookies: [...KNOWLEDGE.exemptCookies, { pattern: 'zz_novendor', match: 'exact', category: 'security', description: 'A test entry.', source: 'https://example.test/' }] },
  });
  const config = loadConfig({ exemptCookies: [{ name: 'shop_cart', reason: 'le panier' }] }, engine.ruleIds);
  const consentCookies = [
    cookie({ name: '_ga', domain: 'example.fr', hostOnly: false, source: 'script', declaredMaxAge: 2 * 365 * DAY }),
    cookie({ name: 'zz_unlisted' }),
    cookie({ name: 'stored_long', storedExpires: '2026-06-01T10:00:00.000Z' }),
    cookie({ name: 'huge', declaredMaxAge: 1e300 }),
  ];
  const exempt = [cookie({ name: 'PHPSESSID' }), cookie({ name: 'zz_novendor' }), cookie({ name: 'shop_cart' })];
  const sites: SiteAudit[] = [
    // Every finding wording: both consent rules, lifetimes (declared, stored, beyond a Date), GA with and without proxy, no banner.
    engine.auditSite(createObservations({
      initial: { cookies: [...consentCookies, ...exempt], requests: [request({ url: UA }), request({ url: PROXIED_UA }), request({ url: GA4 }), request({ url: PIXEL })] },
      refused: { cookies: consentCookies, banner: rejectedBanner() },
    }, { policy: {
      // The policy rules' findings: _ga declared 13 months, zz_unlisted undeclared, GA unnamed, cookies before consent.
      mode: 'auto', tried: [{ url: 'https://www.example.fr/cookies', outcome: 'policy' }],
      documents: [{ url: 'https://www.example.fr/cookies', kind: 'cookie-policy', foundBy: 'page-link', linkText: 'Cookies', claims: [
        { kind: 'cookie-declared', name: '_ga', lifetimeDays: 395.68, quote: '_ga | 13 mois', section: 'Cookies' },
        { kind: 'category', category: 'analytics', quote: 'Des cookies de mesure d\'audience.', section: 'Cookies' },
        { kind: 'no-cookies-before-consent', quote: 'Aucun cookie n\'est déposé sans votre consentement.', section: 'Cookies' },
      ] }],
    } }), config),
    // Trackers only, no banner; reject never clicked.
    engine.auditSite(createObservations({
      initial: { requests: [request({ url: PIXEL })] },
      refused: { banner: banner({ detected: true, acceptFound: true }) },
    }, {
      url: 'https://trackers.example.fr/', finalUrl: 'https://trackers.example.fr/',
      // The measurement wording: re-checked, other findings the second time, still late.
      measurement: { rechecked: ['no-banner', 'starved'], recheckChanged: true, degraded: true, pressure: 0.6 },
    }), config),
    // Cookies only, no banner; the reject click did not work.
    engine.auditSite(createObservations({
      initial: { cookies: [cookie({ name: 'zz_unlisted' })] },
      refused: { banner: rejectedBanner({ clickWorked: false }) },
    }, { url: 'https://cookies.example.fr/', finalUrl: 'https://cookies.example.fr/' }), config),
    // Nothing needing consent, no GA hit, refusal not observed.
    engine.auditSite(createObservations({ initial: { cookies: [cookie({ name: 'PHPSESSID' })] } },
      { url: 'https://clean.example.fr/', finalUrl: 'https://clean.example.fr/' }), config),
    // Only the accepted phase: the initial phase is missing.
    engine.auditSite(createObservations({ accepted: { cookies: [cookie({ name: 'zz_unlisted' })] } },
      { url: 'https://late.example.fr/', finalUrl: 'https://late.example.fr/' }), config),
    // Audience measurement (one Matomo cookie exempt, one failing its lifetime) and an implied-consent banner with only "OK".
    engine.auditSite(createObservations({
      initial: {
        cookies: [
          cookie({ name: '_pk_id.1.abcd', domain: 'choix.example.fr', source: 'script', declaredMaxAge: 761 * DAY }),
          cookie({ name: '_pk_ses.1.abcd', domain: 'choix.example.fr', source: 'script', declaredMaxAge: 1800 }),
        ],
        requests: [request({ url: 'https://choix.example.fr/matomo.php?idsite=1&rec=1' })],
        banner: banner({ detected: true, acceptFound: true, impliedConsent: true, text: 'En poursuivant votre navigation, vous acceptez les cookies.', controls: [{ kind: 'accept', label: 'OK', width: 60, height: 30, filled: true }] }),
      },
    }, { url: 'https://choix.example.fr/', finalUrl: 'https://choix.example.fr/' }), config),
    // A cookie wall, and a faint refusal link.
    engine.auditSite(createObservations({
      initial: { cookies: [cookie({ name: 'zz_unlisted' })], banner: banner({ detected: true, acceptFound: true, blocksPage: true, controls: [{ kind: 'accept', label: 'Accepter', width: 200, height: 40, filled: true }] }) },
    }, { url: 'https://mur.example.fr/', finalUrl: 'https://mur.example.fr/' }), config),
    engine.auditSite(createObservations({
      initial: { banner: banner({ detected: true, acceptFound: true, rejectFound: true, rejectOnFirstLayer: true, controls: [
        { kind: 'accept', label: 'Accepter', width: 260, height: 50, filled: true }, { kind: 'reject', label: 'continuer sans accepter', width: 120, height: 12, filled: false }] }) },
    }, { url: 'https://discret.example.fr/', finalUrl: 'https://discret.example.fr/' }), config),
    // A consent manager's record of the choice under a name of the site's own, recognised by provenance.
    engine.auditSite(createObservations(Object.fromEntries((['accepted', 'refused'] as const).map((phase, i) => [phase, {
      cookies: [cookie({ name: 'mairie_choix', source: 'script', setterUrl: 'https://record.example.fr/klaro.js', setAt: `2026-03-02T09:0${i}:00.500Z` })],
      banner: rejectedBanner({ cmp: 'Klaro', clicked: phase === 'accepted' ? 'accept' : 'reject', clickStartedAt: `2026-03-02T09:0${i}:00.000Z`, clickEndedAt: `2026-03-02T09:0${i}:01.000Z` }),
    }])), { url: 'https://record.example.fr/', finalUrl: 'https://record.example.fr/' }), config),
    // The collector's record cannot be judged.
    engine.auditSite({ url: 'https://broken.example.fr/' } as never, config),
    // Every crawler error code.
    ...Object.keys(ERROR_CODES).map((code) => errorSite(`https://${code}.example.fr/`, code, `net::ERR_SOMETHING (${code})`)),
  ];
  // A rule that threw.
  const broken = { ...RULES[3], evaluate: () => { throw new Error('boom'); } };
  const { result } = runRule(broken, createObservations(), 'error', createContext());
  sites[3].rules = sites[3].rules.map((r) => (r.id === result.id ? result : r));
  return engine.buildReport(sites, config, '2026-03-02T09:30:00.000Z');
}

/** The ids of every message and note a report uses (nested reasons included). */
function usedIds(report: Report): Set<string> {
  const ids = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if ((k === 'messageId' || k === 'reasonId') && typeof x === 'string') ids.add(x);
        walk(x);
      }
    }
  };
  walk(report);
  return ids;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#x27': "'", '#58': ':' };

/** The readable text of a rendered report, markup and escapes undone, whitespace folded. */
function plain(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#?\w+);/g, (m, e: string) => ENTITIES[e] ?? (e.startsWith('#') ? String.fromCodePoint(Number(e.replace(/^#x/, '0x').replace(/^#/, ''))) : m))
    .replace(/\\(.)/g, '$1')
    .replace(/\s+/g, ' ');
}

/**
 * The English pieces of a text that must not appear in French output: the text between its
 * placeholders, when three words or more and not also in the French text.
 */
function englishPieces(text: LocalizedText): string[] {
  const fr = text.fr ?? '';
  return text.en.split(/\{\{[^}]*\}\}|\{\w+\}/).map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.split(' ').length >= 3 && !fr.includes(p));
}

/** Every English sentence of the rules, the engine, the classifier and the report wording. */
function englishTexts(): Array<{ where: string; text: LocalizedText }> {
  const out: Array<{ where: string; text: LocalizedText }> = [];
  const catalog = (where: string, c: MessageCatalog) => { for (const [id, text] of Object.entries(c)) out.push({ where: `${where}.${id}`, text }); };
  for (const { meta } of RULES) {
    for (const key of ['title', 'failureTitle', 'description', 'remedy'] as const) out.push({ where: `${meta.id}.${key}`, text: meta[key] });
    out.push({ where: `${meta.id}.legalReference`, text: meta.legalReference.label });
    catalog(meta.id, meta.messages);
  }
  catalog('engine', ENGINE_MESSAGES);
  catalog('exemption', EXEMPTION_MESSAGES);
  const frWording = fr as Record<string, unknown>;
  for (const [key, value] of Object.entries(en)) {
    if (typeof value === 'string') out.push({ where: `i18n.${key}`, text: { en: value, fr: typeof frWording[key] === 'string' ? frWording[key] as string : '' } });
  }
  return out;
}

/** The English pieces left in each French rendering of the report. */
function englishLeft(report: Report): string[] {
  const texts = englishTexts();
  const left: string[] = [];
  for (const format of ['html', 'md', 'junit', 'sarif'] as const) {
    const out = render(report, format, { lang: 'fr' });
    // SARIF's result properties are the raw evidence for machines, as in the JSON report; the rest is read by people.
    const text = format === 'sarif' ? plain(JSON.stringify(JSON.parse(out), (k, v) => (k === 'properties' && v?.evidence ? undefined : v))) : plain(out);
    for (const { where, text: t } of texts) {
      for (const piece of englishPieces(t)) if (text.includes(piece)) left.push(`${format}: ${where}: "${piece}"`);
    }
  }
  return left;
}

describe('French reports', () => {
  const report = everyMessageReport();

  it('the sample report uses every message of every rule, the engine and the exemption reasons', () => {
    const ids = usedIds(report);
    // A rule's new messages go here once the sample above produces them (every message is checked for French
    // wording in the next test in any case). refusedNotObserved is unreachable: the engine reports the missing
    // refused phase itself (notObserved).
    const expected = [
      'setBeforeConsent', 'declaredTooLong', 'storedTooLong', 'until', 'noBannerTrackers', 'noBannerCookies', 'noBannerBoth',
      'nothingNeedsConsent', 'initialNotObserved', 'notAnonymised', 'notAnonymisedProxied', 'ga4Anonymises', 'noGaHit',
      'setAfterRefusal', 'noRejectClicked', 'rejectClickFailed',
      'undeclared', 'unnamed', 'longerThanClaimed', 'cookiesBeforeConsent',
      ...Object.keys(ENGINE_MESSAGES),
      'exemptByConfig', 'exemptListed', 'exemptListedVendor', 'consentRecord', 'consentKnown', 'consentUnknown',
    ];
    expect(expected.filter((id) => !ids.has(id))).to.deep.equal([]);
    expect(new Set(report.sites.flatMap((s) => s.findings.map((f) => f.rule)))).to.have.all.keys(...RULES.map((r) => r.meta.id));
    expect(report.sites.filter((s) => s.status === 'error').map((s) => s.error!.code)).to.include.members([...Object.keys(ERROR_CODES), 'invalid-observations']);
  });

  it('writes every rule text, message and report wording in French', () => {
    for (const { where, text } of englishTexts()) {
      expect(text.fr, where).to.be.a('string').and.not.equal('');
    }
    for (const code of [...Object.keys(ERROR_CODES), 'invalid-observations']) {
      expect((fr as Record<string, unknown>)[`error.${code}`], code).to.be.a('string').and.not.equal((en as Record<string, unknown>)[`error.${code}`]);
    }
  });

  it('leaves no English rule text, finding, note or reason in the HTML, Markdown, JUnit and SARIF', () => {
    expect(englishLeft(report)).to.deep.equal([]);
  });

  it('catches a rule whose French text is missing', () => {
    const meta = RULES[0].meta as unknown as { messages: Record<string, Partial<LocalizedText>>; remedy: Partial<LocalizedText> };
    const message = meta.messages.setBeforeConsent;
    const saved = { message: message.fr, remedy: meta.remedy.fr };
    try {
      delete message.fr;
      const left = englishLeft(everyMessageReport());
      expect(left.some((l) => l.includes('cookies-before-consent.setBeforeConsent'))).to.equal(true);
      message.fr = saved.message;
      delete meta.remedy.fr;
      expect(englishLeft(everyMessageReport()).some((l) => l.includes('cookies-before-consent.remedy'))).to.equal(true);
    } finally {
      message.fr = saved.message;
      meta.remedy.fr = saved.remedy;
    }
    expect(englishLeft(report)).to.deep.equal([]);
  });

  it('renders an English report the same as the message it keeps', () => {
    const html = plain(render(report, 'html', { lang: 'en' }));
    for (const f of report.sites.flatMap((s) => s.findings)) expect(html).to.include(f.message);
    expect(ENGINE.ruleIds).to.deep.equal(RULES.map((r) => r.meta.id));
  });
});
