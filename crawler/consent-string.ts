/**
 * The TCF consent string a phase ended with: the `euconsent-v2` cookie's value from the browser's jar,
 * kept whole whatever `--include-values` says (it holds the visitor's choices and the CMP's id, no
 * identifier; the engine decodes it, src/tcf.ts). A first-party cookie wins over a third-party one.
 *
 * @example consentStringOf(await context.cookies(), 'https://a.fr/') // { format: 'tcf-v2', value: 'CQ…', … } or undefined
 */
import type { ObservedConsentString } from '../src/model.ts';
import { partyOf } from '../src/party.ts';
import { TC_STRING_COOKIES } from '../src/tcf.ts';
import type { JarCookie } from './merge-cookies.ts';

/** TC strings are a few hundred characters; past this a value is not kept. */
const MAX_LENGTH = 16_384;

export function consentStringOf(jar: readonly JarCookie[], siteUrl: string): ObservedConsentString | undefined {
  const candidates = jar
    .filter((c) => TC_STRING_COOKIES.includes(c.name) && typeof c.value === 'string' && c.value !== '' && c.value.length <= MAX_LENGTH)
    .map((c) => ({ c, domain: c.domain.replace(/^\./, '').toLowerCase() }))
    .sort((a, b) => Number(partyOf(a.domain, siteUrl) !== 'first') - Number(partyOf(b.domain, siteUrl) !== 'first'));
  const best = candidates[0];
  return best ? { format: 'tcf-v2', value: best.c.value, source: 'cookie', name: best.c.name, domain: best.domain } : undefined;
}
