import { expect } from 'chai';
import { errorSite, runRule } from '../src/engine.ts';
import { loadConfig } from '../src/config.ts';
import type { SiteObservations } from '../src/model.ts';
import type { RuleModule } from '../src/rule.ts';
import { RULES } from '../rules/index.ts';
import { banner, cookie, createContext, createObservations, rejectedBanner, request } from './helpers/observations.ts';
import { expectValidReport, siteErrors } from './helpers/schema.ts';
import { ENGINE } from '../defaults/engine.ts';

const tracking = () => cookie({ name: '_ga', domain: 'example.fr', hostOnly: false, source: 'script', declaredMaxAge: 2 * 365 * 86400 });

describe('engine', () => {
  it('registers the ten rules, each file named after its id', async () => {
    expect(ENGINE.ruleIds).to.deep.equal(['cookies-before-consent', 'cookie-lifetime', 'consent-banner', 'ga-ip-anonymisation', 'cookies-after-refusal',
      'policy-cookie-declaration', 'policy-tracker-declaration', 'policy-cookie-lifetime', 'policy-claims', 'reject-option']);
    for (const id of ENGINE.ruleIds) {
      const mod = (await import(`../rules/${id}.ts`)) as RuleModule;
      expect(mod.meta.id).to.equal(id);
      expect(mod.meta.description.en).to.match(/CNIL|2002\/58|Measurement Protocol/);
      expect(mod.meta.description.fr).to.match(/CNIL|2002\/58|Measurement Protocol/);
    }
  });

  it('fails every rule on a site that breaks them all, with findings naming the cookie', () => {
    const obs = createObservations({
      initial: { cookies: [tracking()], requests: [request({ url: 'https://www.google-analytics.com/collect?v=1&tid=UA-1-1&t=pageview' })] },
      refused: { cookies: [tracking()], banner: rejectedBanner() },
    });
    const site = ENGINE.auditSite(obs);
    const outcome = Object.fromEntries(site.rules.map((r) => [r.id, r.outcome]));
    expect(outcome).to.deep.equal({
      'cookies-before-consent': 'fail', 'cookie-lifetime': 'fail', 'consent-banner': 'fail',
      'ga-ip-anonymisation': 'fail', 'cookies-after-refusal': 'fail',
      // No banner on arrival: no first layer to judge refusal on.
      'reject-option': 'not-applicable',
      // No policy step in these observations: the policy rules cannot judge.
      'policy-cookie-declaration': 'not-applicable', 'policy-tracker-declaration': 'not-applicable',
      'policy-cookie-lifetime': 'not-applicable', 'policy-claims': 'not-applicable',
    });
    const before = site.findings.find((f) => f.rule === 'cookies-before-consent');
    expect(before).to.include({ cookie: '_ga', domain: 'example.fr', severity: 'error' });
    expect(siteErrors(site)).to.deep.equal([]);
  });

  it('keeps "not applicable" apart from "pass"', () => {
    const site = ENGINE.auditSite(createObservations({ initial: { cookies: [cookie({ name: 'PHPSESSID' })] } }));
    const byId = Object.fromEntries(site.rules.map((r) => [r.id, r]));
    expect(byId['cookies-before-consent'].outcome).to.equal('pass');
    expect(byId['consent-banner'].outcome).to.equal('not-applicable');
    expect(byId['cookies-after-refusal'].outcome).to.equal('not-applicable');
    expect(byId['cookies-after-refusal'].notes.join(' ')).to.match(/not recorded|reject/i);
    expect(site.cookies[0].exemption).to.include({ exempt: true, category: 'session' });
  });

  it('passes each rule only the phases it declared', () => {
    let seen: string[] = [];
    const spy: RuleModule = {
      meta: { ...RULES[0].meta, id: 'spy', requiredObservations: ['refused'] },
      evaluate: (input) => { seen = Object.keys(input.phases); return { findings: [] }; },
    };
    runRule(spy, createObservations({ initial: {}, accepted: {}, refused: {} }), 'error', createContext());
    expect(seen).to.deep.equal(['refused']);
  });

  it("turns a rule's exception into an error result instead of crashing", () => {
    const broken: RuleModule = { meta: { ...RULES[0].meta, id: 'broken' }, evaluate: () => { throw new Error('boom'); } };
    const { result, findings } = runRule(broken, createObservations(), 'warn', createContext());
    expect(result).to.include({ id: 'broken', outcome: 'error', level: 'warn' });
    expect(result.notes[0]).to.include('boom');
    expect(findings).to.deep.equal([]);
  });

  it('applies config levels: "off" drops a rule, "warn" lowers its findings', () => {
    const config = loadConfig({ rules: { 'cookie-lifetime': 'warn', 'ga-ip-anonymisation': 'off' } }, ENGINE.ruleIds);
    const site = ENGINE.auditSite(createObservations({ initial: { cookies: [tracking()] } }), config);
    expect(site.rules.map((r) => r.id)).to.not.include('ga-ip-anonymisation');
    expect(site.findings.filter((f) => f.rule === 'cookie-lifetime').map((f) => f.severity)).to.deep.equal(['warn']);
  });

  it('honours extra exempt cookies and per-URL overrides from the config', () => {
    const config = loadConfig({
      overrides: [{ urlPattern: 'https://www.example.fr/*', exemptCookies: [{ name: '_ga', reason: 'test' }], maxLifetimeMonths: 25 }],
    }, ENGINE.ruleIds);
    const site = ENGINE.auditSite(createObservations({ initial: { cookies: [tracking()] } }), config);
    expect(site.findings).to.deep.equal([]);
    expect(site.cookies[0].exemption).to.include({ exempt: true, matchedBy: 'config:_ga' });
  });

  it('turns malformed observations into an error site, not an exception', () => {
    const bad = { url: 'https://x.fr/', phases: { initial: { cookies: 'nope' } } } as unknown as SiteObservations;
    const site = ENGINE.auditSite(bad);
    expect(site.status).to.equal('error');
    expect(site.error?.code).to.equal('invalid-observations');
    expect(siteErrors(site)).to.deep.equal([]);
    expect(ENGINE.auditSite(null as unknown as SiteObservations).status).to.equal('error');
  });

  it('builds a report that validates against the published schema', () => {
    const report = ENGINE.buildReport([
      ENGINE.auditSite(createObservations({ initial: { cookies: [tracking()], banner: banner({ detected: true, cmp: 'klaro' }) } })),
      errorSite('https://down.example/', 'dns', 'The host name does not resolve.'),
    ]);
    expectValidReport(report);
    expect(report.sites[1]).to.include({ status: 'error' });
    expect(report.config.rules['cookie-lifetime']).to.equal('error');
  });

  it('rejects a report that breaks the contract', () => {
    const report = ENGINE.buildReport([ENGINE.auditSite(createObservations({ initial: { cookies: [tracking()] } }))]);
    delete (report.sites[0].findings[0] as { cookie?: string }).cookie;
    expect(() => expectValidReport(report)).to.throw(/cookie/);
  });
});
