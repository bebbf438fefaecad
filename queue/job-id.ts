/**
 * A site's job id: the first 32 hex digits of the SHA-256 of its normalised target (crawler's
 * `targetKey`), so `a.fr` and `https://a.fr/` are one job and re-adding a list adds nothing.
 * Hex only, so never a BullMQ-forbidden `:`; prefixed with `s`, so never an integer whatever the digits.
 *
 * @example
 *   jobIdFor('a.fr') === jobIdFor('https://a.fr/') // true
 *   jobIdFor('a.fr') // 's' + 32 hex digits
 */
import { createHash } from 'node:crypto';
import { targetKey } from '../crawler/resume.ts';
import type { TargetOptions } from '../crawler/targets.ts';

export const JOB_ID = /^s[0-9a-f]{32}$/;

/** The id of an already normalised key (a `SiteAudit.url`, a `targetKey` result). */
export function jobIdForKey(key: string): string {
  return `s${createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 32)}`;
}

export function jobIdFor(target: string, options: TargetOptions = {}): string {
  return jobIdForKey(targetKey(target, options));
}
