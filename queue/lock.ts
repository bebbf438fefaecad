/**
 * A lock in Redis held by one process (the single collector of a run): SET NX with a time to live,
 * renewed while the holder lives, released only by its holder. A holder that dies frees it when
 * the time to live runs out.
 *
 * @example
 *   const lock = await acquireLock(redis, keys.collector, 30_000, () => controller.abort()); // null: held by another
 *   try { … } finally { await lock.release(); }
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export interface HeldLock {
  token: string;
  release(): Promise<void>;
}

/** @param onLost called when a renewal finds the lock gone or taken (the holder must stop). */
export async function acquireLock(redis: Redis, key: string, ttlMs: number, onLost: (why: string) => void): Promise<HeldLock | null> {
  const token = `${process.pid}-${randomBytes(12).toString('hex')}`;
  if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') return null;
  let released = false;
  const timer = setInterval(() => {
    redis.eval(RENEW, 1, key, token, ttlMs).then((ok) => {
      if (ok !== 1 && !released) onLost('the lock expired or was taken by another process');
    }, (error: unknown) => {
      if (!released) onLost(`the lock could not be renewed: ${(error as Error).message}`);
    });
  }, Math.max(100, Math.floor(ttlMs / 3)));
  timer.unref();
  return {
    token,
    async release() {
      released = true;
      clearInterval(timer);
      await redis.eval(RELEASE, 1, key, token).catch(() => {});
    },
  };
}
