/** reject-option on observations: a first layer with acceptance but no refusal fails; a much less prominent refusal warns. */
import { expect } from 'chai';
import { evaluate } from '../../rules/reject-option.ts';
import { evaluate as consentBanner } from '../../rules/consent-banner.ts';
import { ENGINE } from '../../defaults/engine.ts';
import { REFUSAL_PROMINENCE } from '../../knowledge/index.ts';
import type { BannerControl } from '../../src/model.ts';
import { banner, cookie, createContext, createObservations } from '../helpers/observations.ts';

const ctx = createContext({ refusalProminence: REFUSAL_PROMINENCE });
const button = (kind: BannerControl['kind'], label: string, o: Partial<BannerControl> = {}): BannerControl =>
  ({ kind, label, width: 200, height: 44, filled: true, ...o });
const withBanner = (controls: BannerControl[], o = {}) => createObservations({
  initial: { banner: banner({ detected: true, method: 'heuristic', acceptFound: true, rejectOnFirstLayer: controls.some((c) => c.kind === 'reject'), controls, ...o }) },
});

describe('rule reject-option', () => {
  it('is not applicable without a banner', () => {
    expect(evaluate(createObservations({ initial: {} }), ctx)).to.have.property('notApplicable');
  });

  it('fails when the first layer offers acceptance and only "Personnaliser", naming the second layer', () => {
    const out = evaluate(withBanner([button('accept', 'Tout accepter'), button('settings', 'Personnaliser')], { rejectFound: true }), ctx);
    if (!('findings' in out)) throw new Error('expected findings');
    expect(out.findings).to.have.length(1);
    expect(out.findings[0]).to.include({ messageId: 'noRefusalSecondLayer' });
    expect(out.findings[0].severity).to.equal(undefined);
    expect(out.findings[0].evidence.accept).to.deep.equal([{ label: 'Tout accepter', width: 200, height: 44, filled: true }]);
  });

  it('passes equal buttons, and counts a visible "Continuer sans accepter" link as refusal', () => {
    expect(evaluate(withBanner([button('accept', 'Tout accepter'), button('reject', 'Tout refuser')]), ctx)).to.deep.equal({ findings: [] });
    const link = evaluate(withBanner([button('accept', 'Accepter', { filled: false, width: 90, height: 20 }), button('reject', 'Continuer sans accepter', { filled: false, width: 160, height: 20 })]), ctx);
    expect(link).to.deep.equal({ findings: [] });
  });

  it('warns when the refusal is a small text link against a filled button, with both controls as evidence', () => {
    const out = evaluate(withBanner([button('accept', 'Accepter et fermer', { width: 260, height: 52 }), button('reject', 'continuer sans accepter', { filled: false, width: 133, height: 13 })]), ctx);
    if (!('findings' in out)) throw new Error('expected findings');
    expect(out.findings[0]).to.include({ severity: 'warn', messageId: 'lessProminent' });
    expect(out.findings[0].evidence).to.include({ areaRatio: 0.128 });
  });

  it('the engine keeps a warn finding at warn under an error-level rule', () => {
    const obs = withBanner([button('accept', 'OK', { width: 300, height: 60 }), button('reject', 'non', { filled: false, width: 30, height: 12 })]);
    const site = ENGINE.auditSite(obs);
    const f = site.findings.find((x) => x.rule === 'reject-option');
    expect(f?.severity).to.equal('warn');
    expect(f?.message).to.include('much less prominent');
  });
});

describe('rule consent-banner: banners that give no choice', () => {
  const needs = { cookies: [cookie({ name: '_ga', declaredMaxAge: 86400 })] };
  it('fails an implied-consent banner with only "OK", with the banner text', () => {
    const obs = createObservations({ initial: { ...needs, banner: banner({ detected: true, acceptFound: true, impliedConsent: true, text: 'En poursuivant votre navigation, vous acceptez les cookies. OK', controls: [button('accept', 'OK')] }) } });
    const out = consentBanner(obs, createContext());
    if (!('findings' in out)) throw new Error('expected findings');
    expect(out.findings[0]).to.include({ messageId: 'informOnly' });
    expect(out.findings[0].evidence.bannerText).to.include('En poursuivant');
  });

  it('fails a banner blocking the page with no refusal as a cookie wall', () => {
    const obs = createObservations({ initial: { ...needs, banner: banner({ detected: true, acceptFound: true, blocksPage: true, controls: [button('accept', 'Accepter')] }) } });
    const out = consentBanner(obs, createContext());
    if (!('findings' in out)) throw new Error('expected findings');
    expect(out.findings[0]).to.include({ messageId: 'cookieWall' });
  });

  it('passes an implied-consent sentence when a refusal is offered, and a modal that offers refusal', () => {
    const implied = banner({ detected: true, acceptFound: true, rejectOnFirstLayer: true, impliedConsent: true, controls: [button('accept', 'OK'), button('reject', 'Refuser')] });
    expect(consentBanner(createObservations({ initial: { ...needs, banner: implied } }), createContext())).to.deep.equal({ findings: [] });
    const modal = banner({ detected: true, acceptFound: true, rejectFound: true, rejectOnFirstLayer: true, blocksPage: true, controls: [button('accept', 'Accepter'), button('reject', 'Refuser')] });
    expect(consentBanner(createObservations({ initial: { ...needs, banner: modal } }), createContext())).to.deep.equal({ findings: [] });
  });
});
