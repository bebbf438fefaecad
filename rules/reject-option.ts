/**
 * Rule: refusing must be as easy as accepting. When the banner's first layer offers acceptance it must offer a
 * refusal control too (a visible link labelled as refusal, such as "Continuer sans accepter", counts); a refusal much
 * less prominent than acceptance (a fraction of its area, or text against a filled button: knowledge/refusal-prominence.json)
 * is a warning. Not applicable without a banner.
 *
 * @example a banner with "Tout accepter" and "Personnaliser" only fails; "Tout accepter" + a faint "continuer sans accepter" link warns
 */
import type { BannerControl, ObservedBanner } from '../src/model.ts';
import type { DraftFinding, RuleContext, RuleInput, RuleMeta, RuleOutput } from '../src/rule.ts';
import { CONSENT_LAW, joinText, LEGAL } from './legal.ts';

export const meta: RuleMeta = {
  id: 'reject-option',
  title: {
    en: 'Refusing is offered on the first layer, as visibly as accepting',
    fr: 'Le refus est proposé dès le premier niveau, aussi visiblement que l\'acceptation',
  },
  failureTitle: {
    en: 'The banner offers acceptance without an equally easy refusal',
    fr: 'Le bandeau propose d\'accepter sans permettre de refuser aussi facilement',
  },
  description: joinText([{
    en: 'Reads the consent banner\'s first layer as the visitor sees it: when it offers an accept control it must offer a ' +
      'refusal control too (a button, or a visible link labelled as refusal such as "Continuer sans accepter"); a refusal ' +
      'only reachable in a second layer ("Personnaliser", "Gérer mes choix") fails. A refusal much less prominent than ' +
      'acceptance (a fraction of its area, or text against a filled button) is a warning. Refusing must be as easy as ' +
      'accepting (CNIL délibération n° 2020-092, recommandation; CNIL sanctions against Google and Facebook, December 2021). ',
    fr: 'Examine le premier niveau du bandeau tel que le visiteur le voit : s\'il propose un bouton d\'acceptation, il doit ' +
      'aussi proposer un moyen de refuser (un bouton, ou un lien visible libellé comme un refus, tel que « Continuer sans ' +
      'accepter ») ; un refus accessible seulement au second niveau (« Personnaliser », « Gérer mes choix ») est un manquement. ' +
      'Un refus bien moins visible que l\'acceptation (une fraction de sa surface, ou un simple texte face à un bouton plein) ' +
      'donne un avertissement. Refuser doit être aussi simple qu\'accepter (CNIL, délibération n° 2020-092, recommandation ; ' +
      'sanctions de la CNIL contre Google et Facebook, décembre 2021). ',
  }, CONSENT_LAW]),
  legalReference: LEGAL.guidelines,
  remedy: {
    en: 'Put a "Tout refuser" (or "Continuer sans accepter") control on the banner\'s first layer, of the same size and style as the accept button.',
    fr: 'Placez un bouton « Tout refuser » (ou « Continuer sans accepter ») au premier niveau du bandeau, de même taille et de même style que le bouton d\'acceptation.',
  },
  messages: {
    noRefusal: {
      en: 'The banner\'s first layer offers acceptance ({{accept}}) but no refusal control.',
      fr: 'Le premier niveau du bandeau propose d\'accepter ({{accept}}) mais aucun moyen de refuser.',
    },
    noRefusalSecondLayer: {
      en: 'The banner\'s first layer offers acceptance ({{accept}}) but no refusal control: refusal is only in a second layer, behind {{settings}}.',
      fr: 'Le premier niveau du bandeau propose d\'accepter ({{accept}}) mais aucun moyen de refuser : le refus n\'est qu\'au second niveau, derrière {{settings}}.',
    },
    lessProminent: {
      en: 'The refusal control "{{reject}}" ({{rejectSize}}, {{rejectStyle}}) is much less prominent than the accept control "{{accept}}" ({{acceptSize}}, {{acceptStyle}}): {{why}}.',
      fr: 'Le bouton de refus « {{reject}} » ({{rejectSize}}, {{rejectStyle}}) est bien moins visible que le bouton d\'acceptation « {{accept}} » ({{acceptSize}}, {{acceptStyle}}) : {{why}}.',
    },
    styleFilled: { en: 'filled button', fr: 'bouton plein' },
    styleText: { en: 'text or link', fr: 'texte ou lien' },
    whyArea: {
      en: 'its area is {{percent}} % of the accept control\'s (below {{threshold}} %)',
      fr: 'sa surface vaut {{percent}} % de celle du bouton d\'acceptation (moins de {{threshold}} %)',
    },
    whyText: { en: 'it is text against a filled button', fr: 'c\'est un simple texte face à un bouton plein' },
    whyBoth: { en: '{{a}}, and {{b}}', fr: '{{a}}, et {{b}}' },
    noSettings: { en: 'no settings control', fr: 'aucun bouton de paramétrage' },
    noBanner: {
      en: 'No consent banner was detected on arrival, so there is no refusal to judge.',
      fr: 'Aucun bandeau de consentement n\'a été détecté à l\'arrivée : il n\'y a pas de refus à évaluer.',
    },
    noAccept: {
      en: 'The banner\'s first layer offers no accept control, so there is no acceptance to compare refusal with.',
      fr: 'Le premier niveau du bandeau ne propose pas d\'accepter : il n\'y a pas d\'acceptation à laquelle comparer le refus.',
    },
    initialNotObserved: {
      en: 'The initial phase was not observed, so the banner\'s first layer is unknown.',
      fr: 'La phase initiale n\'a pas été observée : le premier niveau du bandeau est inconnu.',
    },
    notMeasured: {
      en: 'The collector did not measure the controls\' sizes, so their prominence was not compared.',
      fr: 'Le collecteur n\'a pas mesuré la taille des boutons : leur visibilité n\'a pas été comparée.',
    },
  },
  requiredObservations: ['initial', 'refused'],
  defaultSeverity: 'error',
};

