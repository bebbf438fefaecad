/**
 * Opens the plain ioredis client the queue's own keys use (BullMQ opens its own from the same
 * options). Errors are re-worded with the redacted address, never the URL with its password.
 *
 * @example
 *   const redis = await openRedis(resolveRedis({}));   // throws QueueError (exit 3) when Redis cannot be reached
 *   try { … } finally { redis.disconnect(); }
 */
import { Redis } from 'ioredis';
import { QueueError } from './queue-error.ts';
import type { ResolvedRedis } from './redis-url.ts';

export async function openRedis(target: ResolvedRedis, options: { connectTimeout?: number } = {}): Promise<Redis> {
  const client = new Redis({
    ...target.options,
    lazyConnect: true,
    connectTimeout: options.connectTimeout ?? 10_000,
    // Commands issued while disconnected fail instead of waiting for ever.
    maxRetriesPerRequest: 3,
    retryStrategy: (times: number) => (times > 5 ? null : Math.min(times * 200, 2000)),
  });
  // Without a listener ioredis prints connection errors itself; they are reported below instead
  // (the cause, e.g. WRONGPASS, comes as an event; the failed call only says the connection closed).
  let cause: unknown = null;
  client.on('error', (error: unknown) => { cause = error; });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    client.disconnect();
    throw new QueueError(`Cannot reach Redis at ${target.display}: ${describeRedisError(cause ?? error)}`, 3);
  }
  return client;
}

/** An ioredis error's message, for printing (ioredis messages carry host:port, never the password). */
export function describeRedisError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/WRONGPASS|NOAUTH|invalid password/i.test(message)) return 'authentication failed (check the password in the address)';
  return message;
}
