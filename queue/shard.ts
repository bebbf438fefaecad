/**
 * `crawl --shard k/n`: keeps the targets whose normalised key hashes to shard k of n, so the
 * split does not move when the list is reordered or grows, and `a.fr`/`https://a.fr/` land together.
 *
 * @example
 *   const { index, count } = parseShard('3/8');                 // { index: 3, count: 8 }
 *   targets.filter((t) => inShard(t, index, count))
 */
import { createHash } from 'node:crypto';
import { targetKey } from '../crawler/resume.ts';
import type { TargetOptions } from '../crawler/targets.ts';
import { QueueError } from './queue-error.ts';

export interface Shard {
  /** 1-based */
  index: number;
  count: number;
}

export function parseShard(raw: string): Shard {
  const text = String(raw).trim();
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(text);
  if (!m) throw new QueueError(`Expected \`shard\` to be K/N (this machine's part K of N, e.g. 3/8), got \`${raw}\``);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1) throw new QueueError(`Expected the shard count N in \`shard\` K/N to be at least 1, got \`${raw}\``);
  if (index < 1 || index > count) throw new QueueError(`Expected the shard K in \`shard\` K/N to be from 1 to ${count}, got \`${raw}\``);
  return { index, count };
}

/** The shard (1…n) a target belongs to: the first 48 bits of SHA-256 of its key, modulo n. */
export function shardOf(target: string, count: number, options: TargetOptions = {}): number {
  const digest = createHash('sha256').update(targetKey(target, options), 'utf8').digest();
  return (digest.readUIntBE(0, 6) % count) + 1;
}

export function inShard(target: string, index: number, count: number, options: TargetOptions = {}): boolean {
  return shardOf(target, count, options) === index;
}
