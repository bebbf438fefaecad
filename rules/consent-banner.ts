/**
 * Rule: a site that sets cookies requiring consent or calls trackers must show a consent banner on arrival.
 *
 * @example a site with `_ga` and no banner in the initial phase fails; a site with only PHPSESSID is not applicable
 */
import type { ObservedBanner, Phase } from '../src/model.ts';
import { PHASES } from '../src/model.ts';
import type { DraftFinding, RuleContext, RuleInput, RuleMeta, RuleOutput } from '../src/rule.ts';
import { CONSENT_LAW, joinText, LEGAL } from './legal.ts';
import { usableCookies, usableRequests } from './usable-observations.ts';
import { namedCookieKey } from '../src/cookie-key.ts';

export const meta: RuleMeta = {
  id: 'consent-banner',
  title: {
    en: 'A consent banner is shown',
    fr: 'Un bandeau de consentement est présenté lorsque des traceurs sont utilisés',
  },
  failureTitle: {
    en: 'Trackers or cookies need consent but no consent banner is shown',
    fr: 'Des traceurs sont utilisés sans bandeau de consentement',
  },
  description: joinText([{
    en: 'When the site sets a cookie that is not exempt or calls a tracker or analytics service (in any phase), a consent ' +
      'banner must be shown when the visitor arrives, before anything is stored. A banner that only informs (continuing ' +
      'to browse taken as consent, only "OK" or a close cross) or walls the site off with no refusal is no choice and fails too. ',
    fr: 'Quand le site dépose un cookie non exempté ou appelle un service de suivi ou de mesure d\'audience (dans ' +
      'n\'importe quelle phase), un bandeau de consentement doit être présenté dès l\'arrivée du visiteur, avant tout dépôt. ' +
      'Un bandeau qui ne fait qu\'informer (poursuite de la navigation valant consentement, seulement « OK » ou une croix) ' +
      'ou qui bloque le site sans permettre de refuser n\'offre aucun choix et constitue aussi un manquement. ',
  }, CONSENT_LAW]),
  legalReference: LEGAL.guidelines,
  remedy: {
    en: 'Install a consent manager (e.g. tarteaucitron.js, Klaro, Orejime, vanilla-cookieconsent) and load trackers only after consent, or remove the trackers.',
    fr: 'Installez un gestionnaire de consentement (p. ex. tarteaucitron.js, Klaro, Orejime, vanilla-cookieconsent) ' +
      'présentant des boutons « Accepter » et « Refuser » aussi visibles l\'un que l\'autre, et ne chargez les traceurs ' +
      'qu\'après le consentement, ou retirez-les.',
  },
  messages: {
    noBannerTrackers: {
      en: 'The site calls {{services}}, but no consent banner was detected when the page loaded.',
      fr: 'Le site appelle {{services}}, mais aucun bandeau de consentement n\'a été détecté au chargement de la page.',
    },
    noBannerCookies: {
      en: 'The site sets {{count}} cookie{{count||s}} requiring consent ({{names}}), but no consent banner was detected when the page loaded.',
      fr: 'Le site dépose {{count}} {{count|cookie soumis|cookies soumis}} au consentement ({{names}}), mais aucun bandeau de consentement n\'a été détecté au chargement de la page.',
    },
    noBannerBoth: {
      en: 'The site calls {{services}} and sets {{count}} cookie{{count||s}} requiring consent ({{names}}), but no consent banner was detected when the page loaded.',
      fr: 'Le site appelle {{services}} et dépose {{count}} {{count|cookie soumis|cookies soumis}} au consentement ({{names}}), mais aucun bandeau de consentement n\'a été détecté au chargement de la page.',
    },
    nothingNeedsConsent: {
      en: 'No tracker or non-exempt cookie: no banner needed.',
      fr: 'Aucun traceur ni cookie non exempté : aucun bandeau n\'est nécessaire.',
    },
    informOnly: {
      en: 'The banner only informs; it offers no choice: it takes browsing on as consent and offers no refusal ({{controls}}). Continuing to browse is not a valid consent. Banner text: "{{text}}"',
      fr: 'Le bandeau ne fait qu\'informer, il n\'offre aucun choix : il considère la poursuite de la navigation comme un consentement et ne propose aucun refus ({{controls}}). Poursuivre la navigation n\'est pas un consentement valable. Texte du bandeau : « {{text}} »',
    },
    cookieWall: {
      en: 'The banner blocks the site until the visitor accepts, with no refusal and no alternative ({{controls}}): a cookie wall. Banner text: "{{text}}"',
      fr: 'Le bandeau bloque le site jusqu\'à ce que le visiteur accepte, sans refus ni alternative ({{controls}}) : un mur de cookies. Texte du bandeau : « {{text}} »',
    },
    noControls: { en: 'no control', fr: 'aucun bouton' },
    initialNotObserved: {
      en: 'The initial phase was not observed, so whether a banner is shown on arrival is unknown.',
      fr: 'La phase initiale n\'a pas été observée : on ne sait pas si un bandeau est présenté à l\'arrivée.',
    },
  },
  requiredObservations: ['initial', 'accepted', 'refused'],
  defaultSeverity: 'error',
};

