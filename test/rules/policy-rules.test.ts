/** The four policy rules (issue #16) through the shipped engine: policy vs practice on hand-made observations. */
import { expect } from 'chai';
import { ENGINE } from '../../defaults/engine.ts';
import { RULES } from '../../rules/index.ts';
import type { ObservedPolicy, SiteAudit, SiteObservations } from '../../src/model.ts';
import type { PolicyClaim } from '../../src/claim-contract.ts';
import { formatMessage } from '../../src/messages.ts';
import { messageLookup } from '../../src/engine.ts';
import { banner, cookie, createObservations, request } from '../helpers/observations.ts';

const POLICY_URL = 'https://www.example.fr/politique-cookies';
const ev = (quote: string) => ({ quote, section: 'Cookies' });
const TABLE: PolicyClaim[] = [
  { kind: 'cookie-declared', name: '_ga', lifetimeDays: 395.68, vendor: 'Google', ...ev('_ga | Mesure d\'audience | 13 mois | Google') },
  { kind: 'cookie-declared', name: '_gid', lifetimeDays: 1, ...ev('_gid | Mesure d\'audience | 24 heures | Google') },
  { kind: 'cookie-declared', name: 'sess', session: true, ...ev('sess | Session | Session | Nous') },
];

function policy(claims: PolicyClaim[]): ObservedPolicy {
  return { mode: 'auto', documents: [{ url: POLICY_URL, kind: 'cookie-policy', foundBy: 'page-link', linkText: 'Cookies', claims }], tried: [{ url: POLICY_URL, outcome: 'policy' }] };
}

function audit(obs: SiteObservations): SiteAudit {
  return ENGINE.auditSite(obs);
}
const outcome = (site: SiteAudit, id: string) => site.rules.find((r) => r.id === id)?.outcome;
const messages = (site: SiteAudit, id: string) => site.findings.filter((f) => f.rule === id).map((f) => f.message);

const days = (n: number) => ({ declaredMaxAge: n * 86400 });

