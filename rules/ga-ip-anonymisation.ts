/**
 * Rule: Universal Analytics hits must carry the `aip` parameter (IP anonymisation); GA4 passes with a note.
 *
 * @example a hit to https://www.google-analytics.com/collect?v=1&tid=UA-1-1 without `aip` → one finding for UA-1-1
 */
import type { Phase } from '../src/model.ts';
import { PHASES } from '../src/model.ts';
import type { DraftFinding, DraftNote, RuleContext, RuleInput, RuleMeta, RuleOutput } from '../src/rule.ts';
import { parseGaRequest, type GaHit } from './ga-hits.ts';
import { LEGAL } from './legal.ts';
import { usableRequests } from './usable-observations.ts';

export const meta: RuleMeta = {
  id: 'ga-ip-anonymisation',
  title: {
    en: 'Google Analytics anonymises IP addresses',
    fr: 'Les appels Google Analytics anonymisent l\'adresse IP',
  },
  failureTitle: {
    en: 'Google Analytics receives full IP addresses',
    fr: 'Des appels Google Analytics n\'anonymisent pas l\'adresse IP',
  },
  description: {
    en: 'Finds Google Analytics Universal hits (v=1 / tid=UA-…, on /collect, /j/collect, /r/collect or /batch, sent to ' +
      'Google or through a first-party proxy) without the `aip` parameter: per the Measurement Protocol, its presence ' +
      'makes Google truncate the visitor\'s IP address. Anonymisation is among the CNIL\'s conditions for exempting an ' +
      'audience-measurement tool from consent (délibération n° 2020-091, art. 82 loi Informatique et Libertés) and ' +
      'limits the personal data sent to Google. GA4 hits pass: GA4 anonymises IP addresses itself.',
    fr: 'Repère les appels Google Analytics Universal (v=1 / tid=UA-…, sur /collect, /j/collect, /r/collect ou /batch, ' +
      'envoyés à Google ou par un proxy interne) sans le paramètre `aip` : d\'après le Measurement Protocol, sa présence ' +
      'fait tronquer par Google l\'adresse IP du visiteur. L\'anonymisation fait partie des conditions posées par la CNIL ' +
      'pour exempter de consentement un outil de mesure d\'audience (délibération n° 2020-091, art. 82 de la loi ' +
      'Informatique et Libertés) et limite les données personnelles transmises à Google. Les appels GA4 sont conformes : ' +
      'GA4 anonymise lui-même les adresses IP.',
  },
  legalReference: LEGAL.gaAip,
  remedy: {
    en: 'Set anonymize_ip (gtag: `gtag(\'config\', \'UA-…\', { anonymize_ip: true })`; analytics.js: `ga(\'set\', \'anonymizeIp\', true)`), or migrate to GA4.',
    fr: 'Activez l\'anonymisation IP (gtag : `gtag(\'config\', \'UA-…\', { anonymize_ip: true })` ; analytics.js : ' +
      '`ga(\'set\', \'anonymizeIp\', true)`) ou migrez vers GA4, ou vers une solution de mesure d\'audience exemptée ' +
      'configurée selon les recommandations de la CNIL.',
  },
  messages: {
    notAnonymised: {
      en: 'Google Analytics property {{tid}} received {{count}} hit{{count||s}} without IP anonymisation (no `aip` parameter).',
      fr: 'La propriété Google Analytics {{tid}} a reçu {{count}} {{count|appel|appels}} sans anonymisation de l\'adresse IP (pas de paramètre `aip`).',
    },
    notAnonymisedProxied: {
      en: 'Google Analytics property {{tid}} received {{count}} hit{{count||s}} without IP anonymisation (no `aip` parameter) through the first-party proxy {{host}}.',
      fr: 'La propriété Google Analytics {{tid}} a reçu {{count}} {{count|appel|appels}} sans anonymisation de l\'adresse IP (pas de paramètre `aip`) par le proxy interne {{host}}.',
    },
    ga4Anonymises: {
      en: 'GA4 anonymises IP addresses itself ({{count}} GA4 hit{{count||s}} for {{properties}}).',
      fr: 'GA4 anonymise lui-même les adresses IP ({{count}} {{count|appel|appels}} GA4 pour {{properties}}).',
    },
    noGaHit: {
      en: 'No Google Analytics hit was observed.',
      fr: 'Aucun appel Google Analytics n\'a été observé.',
    },
  },
  requiredObservations: ['initial', 'accepted', 'refused'],
  defaultSeverity: 'error',
};

/** At most this many hit URLs per finding. */
const EXAMPLES = 5;

interface Offender { tid: string; hits: Array<GaHit & { phase: Phase }> }

// The context is unused: GA hits are recognised by their own protocol, not by the tracker list.
export function evaluate(input: RuleInput, _ctx?: RuleContext): RuleOutput {
  const offenders = new Map<string, Offender>();
  const anonymisedByTid = new Map<string, number>();
  const ga4 = new Map<string, number>();
  let uaHits = 0;
  for (const phase of PHASES) {
    for (const request of usableRequests(input.phases[phase])) {
      for (const hit of parseGaRequest(request) ?? []) {
        const tid = hit.tid ?? '(no tid)';
        if (hit.version === 'ga4') { ga4.set(tid, (ga4.get(tid) ?? 0) + 1); continue; }
        uaHits++;
        if (hit.anonymised) { anonymisedByTid.set(tid, (anonymisedByTid.get(tid) ?? 0) + 1); continue; }
        const o = offenders.get(tid) ?? { tid, hits: [] };
        o.hits.push({ ...hit, phase });
        offenders.set(tid, o);
      }
    }
  }
  if (uaHits === 0 && ga4.size === 0) return { notApplicable: { messageId: 'noGaHit' } };

  const notes: DraftNote[] = [];
  if (ga4.size > 0) {
    const count = [...ga4.values()].reduce((a, b) => a + b, 0);
    notes.push({ messageId: 'ga4Anonymises', data: { count, properties: [...ga4.keys()].join(', ') } });
  }
  const findings: DraftFinding[] = [...offenders.values()].map((o) => {
    const first = o.hits[0];
    const urls = [...new Set(o.hits.map((h) => h.url))];
    const anonymised = anonymisedByTid.get(o.tid) ?? 0;
    return {
      domain: first.host,
      phase: first.phase,
      messageId: first.proxied ? 'notAnonymisedProxied' : 'notAnonymised',
      data: { tid: o.tid, count: o.hits.length, ...(first.proxied ? { host: first.host } : {}) },
      evidence: {
        tid: o.tid,
        hitCount: o.hits.length,
        anonymisedHitCount: anonymised,
        phases: [...new Set(o.hits.map((h) => h.phase))],
        proxied: first.proxied,
        urls: urls.slice(0, EXAMPLES),
        moreUrls: Math.max(0, urls.length - EXAMPLES),
      },
    };
  });
  return { findings, notes };
}
