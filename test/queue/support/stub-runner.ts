/**
 * Site runners for queue tests that need no browser: they answer each target with an `ok` audit
 * (or hang, or fail as an infrastructure fault), and count what they were asked. Redis and BullMQ
 * stay real; only the browser visit is replaced.
 *
 * @example
 *   const stub = stubRunner({ hang: /killer/ });
 *   await runWorker({ …, createRunner: stub.create });
 *   stub.calls // ['a.fr', …]
 */
import { errorSite } from '../../../src/engine.ts';
import type { SiteAudit } from '../../../src/model.ts';
import { targetKey } from '../../../crawler/resume.ts';
import type { SiteRunner, SiteRunnerOptions } from '../../../crawler/site-runner.ts';

/** A judged-looking `ok` audit of a target (no rules ran: enough for the queue's plumbing). */
export function okSite(target: string, note = ''): SiteAudit {
  const site = errorSite(targetKey(target), 'internal', '');
  return { ...site, status: 'ok', error: null, startedAt: new Date().toISOString(), finalUrl: `${targetKey(target)}${note}` };
}

export interface StubBehaviour {
  /** Targets matching this never finish (a site that hangs or kills its worker). */
  hang?: RegExp;
  /** Targets matching this throw (an infrastructure fault). */
  fail?: RegExp;
  /** Targets matching this are an error result with this code. */
  error?: { match: RegExp; code: string };
  /** Called when a visit starts. */
  onRun?: (target: string) => void;
  delayMs?: number;
}

export function stubRunner(behaviour: StubBehaviour = {}) {
  const calls: string[] = [];
  const options: SiteRunnerOptions[] = [];
  const create = (o: SiteRunnerOptions): SiteRunner => {
    options.push(o);
    return {
      async run(target) {
        calls.push(target);
        behaviour.onRun?.(target);
        if (behaviour.hang?.test(target)) await new Promise(() => {});
        if (behaviour.delayMs) await new Promise((r) => setTimeout(r, behaviour.delayMs));
        if (behaviour.fail?.test(target)) throw new Error('Chromium could not start (stub)');
        if (behaviour.error?.match.test(target)) return errorSite(targetKey(target), behaviour.error.code, `stub ${behaviour.error.code}`);
        return okSite(target);
      },
      async ready() {},
      async close() {},
    };
  };
  return { calls, options, create };
}
