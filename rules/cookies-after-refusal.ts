/**
 * Rule: after the visitor clicked "reject", no cookie that requires consent may be present (refused phase).
 *
 * @example evaluate({ url, finalUrl, phases: { refused } }, ctx) // not applicable unless a reject click worked
 */
import type { RuleContext, RuleInput, RuleMeta, RuleOutput } from '../src/rule.ts';
import { CONSENT_LAW, joinText, LEGAL } from './legal.ts';
import { grantsConsent, tcfOfPhase } from '../src/tcf.ts';
import type { DraftFinding } from '../src/rule.ts';
import type { PhaseObservations } from '../src/model.ts';
import { consentFindings } from './usable-observations.ts';

export const meta: RuleMeta = {
  id: 'cookies-after-refusal',
  title: {
    en: 'Refusing consent is respected',
    fr: 'Le refus du consentement est respecté',
  },
  failureTitle: {
    en: 'Cookies requiring consent are set after the visitor refused',
    fr: 'Des cookies soumis au consentement sont déposés malgré le refus',
  },
  description: joinText([{
    en: 'After clicking the banner\'s reject control, lists every cookie present that is not strictly necessary or ' +
      'consent storage. Refusing must be as easy as accepting and must be respected (CNIL délibération n° 2020-092, ' +
      'recommandation). On a site with an IAB TCF consent manager, the TC string (`euconsent-v2`) must consent to no ' +
      'purpose and no vendor either. Cookies the refusal deleted are not counted. ',
    fr: 'Après un clic sur le bouton de refus du bandeau, relève chaque cookie présent qui n\'est ni strictement ' +
      'nécessaire ni destiné à conserver le choix de consentement. Refuser doit être aussi simple qu\'accepter, et le ' +
      'refus doit être respecté (CNIL, délibération n° 2020-092, recommandation). Sur un site doté d\'un gestionnaire ' +
      'IAB TCF, la chaîne TC (`euconsent-v2`) ne doit non plus consentir à aucune finalité ni aucun fournisseur. Les ' +
      'cookies supprimés par le refus ne sont pas comptés. ',
  }, CONSENT_LAW]),
  legalReference: LEGAL.guidelines,
  remedy: {
    en: 'Make the consent manager block these tags when the visitor refuses, and delete cookies set before the choice. ' +
      'If a cookie is strictly necessary, declare it in the config\'s `exemptCookies` with the reason.',
    fr: 'Faites bloquer ces balises par le gestionnaire de consentement quand le visiteur refuse, et supprimez les ' +
      'cookies déposés avant son choix. Si un cookie est strictement nécessaire, déclarez-le dans `exemptCookies` de ' +
      'la configuration avec sa justification.',
  },
  messages: {
    setAfterRefusal: {
      en: 'Cookie "{{name}}" ({{domain}}) is present after the visitor refused consent; {{reason}}.',
      fr: 'Le cookie « {{name}} » ({{domain}}) est présent après le refus du consentement par le visiteur ; {{reason}}.',
    },
    refusedNotObserved: {
      en: 'The refused phase was not observed (no visit after clicking reject).',
      fr: 'La phase de refus n\'a pas été observée (aucune visite après un clic sur le refus).',
    },
    noRejectClicked: {
      en: 'No reject control was clicked in the refused phase (none found on the banner), so refusal could not be tested.',
      fr: 'Aucun bouton de refus n\'a été cliqué dans la phase de refus (aucun trouvé sur le bandeau) : le respect du refus n\'a pas pu être vérifié.',
    },
    'tcf-consent-after-refusal': {
      en: 'The TCF consent string ("{{cookie}}", CMP {{cmpId}} version {{cmpVersion}}) still grants consent after the visitor ' +
        'refused: purposes {{purposes}}; {{vendorCount}} vendor{{vendorCount||s}}{{vendors}}.',
      fr: 'La chaîne de consentement TCF (« {{cookie}} », CMP {{cmpId}} version {{cmpVersion}}) accorde encore un consentement ' +
        'après le refus du visiteur : finalités {{purposes}} ; {{vendorCount}} fournisseur{{vendorCount||s}}{{vendors}}.',
    },
    rejectClickFailed: {
      en: 'The click on the reject control did not take effect (banner still shown), so refusal could not be tested.',
      fr: 'Le clic sur le bouton de refus est resté sans effet (bandeau toujours affiché) : le respect du refus n\'a pas pu être vérifié.',
    },
  },
  requiredObservations: ['refused'],
  defaultSeverity: 'error',
};

export function evaluate(input: RuleInput, ctx: RuleContext): RuleOutput {
  const refused = input.phases.refused;
  if (!refused) return { notApplicable: { messageId: 'refusedNotObserved' } };
  const banner = refused.banner;
  if (!banner || banner.clicked !== 'reject') return { notApplicable: { messageId: 'noRejectClicked' } };
  if (banner.clickWorked === false) return { notApplicable: { messageId: 'rejectClickFailed' } };
  // The state once refusal has settled: a cookie set before the click and deleted by the refusal is a
  // before-consent breach at most (cookies-before-consent judges it), not a refusal breach.
  const settled: PhaseObservations = {
    ...refused,
    cookies: Array.isArray(refused.cookies) ? refused.cookies.filter((c) => !(c && typeof c === 'object' && c.presentAtEnd === false)) : [],
  };
  const findings = consentFindings(settled, 'refused', ctx, 'setAfterRefusal', { cmp: banner.cmp ?? null });
  const tcf = tcfFinding(refused, banner.cmp ?? null);
  return { findings: tcf ? [...findings, tcf] : findings };
}

/** A TC string that still consents to purposes, special features or vendors after refusal (Matte et al., IEEE S&P 2020). */
function tcfFinding(refused: PhaseObservations, cmp: string | null): DraftFinding | null {
  const tcf = tcfOfPhase(refused.consentString);
  if (!tcf || tcf.error || !grantsConsent(tcf)) return null;
  const list = (ids: number[] | undefined) => (ids?.length ? ids.join(', ') : '—');
  const vendorCount = tcf.vendorConsentCount ?? 0;
  const shown = (tcf.vendorConsents ?? []).slice(0, 10);
  return {
    cookie: tcf.source.cookie,
    domain: tcf.source.domain,
    phase: 'refused',
    messageId: 'tcf-consent-after-refusal',
    data: {
      cookie: tcf.source.cookie, cmpId: tcf.cmpId ?? null, cmpVersion: tcf.cmpVersion ?? null,
      purposes: list(tcf.purposeConsents), vendorCount,
      vendors: shown.length ? ` (${shown.join(', ')}${vendorCount > shown.length ? ', …' : ''})` : '',
    },
    evidence: {
      cmp, tcf: {
        cmpId: tcf.cmpId, cmpVersion: tcf.cmpVersion, purposeConsents: tcf.purposeConsents ?? [],
        specialFeatureOptins: tcf.specialFeatureOptins ?? [], publisherConsents: tcf.publisherConsents ?? [],
        vendorConsents: tcf.vendorConsents ?? [], vendorConsentCount: vendorCount,
      },
    },
  };
}
