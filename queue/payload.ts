/**
 * A job's payload as a worker accepts it. Whatever sits in Redis is untrusted (anyone who can write
 * to it can write a job): only `{target: string}` of bounded length passes, and the target is
 * re-parsed with the worker's own `--allow-scheme`, never the adder's. No path, browser switch or
 * code is ever taken from a job. A refused payload becomes the site's error result, decided before
 * any browser or file is touched.
 *
 * @example
 *   checkPayload({ target: 'file:///etc/passwd' }, [])
 *   // → { ok: false, key: 'file:///etc/passwd', code: 'unsupported-scheme', message: 'Expected an http(s) URL …' }
 *   checkPayload({ target: 'a.fr' }, []) // → { ok: true, target: 'a.fr', key: 'https://a.fr/', url: 'https://a.fr/', candidates: […] }
 */
import { Ajv } from 'ajv';
import { parseTarget, type AllowableScheme } from '../crawler/targets.ts';

/** Longest target accepted from a job (a URL longer than this is no site list's entry). */
export const MAX_TARGET_LENGTH = 2048;

export interface JobPayload {
  target: string;
}

export const validatePayload = new Ajv({ allErrors: false }).compile<JobPayload>({
  type: 'object',
  additionalProperties: false,
  required: ['target'],
  properties: { target: { type: 'string', minLength: 1, maxLength: MAX_TARGET_LENGTH } },
});

export type CheckedPayload =
  | { ok: true; target: string; key: string; url: string; candidates: string[] }
  /** `key` is null when the payload has no usable target string at all. */
  | { ok: false; key: string | null; code: 'invalid-target' | 'unsupported-scheme'; message: string };

export function checkPayload(data: unknown, allowSchemes: readonly AllowableScheme[]): CheckedPayload {
  if (!validatePayload(data)) {
    const e = validatePayload.errors?.[0];
    return { ok: false, key: null, code: 'invalid-target', message: `The job's payload is not {"target": "<domain or URL of at most ${MAX_TARGET_LENGTH} characters>"} (${e?.instancePath || 'payload'} ${e?.message ?? 'invalid'}); refused.` };
  }
  const parsed = parseTarget(data.target, { allowSchemes });
  if ('error' in parsed) return { ok: false, key: parsed.target, code: parsed.code, message: parsed.error };
  return { ok: true, target: data.target, key: parsed.url, url: parsed.url, candidates: parsed.candidates };
}
