/**
 * IAB TCF v2 consent strings (TC strings), decoded with the IAB's own `@iabtechlabtcf/core`: what a
 * consent manager recorded of the visitor's choice — the purposes and vendors consented to, and which
 * CMP (id and version) wrote it. Pure: no browser API; the collectors hand over the jar's TC-string cookies
 * (`consentStringOf` → `PhaseObservations.consentString`, the `euconsent-v2` cookie's value).
 *
 * @example
 *   const d = decodeTcString('CQ…'); // { ok: true, cmpId: 300, purposeConsents: [1, 3], vendorConsents: [2], … }
 *   const tcf = tcfOfPhase(phase.consentString);    // the decoded string with its cookie
 *   if (tcf && !tcf.error && grantsConsent(tcf)) … // still consented after refusal (Matte et al., IEEE S&P 2020)
 */
import { TCString } from '@iabtechlabtcf/core';
import type { ObservedConsentString, TcfPhase } from './model.ts';
import { partyOf } from './party.ts';

/** Vendor ids kept in a report; the counts are always complete. */
export const MAX_VENDOR_IDS = 100;

/** The cookie names TCF consent managers store the TC string in (the IAB's `euconsent-v2` first). */
export const TC_STRING_COOKIES: readonly string[] = ['euconsent-v2'];

/** TC strings are a few hundred characters; past this a value is not kept. */
export const MAX_TC_STRING_LENGTH = 16_384;

/** A cookie in the browser's jar as either collector reads it (crawler: the DevTools jar; extension: cookies.onChanged). */
export interface JarTcCookie { name: string; value: string; domain: string }

/**
 * The TCF consent string a phase ended with, from the cookies in the browser's jar: the `euconsent-v2`
 * value kept whole whatever `--include-values` says (it holds the visitor's choices and the CMP's id, no
 * identifier). A first-party cookie wins over a third-party one. Both collectors record it with this.
 *
 * @example consentStringOf(jar, 'https://a.fr/') // { format: 'tcf-v2', value: 'CQ…', source: 'cookie', name: 'euconsent-v2', domain: 'a.fr' } or undefined
 */
export function consentStringOf(jar: readonly JarTcCookie[], siteUrl: string): ObservedConsentString | undefined {
  const candidates = jar
    .filter((c) => TC_STRING_COOKIES.includes(c.name) && typeof c.value === 'string' && c.value !== '' && c.value.length <= MAX_TC_STRING_LENGTH)
    .map((c) => ({ c, domain: c.domain.replace(/^\./, '').toLowerCase() }))
    .sort((a, b) => Number(partyOf(a.domain, siteUrl) !== 'first') - Number(partyOf(b.domain, siteUrl) !== 'first'));
  const best = candidates[0];
  return best ? { format: 'tcf-v2', value: best.c.value, source: 'cookie', name: best.c.name, domain: best.domain } : undefined;
}

export type DecodedTcString = { ok: true } & Omit<TcfPhase, 'source'> | { ok: false; error: string };

function ids(vector: { forEach(cb: (value: boolean, id: number) => void): void } | undefined): number[] {
  const out: number[] = [];
  vector?.forEach((value, id) => { if (value) out.push(id); });
  return out.sort((a, b) => a - b);
}

/** Decodes a TC string's core segment (and the publisher segment when present); never throws. */
export function decodeTcString(value: string): DecodedTcString {
  if (typeof value !== 'string' || value.trim() === '') return { ok: false, error: 'empty TC string' };
  try {
    const m = TCString.decode(value.trim());
    const vendorConsents = ids(m.vendorConsents);
    const vendorLegitimateInterests = ids(m.vendorLegitimateInterests);
    return {
      ok: true,
      cmpId: m.cmpId as number,
      cmpVersion: m.cmpVersion as number,
      policyVersion: Number(m.policyVersion),
      created: m.created instanceof Date && !Number.isNaN(m.created.getTime()) ? m.created.toISOString() : null,
      lastUpdated: m.lastUpdated instanceof Date && !Number.isNaN(m.lastUpdated.getTime()) ? m.lastUpdated.toISOString() : null,
      purposeConsents: ids(m.purposeConsents),
      purposeLegitimateInterests: ids(m.purposeLegitimateInterests),
      specialFeatureOptins: ids(m.specialFeatureOptins),
      publisherConsents: ids(m.publisherConsents),
      vendorConsents: vendorConsents.slice(0, MAX_VENDOR_IDS),
      vendorConsentCount: vendorConsents.length,
      vendorLegitimateInterestCount: vendorLegitimateInterests.length,
    };
  } catch (error) {
    return { ok: false, error: `not a TC string: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300) };
  }
}

/** A phase's consent string decoded for the report, or undefined when the phase recorded none. */
export function tcfOfPhase(consent: ObservedConsentString | undefined): TcfPhase | undefined {
  if (!consent || typeof consent !== 'object' || consent.format !== 'tcf-v2' || typeof consent.value !== 'string') return undefined;
  const source = { cookie: String(consent.name ?? ''), domain: String(consent.domain ?? '') };
  const d = decodeTcString(consent.value);
  if (!d.ok) return { source, error: d.error };
  const { ok: _ok, ...decoded } = d;
  return { source, ...decoded };
}

/** Whether a decoded TC string still grants anything needing consent: a purpose, a special feature, a vendor or the publisher. */
export function grantsConsent(t: TcfPhase): boolean {
  return (t.purposeConsents?.length ?? 0) > 0 || (t.vendorConsentCount ?? 0) > 0
    || (t.specialFeatureOptins?.length ?? 0) > 0 || (t.publisherConsents?.length ?? 0) > 0;
}