describe('policy rules', () => {
  it('are registered, warn by default, and say "potential" in English and French', () => {
    for (const id of ['policy-cookie-declaration', 'policy-tracker-declaration', 'policy-cookie-lifetime', 'policy-claims']) {
      const rule = RULES.find((r) => r.meta.id === id);
      expect(rule, id).to.not.equal(undefined);
      expect(rule!.meta.defaultSeverity).to.equal('warn');
      expect(rule!.meta.failureTitle.en.toLowerCase()).to.include('potential');
      expect(rule!.meta.failureTitle.fr.toLowerCase()).to.include('potentiel');
    }
  });

  it('are not applicable without a policy step (extension) and list what was tried when none was found', () => {
    const noStep = audit(createObservations({ initial: { cookies: [cookie({ name: '_ga', ...days(730) })] } }));
    for (const id of ['policy-cookie-declaration', 'policy-tracker-declaration', 'policy-cookie-lifetime', 'policy-claims']) {
      expect(outcome(noStep, id), id).to.equal('not-applicable');
    }
    const none = audit(createObservations({ initial: {} }, { policy: { mode: 'auto', documents: [], tried: [{ url: 'https://www.example.fr/cookies', outcome: 'http-404' }] } }));
    const note = none.rules.find((r) => r.id === 'policy-claims')!;
    expect(note.outcome).to.equal('not-applicable');
    expect(note.notes[0]).to.include('https://www.example.fr/cookies (http-404)');
  });

  it('pass a site that does what its policy says', () => {
    const obs = createObservations({
      initial: { banner: banner({ detected: true }) },
      accepted: {
        banner: banner({ detected: true }),
        cookies: [cookie({ name: '_ga', ...days(390) }), cookie({ name: '_gid', ...days(1) })],
        requests: [request({ url: 'https://www.google-analytics.com/collect?v=1&tid=UA-1-1&aip=1' })],
      },
    }, {
      policy: policy([...TABLE,
        { kind: 'no-cookies-before-consent', ...ev('Aucun cookie n\'est déposé sans votre consentement.') },
        { kind: 'ip-anonymised', ...ev('L\'adresse IP est anonymisée.') },
        { kind: 'banner', ...ev('Un bandeau vous permet d\'accepter ou de refuser.') },
        { kind: 'vendor', name: 'Google Analytics', category: 'analytics', ...ev('Nous utilisons Google Analytics.') },
      ]),
    });
    const site = audit(obs);
    for (const id of ['policy-cookie-declaration', 'policy-tracker-declaration', 'policy-cookie-lifetime', 'policy-claims']) {
      expect(outcome(site, id), `${id}: ${messages(site, id).join(' | ')}`).to.equal('pass');
    }
    const ga = site.cookies.find((c) => c.name === '_ga')!;
    expect(ga.policy).to.deep.include({ declaredBy: 'name', claimedDays: 395.68, policyUrl: POLICY_URL });
  });

  it('policy-cookie-lifetime: 730 days against "13 mois", a "session" cookie that persists; the named claim wins over "all"', () => {
    const obs = createObservations({
      accepted: { cookies: [cookie({ name: '_ga', ...days(730) }), cookie({ name: 'sess', ...days(30) }), cookie({ name: '_gid', ...days(1) })] },
    }, { policy: policy([...TABLE, { kind: 'cookie-lifetime', maxDays: 1000, scope: 'all', ...ev('Les cookies sont conservés 1000 jours.') }]) });
    const site = audit(obs);
    expect(outcome(site, 'policy-cookie-lifetime')).to.equal('fail');
    const f = site.findings.filter((x) => x.rule === 'policy-cookie-lifetime');
    expect(f.map((x) => x.cookie)).to.have.members(['_ga', 'sess']);
    const ga = f.find((x) => x.cookie === '_ga')!;
    expect(ga.message).to.match(/^Potential mismatch: cookie "_ga".*730 days.*395\.7 days/);
    expect(ga.evidence).to.include({ policyUrl: POLICY_URL, section: 'Cookies', scope: 'cookie' });
    expect(ga.severity).to.equal('warn');
    const fr = formatMessage(messageLookup(RULES.find((r) => r.meta.id === 'policy-cookie-lifetime')!.meta.messages)(ga.messageId!)!.fr, ga.data, 'fr');
    expect(fr).to.include('Écart potentiel').and.include('730 jours');
  });

  it('policy-cookie-lifetime: a small tolerance, and a vendor-scoped claim beats an "all" one', () => {
    const obs = createObservations({ accepted: { cookies: [cookie({ name: '_ga', ...days(397) }), cookie({ name: '_fbp', ...days(90), domain: 'example.fr' })] } }, {
      policy: policy([
        { kind: 'cookie-lifetime', maxDays: 395.68, scope: { vendor: 'Google Analytics' }, ...ev('Les cookies Google Analytics sont conservés 13 mois.') },
        { kind: 'cookie-lifetime', maxDays: 30, scope: 'all', ...ev('Les cookies sont conservés 30 jours.') },
      ]),
    });
    const site = audit(obs);
    expect(site.findings.filter((x) => x.rule === 'policy-cookie-lifetime').map((x) => x.cookie)).to.deep.equal(['_fbp']);
  });

  it('policy-cookie-declaration: an undeclared cookie fails; a wildcard or its vendor declares it', () => {
    const obs = createObservations({
      accepted: { cookies: [cookie({ name: '_ga_ABC123', ...days(390) }), cookie({ name: '_gat', ...days(1) }), cookie({ name: 'mystery', ...days(30) })] },
    }, { policy: policy([
      { kind: 'cookie-declared', name: '_ga_*', lifetimeDays: 395.68, ...ev('_ga_<id> | 13 mois') },
      { kind: 'vendor', name: 'Google Analytics', category: 'analytics', ...ev('Nous utilisons Google Analytics.') },
    ]) });
    const site = audit(obs);
    const f = site.findings.filter((x) => x.rule === 'policy-cookie-declaration');
    expect(f.map((x) => x.cookie)).to.deep.equal(['mystery']);
    expect(f[0]!.message).to.include('Potential gap').and.include(POLICY_URL);
  });

  it('policy-tracker-declaration: GA through a first-party proxy is not named by a policy speaking only of audience measurement', () => {
    const obs = createObservations({
      initial: { requests: [request({ url: 'https://www.example.fr/collect?v=1&tid=UA-9-1&t=pageview' })] },
    }, { policy: policy([{ kind: 'category', category: 'analytics', ...ev('Nous utilisons des cookies de mesure d\'audience.') }]) });
    const site = audit(obs);
    expect(outcome(site, 'policy-tracker-declaration')).to.equal('fail');
    expect(messages(site, 'policy-tracker-declaration')[0]).to.include('Google Analytics').and.include('first-party proxy');
    const named = audit({ ...obs, policy: policy([{ kind: 'vendor', name: 'Google Analytics', category: 'analytics', ...ev('Google Analytics mesure l\'audience.') }]) });
    expect(outcome(named, 'policy-tracker-declaration')).to.equal('pass');
  });

  it('policy-claims: consent first, IP, banner, no cookies, consent lifetime; implied consent and hosts are notes', () => {
    const obs = createObservations({
      initial: {
        cookies: [cookie({ name: '_ga', ...days(390) })],
        requests: [request({ url: 'https://www.google-analytics.com/collect?v=1&tid=UA-7-1' })],
      },
      accepted: { cookies: [cookie({ name: 'tarteaucitron', ...days(365) })] },
    }, { finalUrl: 'https://www.example.fr/', policy: policy([
      { kind: 'no-cookies-before-consent', ...ev('Aucun cookie n\'est déposé sans votre consentement.') },
      { kind: 'ip-anonymised', ...ev('L\'adresse IP est anonymisée.') },
      { kind: 'banner', ...ev('Un bandeau vous informe.') },
      { kind: 'no-cookies-at-all', ...ev('Ce site n\'utilise aucun cookie.') },
      { kind: 'consent-validity', maxDays: 182.62, ...ev('Votre consentement est conservé 6 mois.') },
      { kind: 'implied-consent', ...ev('En poursuivant votre navigation, vous acceptez les cookies.') },
      { kind: 'hosts', list: ['autre.example.fr'], ...ev('Cette politique couvre autre.example.fr.') },
    ]) });
    const site = audit(obs);
    const ids = site.findings.filter((f) => f.rule === 'policy-claims').map((f) => f.messageId);
    expect(ids).to.have.members(['cookiesBeforeConsent', 'ipNotAnonymised', 'noBanner', 'cookiesDespiteNone', 'consentKeptLonger']);
    const result = site.rules.find((r) => r.id === 'policy-claims')!;
    expect(result.noteMessages!.map((n) => n.messageId)).to.have.members(['impliedConsent', 'outsideHosts']);
    const f = site.findings.find((x) => x.messageId === 'cookiesBeforeConsent')!;
    expect(f.evidence).to.include({ policyUrl: POLICY_URL, quote: 'Aucun cookie n\'est déposé sans votre consentement.', section: 'Cookies' });
  });

  it('policy-claims is not applicable when the policy states nothing it can check', () => {
    const site = audit(createObservations({ initial: {} }, { policy: policy(TABLE) }));
    expect(outcome(site, 'policy-claims')).to.equal('not-applicable');
  });
});