/** At most this many examples of each kind go into the evidence. */
const EXAMPLES = 10;

export function evaluate(input: RuleInput, ctx: RuleContext): RuleOutput {
  const cookies = new Map<string, { cookie: string; domain: string; phase: Phase; reason: string }>();
  const trackers = new Map<string, { service: string; url: string; phase: Phase }>();
  for (const phase of PHASES) {
    const observed = input.phases[phase];
    for (const c of usableCookies(observed)) {
      const key = namedCookieKey(c);
      if (cookies.has(key)) continue;
      const exemption = ctx.classify(c);
      if (!exemption.exempt) cookies.set(key, { cookie: c.name, domain: c.domain, phase, reason: exemption.reason });
    }
    for (const r of usableRequests(observed)) {
      const service = ctx.trackerOf(r.url);
      // A hit of audience measurement the CNIL exempts (Matomo on its conditions) needs no banner.
      if (service && !trackers.has(service) && !ctx.exemptHit?.(r.url)) trackers.set(service, { service, url: r.url, phase });
    }
  }
  if (cookies.size === 0 && trackers.size === 0) {
    return { notApplicable: { messageId: 'nothingNeedsConsent' } };
  }
  const initial = input.phases.initial;
  if (!initial) return { notApplicable: { messageId: 'initialNotObserved' } };
  if (initial.banner?.detected === true) {
    const noChoice = noChoiceFinding(initial.banner, input);
    return { findings: noChoice ? [noChoice] : [] };
  }

  const services = [...trackers.keys()];
  const names = [...cookies.values()].map((c) => c.cookie);
  const firstFive = (list: string[]): string => `${list.slice(0, 5).join(', ')}${list.length > 5 ? '…' : ''}`;
  const messageId = services.length && names.length ? 'noBannerBoth' : services.length ? 'noBannerTrackers' : 'noBannerCookies';
  let host = '';
  try { host = new URL(input.finalUrl || input.url).hostname; } catch { /* the message does without */ }
  return {
    findings: [{
      ...(host ? { domain: host } : {}),
      phase: 'initial',
      messageId,
      data: { services: firstFive(services), count: names.length, names: firstFive(names) },
      evidence: {
        trackers: [...trackers.values()].slice(0, EXAMPLES),
        cookies: [...cookies.values()].slice(0, EXAMPLES),
        trackerCount: trackers.size,
        cookieCount: cookies.size,
      },
    }],
  };
}

/** How much of the banner text goes into a message (the evidence keeps it all, as the collector capped it). */
const TEXT_IN_MESSAGE = 300;

/**
 * A banner that is no choice (CNIL délibération n° 2020-091 art. 2: continuing to browse is not consent; refusing must be
 * possible): it only informs (implied-consent wording, no refusal, no settings), or it walls the site off (covers the page,
 * no refusal anywhere, no settings). Null for a banner offering a choice, or when the collector did not tell.
 */
function noChoiceFinding(banner: ObservedBanner, input: RuleInput): DraftFinding | null {
  const controls = Array.isArray(banner.controls) ? banner.controls : [];
  const offers = (kind: string) => controls.some((c) => c?.kind === kind);
  const noRefusal = !banner.rejectOnFirstLayer && !offers('reject');
  const noSettings = !offers('settings');
  let messageId: 'informOnly' | 'cookieWall' | null = null;
  if (banner.impliedConsent === true && noRefusal && noSettings) messageId = 'informOnly';
  else if (banner.blocksPage === true && noRefusal && !banner.rejectFound && noSettings) messageId = 'cookieWall';
  if (!messageId) return null;
  const text = banner.text ?? '';
  const labels = controls.map((c) => `"${c.label}"`).join(', ');
  let host = '';
  try { host = new URL(input.finalUrl || input.url).hostname; } catch { /* the message does without */ }
  return {
    ...(host ? { domain: host } : {}),
    phase: 'initial',
    messageId,
    data: {
      text: text.length > TEXT_IN_MESSAGE ? `${text.slice(0, TEXT_IN_MESSAGE)}…` : text,
      controls: labels || { messageId: 'noControls' },
    },
    evidence: {
      kind: messageId === 'informOnly' ? 'inform-only' : 'cookie-wall',
      bannerText: banner.text,
      controls,
      impliedConsent: banner.impliedConsent ?? null,
      blocksPage: banner.blocksPage ?? null,
      cmp: banner.cmp,
      screenshot: banner.screenshot,
    },
  };
}