const area = (c: BannerControl): number => Math.max(0, c.width) * Math.max(0, c.height);
const size = (c: BannerControl): string => `${Math.round(c.width)}×${Math.round(c.height)} px`;
/** The most prominent control of a kind: filled first, then the largest. */
const mostProminent = (list: BannerControl[]): BannerControl | undefined =>
  [...list].sort((a, b) => Number(b.filled) - Number(a.filled) || area(b) - area(a))[0];

function controlsOf(banner: ObservedBanner): BannerControl[] | null {
  if (!Array.isArray(banner.controls)) return null;
  return banner.controls.filter((c): c is BannerControl => typeof c === 'object' && c !== null && typeof c.label === 'string');
}

export function evaluate(input: RuleInput, ctx: RuleContext): RuleOutput {
  const initial = input.phases.initial;
  if (!initial) return { notApplicable: { messageId: 'initialNotObserved' } };
  const banner = initial.banner;
  if (!banner?.detected) return { notApplicable: { messageId: 'noBanner' } };
  const controls = controlsOf(banner);
  const of = (kind: BannerControl['kind']) => (controls ?? []).filter((c) => c.kind === kind);
  const accepts = of('accept');
  const rejects = of('reject');
  const hasAccept = controls ? accepts.length > 0 : banner.acceptFound;
  const hasReject = banner.rejectOnFirstLayer || rejects.length > 0;
  if (!hasAccept) return { notApplicable: { messageId: 'noAccept' } };

  const refused = input.phases.refused?.banner;
  const common = { cmp: banner.cmp, screenshot: banner.screenshot, bannerText: banner.text, controls: controls ?? [] };
  if (!hasReject) {
    const settings = of('settings');
    const finding: DraftFinding = {
      phase: 'initial',
      messageId: banner.rejectFound || refused?.refusalSteps === 2 ? 'noRefusalSecondLayer' : 'noRefusal',
      data: {
        accept: accepts.map((c) => `"${c.label}"`).join(', ') || '"?"',
        settings: settings.map((c) => `"${c.label}"`).join(', ') || { messageId: 'noSettings' },
      },
      evidence: {
        ...common,
        accept: accepts.map((c) => ({ label: c.label, width: c.width, height: c.height, filled: c.filled })),
        settings: settings.map((c) => c.label),
        refusalInSecondLayer: banner.rejectFound,
        refusalSteps: refused?.refusalSteps ?? null,
      },
    };
    return { findings: [finding] };
  }

  const accept = mostProminent(accepts);
  const reject = mostProminent(rejects);
  const limits = ctx.refusalProminence;
  if (!accept || !reject || area(accept) === 0 || area(reject) === 0 || !limits) {
    return { findings: [], notes: [{ messageId: 'notMeasured' }] };
  }
  const ratio = area(reject) / area(accept);
  const small = ratio < limits.minAreaRatio;
  const textOnly = limits.textAgainstFilledButton && accept.filled && !reject.filled;
  if (!small && !textOnly) return { findings: [] };
  const whyArea = { messageId: 'whyArea', data: { percent: Math.round(ratio * 100), threshold: Math.round(limits.minAreaRatio * 100) } };
  const whyText = { messageId: 'whyText' };
  const style = (c: BannerControl) => ({ messageId: c.filled ? 'styleFilled' : 'styleText' });
  return {
    findings: [{
      phase: 'initial',
      severity: 'warn',
      messageId: 'lessProminent',
      data: {
        reject: reject.label, rejectSize: size(reject), rejectStyle: style(reject),
        accept: accept.label, acceptSize: size(accept), acceptStyle: style(accept),
        why: small && textOnly ? { messageId: 'whyBoth', data: { a: whyArea, b: whyText } } : small ? whyArea : whyText,
      },
      evidence: {
        ...common,
        accept: { label: accept.label, width: accept.width, height: accept.height, filled: accept.filled },
        reject: { label: reject.label, width: reject.width, height: reject.height, filled: reject.filled },
        areaRatio: Math.round(ratio * 1000) / 1000,
        thresholds: { minAreaRatio: limits.minAreaRatio, textAgainstFilledButton: limits.textAgainstFilledButton },
      },
    }],
  };
}
