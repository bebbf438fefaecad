/**
 * How starved for CPU the machine is, so a crawl can slow down instead of letting every page
 * starve (a starved page shows its banner late, or never within the wait, and the site would be
 * accused of having none). Linux's pressure stall information (`/proc/pressure/cpu`, "some avg10":
 * the share of the last 10 s in which runnable tasks waited for a CPU) counts every process on the
 * machine, ours and others'; where it is missing, this process's own event-loop delay stands in.
 *
 * @example
 *   const meter = createPressureMeter();
 *   if (meter.read().starved) concurrency--;
 *   meter.close();
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface PressureReading {
  /** 0–1: the share of time runnable work waited for a CPU (PSI), or the event-loop proxy. */
  pressure: number;
  source: 'psi' | 'event-loop';
  starved: boolean;
}

/** Above this share of time waiting for a CPU, pages no longer run at the pace they would for a visitor. */
export const STARVED_PRESSURE = 0.6;
/** The event-loop proxy: a p90 delay of this many ms counts as fully starved. */
const EVENT_LOOP_FULL_MS = 250;

/** Reads PSI's `some avg10` as a fraction, or null where the kernel does not offer it. */
export function parsePsi(text: string): number | null {
  const m = /^some\b.*\bavg10=([\d.]+)/m.exec(text);
  return m ? Math.min(1, Number(m[1]) / 100) : null;
}

export function createPressureMeter(psiPath = '/proc/pressure/cpu'): { read(): PressureReading; close(): void } {
  const psiNow = (): number | null => {
    try {
      return parsePsi(readFileSync(psiPath, 'utf8'));
    } catch {
      return null;
    }
  };
  const loop = monitorEventLoopDelay({ resolution: 20 });
  loop.enable();
  return {
    read() {
      const psi = psiNow();
      if (psi !== null) return { pressure: psi, source: 'psi', starved: psi >= STARVED_PRESSURE };
      const p90 = loop.percentile(90) / 1e6;
      loop.reset();
      const pressure = Math.min(1, p90 / EVENT_LOOP_FULL_MS);
      return { pressure, source: 'event-loop', starved: pressure >= STARVED_PRESSURE };
    },
    close: () => loop.disable(),
  };
}
