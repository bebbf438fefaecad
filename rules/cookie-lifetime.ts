/**
 * Rule: no cookie may be declared to live longer than `maxLifetimeMonths` calendar months (13 by default)
 * from the moment it was set, exempt or not, in any phase.
 *
 * @example a `_ga` cookie set on 2024-01-01 with Max-Age=63072000 (2 years) fails; 390 days passes
 */
import type { DraftFinding, RuleContext, RuleInput, RuleMeta, RuleOutput } from '../src/rule.ts';
import { PHASES, type Phase } from '../src/model.ts';
import { LEGAL } from './legal.ts';
import { addCalendarMonths, declaredExpiry, isoOrNull, parseIso } from '../src/declared-expiry.ts';
import { usableCookies } from './usable-observations.ts';
import { namedCookieKey } from '../src/cookie-key.ts';

export const meta: RuleMeta = {
  id: 'cookie-lifetime',
  title: {
    en: 'Cookies expire within the maximum lifetime',
    fr: 'Les durées de vie des cookies respectent la limite',
  },
  failureTitle: {
    en: 'Cookies are declared to live longer than the maximum lifetime',
    fr: 'Des cookies ont une durée de vie supérieure à la limite',
  },
  description: {
    en: 'Lists every cookie, exempt or not and in any phase, whose declared lifetime (Max-Age, else Expires, counted from ' +
      'when it was set) exceeds the configured number of calendar months, 13 by default. The CNIL recommends that ' +
      'trackers live no longer than 13 months and makes it a condition of the audience-measurement exemption ' +
      '(délibération n° 2020-091 du 17 septembre 2020). Chromium caps what it stores at 400 days, so the declared ' +
      'value is the evidence.',
    fr: 'Relève chaque cookie, exempté ou non et dans toutes les phases, dont la durée de vie déclarée (Max-Age, sinon ' +
      'Expires, comptée depuis son dépôt) dépasse le nombre de mois calendaires configuré, 13 par défaut. La CNIL ' +
      'recommande que les traceurs ne vivent pas plus de 13 mois et en fait une condition de l\'exemption des outils de ' +
      'mesure d\'audience (délibération n° 2020-091 du 17 septembre 2020). Chromium plafonne à 400 jours ce qu\'il ' +
      'enregistre : la valeur déclarée fait donc foi.',
  },
  legalReference: LEGAL.analytics,
  remedy: {
    en: 'Set Max-Age/Expires to at most the limit (13 months: Max-Age=33696000 is 390 days), in the site or the tag\'s configuration (e.g. cookie_expires for Google tags).',
    fr: 'Limitez Max-Age/Expires à la limite au plus (13 mois : Max-Age=33696000 correspond à 390 jours), dans le site ou ' +
      'la configuration de la balise (p. ex. cookie_expires pour les balises Google), et ne la prolongez pas à chaque visite.',
  },
  messages: {
    declaredTooLong: {
      en: 'Cookie "{{name}}" ({{domain}}) is declared to last {{days}} days{{until}}, more than {{months}} months after it was set (limit {{limit}}).',
      fr: 'Le cookie « {{name}} » ({{domain}}) est déclaré pour durer {{days}} jours{{until}}, soit plus de {{months}} mois après son dépôt (limite : {{limit}}).',
    },
    storedTooLong: {
      en: 'Cookie "{{name}}" ({{domain}}) is stored to last {{days}} days{{until}}, more than {{months}} months after it was set (limit {{limit}}).',
      fr: 'Le cookie « {{name}} » ({{domain}}) est enregistré pour durer {{days}} jours{{until}}, soit plus de {{months}} mois après son dépôt (limite : {{limit}}).',
    },
    until: {
      en: ' (until {{date}})',
      fr: ' (jusqu\'au {{date}})',
    },
  },
  requiredObservations: ['initial', 'accepted', 'refused'],
  defaultSeverity: 'error',
};

const DAY_MS = 86_400_000;

export function evaluate(input: RuleInput, ctx: RuleContext): RuleOutput {
  const months = ctx.maxLifetimeMonths;
  const findings: DraftFinding[] = [];
  const judged = new Map<string, DraftFinding>();
  for (const phase of PHASES) {
    for (const cookie of usableCookies(input.phases[phase])) {
      const setAtMs = parseIso(cookie.setAt);
      if (setAtMs === null) continue; // without a start time there is no lifetime to measure
      const expiry = declaredExpiry(cookie, setAtMs);
      if (!expiry) continue; // session cookies never fail
      const limitMs = addCalendarMonths(setAtMs, months);
      if (expiry.expiresAtMs <= limitMs) continue;
      const key = namedCookieKey(cookie);
      const earlier = judged.get(key);
      if (earlier) {
        // Same cookie again in a later phase: one finding, listing where it was seen too long.
        const phases = earlier.evidence.phases as Phase[];
        if (!phases.includes(phase)) phases.push(phase);
        continue;
      }
      const days = Math.round((expiry.expiresAtMs - setAtMs) / DAY_MS);
      const expiresAt = isoOrNull(expiry.expiresAtMs);
      const finding: DraftFinding = {
        cookie: cookie.name,
        domain: cookie.domain,
        phase,
        messageId: expiry.basis === 'stored' ? 'storedTooLong' : 'declaredTooLong',
        data: {
          name: cookie.name, domain: cookie.domain, days, months,
          until: expiresAt ? { messageId: 'until', data: { date: expiresAt.slice(0, 10) } } : '',
          limit: isoOrNull(limitMs)?.slice(0, 10) ?? '',
        },
        evidence: {
          setAt: cookie.setAt,
          declaredMaxAge: cookie.declaredMaxAge ?? null,
          declaredExpires: cookie.declaredExpires ?? null,
          storedExpires: cookie.storedExpires ?? null,
          basis: expiry.basis,
          effectiveExpiry: expiresAt,
          lifetimeDays: days,
          maxLifetimeMonths: months,
          limit: isoOrNull(limitMs),
          phases: [phase],
        },
      };
      judged.set(key, finding);
      findings.push(finding);
    }
  }
  return { findings };
}
