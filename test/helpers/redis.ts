/**
 * A real `redis-server` for tests: on a free loopback port, a random password, no persistence, in a
 * temporary directory; stopped by its pid. The configuration goes in on stdin (`redis-server -`),
 * so the password is not on a command line other processes can read.
 * `scripts/ensure-redis.sh` installs Debian's redis-server when it is missing.
 *
 * @example
 *   let redis: TestRedis;
 *   before(async () => { redis = await startRedis(); });
 *   after(async () => { await redis?.stop(); });
 *   // redis.url → 'redis://:<random>@127.0.0.1:41234/0'
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestRedis {
  /** `redis://:PASSWORD@127.0.0.1:PORT/0` */
  url: string;
  password: string;
  port: number;
  pid: number;
  /** Kills the server by pid (SIGTERM, SIGKILL after 5 s), waits for its exit, removes its directory. */
  stop(): Promise<void>;
}

/** A port nothing listens on right now (the kernel's pick for port 0). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** One RESP round trip with a raw socket (no client library, so the helper tests nothing it provides). */
function ping(port: number, password: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let data = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('data', (chunk) => {
      data += chunk.toString('latin1');
      if (/\+OK\r\n\+PONG\r\n$/.test(data)) done(true);
      else if (data.includes('-')) done(false);
    });
    socket.connect(port, '127.0.0.1', () => {
      const auth = `*2\r\n$4\r\nAUTH\r\n$${Buffer.byteLength(password)}\r\n${password}\r\n`;
      socket.write(`${auth}*1\r\n$4\r\nPING\r\n`);
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function startOnce(binary: string, port: number): Promise<TestRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'cookie-audit-redis-'));
  const password = randomBytes(18).toString('hex');
  const config = [
    `port ${port}`,
    'bind 127.0.0.1',
    'protected-mode yes',
    `requirepass ${password}`,
    'save ""',
    'appendonly no',
    `dir ${dir}`,
    'maxmemory-policy noeviction',
    'daemonize no',
    'loglevel warning',
    'logfile ""',
  ].join('\n');
  const child = spawn(binary, ['-'], { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  child.stdin!.end(`${config}\n`);
  const spawned = await new Promise<Error | null>((resolve) => {
    child.once('spawn', () => resolve(null));
    child.once('error', (error) => resolve(error));
  });
  if (spawned) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`Cannot start ${binary}: ${spawned.message} (run scripts/ensure-redis.sh)`);
  }
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(child.pid!, 'SIGTERM');
      const killer = setTimeout(() => { try { process.kill(child.pid!, 'SIGKILL'); } catch { /* gone */ } }, 5000);
      await exited(child);
      clearTimeout(killer);
    }
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    if (await ping(port, password)) {
      return { url: `redis://:${password}@127.0.0.1:${port}/0`, password, port, pid: child.pid!, stop };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await stop();
  throw new Error(`redis-server did not answer PING on 127.0.0.1:${port}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
}

/** Starts a fresh redis-server; retries on another port if the chosen one was taken meanwhile. */
export async function startRedis(binary = process.env.REDIS_SERVER ?? 'redis-server'): Promise<TestRedis> {
  let last: unknown;
  for (let i = 0; i < 3; i++) {
    try {
      return await startOnce(binary, await freePort());
    } catch (error) {
      last = error;
      if (/Cannot start/.test((error as Error).message)) break;
    }
  }
  throw last;
}
