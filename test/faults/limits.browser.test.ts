/**
 * Time limits: one site never exceeds `--site-timeout` even when its page hangs, and `--max-time`
 * ends the whole run (report of what was done, exit status 124).
 */
import { expect } from 'chai';
import { FAST, readReport, resultLines, crawlInProcess, websOfSuite, outDir } from './harness.ts';

describe('per-site and whole-run time limits (real CLI)', function () {
  this.timeout(300_000);
  const webs = websOfSuite();

  it('abandons a site whose page hangs once its --site-timeout budget is spent, and goes on', async () => {
    const out = outDir('budget');
    const hung = webs.faults.target('sans-fin.faults.test');
    const healthy = webs.healthy('sans-traceur.test');
    // The page load limit alone would let the site run for minutes; the site budget cuts it. The
    // budget also binds the healthy site's three phases, which took over 4 s once on a loaded CI machine.
    const run = crawlInProcess([hung, healthy, '--out', out, '--concurrency', '2', ...FAST,
      '--timeout', '600000', '--site-timeout', '15000', ...webs.args()]);
    expect(await run.done, run.stderr()).to.equal(0);
    const report = readReport(out);
    const s = report.sites.find((x) => x.url === hung)!;
    expect(s.error?.code).to.equal('timeout');
    expect(s.error?.message).to.match(/budget/);
    expect(report.sites.find((x) => x.url === healthy)?.status).to.equal('ok');
  });

  it('ends the whole run at --max-time with the report of the sites done, exit status 124', async () => {
    const out = outDir('maxtime');
    const targets = ['sans-traceur.test', 'bandeau-maison.test', 'trop-tot.test', 'sans-bandeau.test', 'duree-excessive.test',
      'stats-ua.test', 'lille.demo-ecole.fr', 'nantes.demo-ecole.fr', 'paris.demo-ecole.fr', 'bordeaux.demo-ecole.fr'].map((h) => webs.healthy(h));
    const run = crawlInProcess([...targets, '--out', out, '--concurrency', '1', ...FAST, '--max-time', '6000', ...webs.args()]);
    const code = await run.done;
    expect(code, run.stderr()).to.equal(124);
    expect(run.stderr()).to.match(/--max-time/);
    const report = readReport(out);
    expect(report.sites.length).to.be.below(targets.length);
    expect(report.sites.map((s) => s.url)).to.have.members(resultLines(out).map((s) => s.url));
  });
});
