/**
 * `queue status`: how far a run is — targets done of total, outcomes by error code, jobs waiting
 * and running, live workers (heartbeat in the last 20 s), sites per minute over the last five
 * minutes, and the time left at that pace. `--watch` prints it again every few seconds.
 *
 * @example
 *   const s = await readStatus(redis, keys, queue);
 *   process.stdout.write(formatStatus(s, resolved.display));
 *   // run eu-06 on redis://:***@10.0.0.5:6379/0 (cookie-audit 0.1.0)
 *   //   done 1200/35000 (3.4 %): ok 1100, errors 100 (timeout 60, dns 40)
 *   //   jobs: 34000 waiting, 16 running, 0 retrying, 0 failed · workers 4 · 41.2 sites/min · ETA 13 h 40 min
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { RunKeys } from './keys.ts';

export const WORKER_ALIVE_MS = 20_000;
const RATE_WINDOW_MIN = 5;

export interface RunStatus {
  run: string;
  version: string | null;
  total: number;
  done: number;
  ok: number;
  /** error code → sites, most frequent first */
  errors: Array<[string, number]>;
  waiting: number;
  active: number;
  /** jobs waiting for another attempt after an infrastructure fault */
  delayed: number;
  failed: number;
  workers: number;
  /** results not yet taken by the collector */
  uncollected: number;
  sitesPerMinute: number | null;
  etaMs: number | null;
}

/** Sites per minute from per-minute counters (epoch minute → count), over the last few minutes. */
export function ratePerMinute(buckets: Record<string, string>, now: number, windowMin = RATE_WINDOW_MIN): number | null {
  const minutes = Object.keys(buckets).map(Number).filter(Number.isFinite);
  if (minutes.length === 0) return null;
  const nowMin = Math.floor(now / 60_000);
  const from = Math.max(nowMin - windowMin + 1, Math.min(...minutes));
  let sum = 0;
  for (let m = from; m <= nowMin; m++) sum += Number(buckets[String(m)] ?? 0);
  const elapsedMs = now - from * 60_000;
  if (elapsedMs < 10_000) return null;
  return sum / (elapsedMs / 60_000);
}

export async function readStatus(redis: Redis, keys: RunKeys, queue: Queue, run: string, now = Date.now()): Promise<RunStatus> {
  const [meta, total, done, counts, buckets, workers, uncollected] = await Promise.all([
    redis.get(keys.meta),
    redis.hlen(keys.targets),
    redis.hlen(keys.outcome),
    redis.hgetall(keys.counts),
    redis.hgetall(keys.rate),
    redis.zcount(keys.workers, now - WORKER_ALIVE_MS, '+inf'),
    redis.xlen(keys.results),
  ]);
  let version: string | null = null;
  try {
    version = meta === null ? null : String((JSON.parse(meta) as { version?: unknown }).version ?? '') || null;
  } catch { /* shown as unknown */ }
  const jobs = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
  const errors = Object.entries(counts).map(([code, n]) => [code, Number(n)] as [string, number])
    .filter(([code, n]) => code !== 'ok' && n > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const sitesPerMinute = ratePerMinute(buckets, now);
  const left = Math.max(0, total - done);
  return {
    run, version, total, done, ok: Number(counts.ok ?? 0), errors,
    waiting: (jobs.waiting ?? 0) + (jobs.prioritized ?? 0),
    active: jobs.active ?? 0, delayed: jobs.delayed ?? 0, failed: jobs.failed ?? 0,
    workers, uncollected, sitesPerMinute,
    etaMs: left === 0 ? 0 : sitesPerMinute && sitesPerMinute > 0 ? (left / sitesPerMinute) * 60_000 : null,
  };
}

export function formatDuration(ms: number): string {
  const min = Math.round(ms / 60_000);
  if (min < 1) return '< 1 min';
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  return h < 48 ? `${h} h ${min % 60} min` : `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** The status as text; `where` is the redacted Redis address. */
export function formatStatus(s: RunStatus, where: string): string {
  const errorCount = s.errors.reduce((n, [, c]) => n + c, 0);
  const pct = s.total === 0 ? 0 : (100 * s.done) / s.total;
  const lines = [
    `run ${s.run} on ${where}${s.version ? ` (cookie-audit ${s.version})` : ''}`,
    `  done ${s.done}/${s.total} (${pct.toFixed(1)} %): ok ${s.ok}, errors ${errorCount}${errorCount ? ` (${s.errors.map(([c, n]) => `${c} ${n}`).join(', ')})` : ''}`,
    `  jobs: ${s.waiting} waiting, ${s.active} running, ${s.delayed} retrying, ${s.failed} failed · workers ${s.workers} · ` +
      `${s.sitesPerMinute === null ? '– sites/min' : `${s.sitesPerMinute.toFixed(1)} sites/min`} · ` +
      `ETA ${s.etaMs === null ? 'unknown' : s.etaMs === 0 ? 'done' : formatDuration(s.etaMs)}`,
  ];
  if (s.uncollected > 0) lines.push(`  ${s.uncollected} result${s.uncollected === 1 ? '' : 's'} not yet collected (run \`queue report --follow\`)`);
  return `${lines.join('\n')}\n`;
}

/** `--watch`: prints the status every `intervalMs` until the run is done or `signal` aborts. */
export async function watchStatus(read: () => Promise<RunStatus>, print: (s: RunStatus) => void, options: { intervalMs?: number; signal?: AbortSignal } = {}): Promise<RunStatus> {
  for (;;) {
    const s = await read();
    print(s);
    if ((s.total > 0 && s.done >= s.total && s.active === 0) || options.signal?.aborted) return s;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, options.intervalMs ?? 5000);
      options.signal?.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
    });
    if (options.signal?.aborted) return s;
  }
}
