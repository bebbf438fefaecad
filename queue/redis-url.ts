/**
 * Where Redis is: `--redis URL`, else `$COOKIE_AUDIT_REDIS`. Parsed into ioredis options; shown only
 * redacted (`redis://:***@host:port/db`), and a password given on the command line (visible in `ps`
 * and shell history) earns a warning.
 *
 * @example
 *   resolveRedis({ redis: undefined }, { COOKIE_AUDIT_REDIS: 'redis://:s3cret@10.0.0.5:6379/0' })
 *   // → { display: 'redis://:***@10.0.0.5:6379/0', options: { host: '10.0.0.5', port: 6379, db: 0, password: 's3cret', … }, warning: null }
 */
import { QueueError } from './queue-error.ts';

export const REDIS_ENV = 'COOKIE_AUDIT_REDIS';

/** What ioredis (and BullMQ's `connection`) need. */
export interface RedisConnectionOptions {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls?: { servername?: string };
  /** BullMQ workers need null (blocking commands must not be cut by a retry limit). */
  maxRetriesPerRequest: null;
}

export interface ResolvedRedis {
  /** The URL with its password replaced by `***`: the only form ever printed. */
  display: string;
  options: RedisConnectionOptions;
  /** Set when the password came on the command line. */
  warning: string | null;
}

export const COMMAND_LINE_PASSWORD_WARNING =
  `cookie-audit: warning: the Redis password was given on the command line, where other users of this machine (ps) and the shell history can read it; set ${REDIS_ENV} instead.`;

/** Any text with the userinfo of the URLs in it masked (`scheme://user:***@`): for messages about a URL that did not parse. */
export function maskCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)([^@/\s]*)@/gi, (_m, scheme: string, info: string) => {
    const colon = info.indexOf(':');
    return colon < 0 ? `${scheme}***@` : `${scheme}${info.slice(0, colon)}:***@`;
  });
}

export function parseRedisUrl(raw: string): RedisConnectionOptions {
  const text = raw.trim();
  const bad = (why: string) => new QueueError(`Expected the Redis address to be redis://[:PASSWORD@]HOST[:PORT][/DB] (rediss:// for TLS), got \`${maskCredentials(text)}\`${why}`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw bad('');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw bad(` (scheme \`${url.protocol}\`)`);
  if (url.hostname === '') throw bad(' (no host)');
  const port = url.port === '' ? 6379 : Number(url.port);
  const dbText = url.pathname.replace(/^\//, '');
  if (dbText !== '' && !/^\d{1,5}$/.test(dbText)) throw bad(' (the database is a number)');
  if (url.search !== '' || url.hash !== '') throw bad(' (no query string or fragment)');
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const options: RedisConnectionOptions = { host, port, db: dbText === '' ? 0 : Number(dbText), maxRetriesPerRequest: null };
  if (url.username !== '') options.username = decodeURIComponent(url.username);
  if (url.password !== '') options.password = decodeURIComponent(url.password);
  if (url.protocol === 'rediss:') options.tls = { servername: host };
  return options;
}

/** `redis://:***@host:port/db`: the address without the secret. */
export function redactRedisUrl(raw: string): string {
  let o: RedisConnectionOptions;
  try {
    o = parseRedisUrl(raw);
  } catch {
    return maskCredentials(raw.trim());
  }
  const scheme = o.tls ? 'rediss' : 'redis';
  const user = o.username !== undefined ? encodeURIComponent(o.username) : '';
  const auth = o.password !== undefined ? `${user}:***@` : o.username !== undefined ? `${user}@` : '';
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  return `${scheme}://${auth}${host}:${o.port}/${o.db}`;
}

/** `--redis` wins over the environment; neither is a usage error. */
export function resolveRedis(flags: { redis?: string }, env: NodeJS.ProcessEnv = process.env): ResolvedRedis {
  const fromFlag = flags.redis !== undefined && flags.redis.trim() !== '';
  const raw = fromFlag ? flags.redis! : env[REDIS_ENV];
  if (raw === undefined || raw.trim() === '') {
    throw new QueueError(`Expected the Redis address in \`--redis URL\` or \`${REDIS_ENV}\` (redis://[:PASSWORD@]HOST[:PORT][/DB]).`);
  }
  const options = parseRedisUrl(raw);
  return {
    display: redactRedisUrl(raw),
    options,
    warning: fromFlag && options.password !== undefined ? COMMAND_LINE_PASSWORD_WARNING : null,
  };
}
