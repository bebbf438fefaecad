/**
 * A verdict must not depend on how busy the machine is: fixture sites with real consent managers
 * crawled at concurrency 1, then at concurrency 8 with CPU hogs on every core beside the crawl,
 * must give the same rule outcomes and findings — and the ones each site declares.
 */
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { crawl } from '../../crawler/crawl.ts';
import type { Report, SiteAudit } from '../../src/model.ts';
import { startFixtureWeb, type FixtureWeb } from '../fixtures/web/server.ts';

const HOSTS = [
  'www.demo-ecole.fr', 'nantes.demo-ecole.fr', 'lille.demo-ecole.fr', 'bordeaux.demo-ecole.fr',
  'refus-ignore.test', 'sans-bandeau.test', 'bandeau-iframe.test',
];

/** What a data-protection officer reads off a site: each rule's outcome and each finding's identity. */
function verdict(site: SiteAudit): { status: string; rules: Record<string, string>; findings: string[] } {
  return {
    status: site.status,
    rules: Object.fromEntries(site.rules.map((r) => [r.id, r.outcome])),
    findings: site.findings.map((f) => `${f.rule} ${f.cookie ?? ''} ${f.domain ?? ''}`).sort(),
  };
}

/** What each phase saw, for a failure message: banner detected / clicked / confirmed, cookies, tracker calls, re-checks. */
function seen(site: SiteAudit): string {
  const phases = Object.entries(site.banner.phases).map(([phase, b]) => {
    const cookies = site.cookies.filter((c) => c.phase === phase).map((c) => c.name);
    const trackers = site.requests.filter((r) => r.phase === phase && r.tracker).length;
    return `${phase}: banner ${b.detected ? `${b.method}/${b.cmp}` : 'none'}, clicked ${b.clicked}/${b.clickWorked}, cookies [${cookies}], tracker calls ${trackers}`;
  });
  return `${phases.join('; ')}; measurement ${JSON.stringify(site.measurement ?? null)}`;
}

describe('a busy machine does not change the verdict (real Chromium)', function () {
  this.timeout(900_000);
  let web: FixtureWeb;
  let targets: string[];
  const hogs: ChildProcess[] = [];

  before(async () => {
    web = await startFixtureWeb();
    targets = HOSTS.map((h) => web.sites.find((s) => s.host === h)!).map((s) => `${web.origin(s.host, s.scheme)}${s.path}`);
  });
  after(async () => {
    for (const h of hogs) h.kill('SIGKILL');
    await web?.close();
  });

  // No policy search: none of these sites has a policy (the policy-* rules are not applicable either
  // way), and the search's page loads would only lengthen a test that runs alone.
  const run = (concurrency: number): Promise<Report> =>
    crawl(targets, { out: null, concurrency, settle: 2000, policy: 'off', browserArgs: [...web.browserArgs] });

  it('gives identical findings at concurrency 1 and at concurrency 8 beside a CPU hog, as each site declares', async () => {
    const calm = await run(1);
    for (let i = 0; i < availableParallelism(); i++) {
      hogs.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
    }
    const busy = await run(8);
    for (const h of hogs) h.kill('SIGKILL');

    for (const host of HOSTS) {
      const site = web.sites.find((s) => s.host === host)!;
      const url = `${web.origin(site.host, site.scheme)}${site.path}`;
      const a = calm.sites.find((s) => s.url === url)!;
      const b = busy.sites.find((s) => s.url === url)!;
      expect(verdict(b), `${host}: busy vs calm\n  busy: ${seen(b)}\n  calm: ${seen(a)}\n`).to.deep.equal(verdict(a));
      for (const [rule, outcome] of Object.entries(site.expected)) {
        expect(a.rules.find((r) => r.id === rule)?.outcome, `${host} ${rule}; calm: ${seen(a)}`).to.equal(outcome);
      }
    }
  });
});
