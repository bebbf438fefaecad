/**
 * Ctrl-C (SIGINT) stops a crawl cleanly: no new site starts, report.json holds what was done,
 * exit status 130, and `--resume` can finish the list.
 */
import { expect } from 'chai';
import { FAST, readReport, resultLines, startCrawl, waitForLines, websOfSuite, outDir } from './harness.ts';

const HEALTHY = ['sans-traceur.test', 'bandeau-maison.test', 'trop-tot.test', 'sans-bandeau.test', 'duree-excessive.test', 'stats-ua.test', 'lille.demo-ecole.fr', 'nantes.demo-ecole.fr', 'paris.demo-ecole.fr'];

describe('SIGINT mid-crawl (real CLI)', function () {
  this.timeout(300_000);
  const webs = websOfSuite();
  let out: string;
  let code: number | string | null;
  let stderr: string;
  let targets: string[];

  before(async () => {
    out = outDir('sigint');
    targets = HEALTHY.map((h) => webs.healthy(h));
    const run = startCrawl([...targets, '--out', out, '--concurrency', '2', ...FAST, ...webs.args()]);
    await waitForLines(out, 2, run);
    run.child.kill('SIGINT');
    code = await run.done;
    stderr = run.stderr();
  });

  it('exits with status 130 and says how to finish the list', () => {
    expect(code, stderr).to.equal(130);
    expect(stderr).to.match(/--resume/);
  });

  it('writes report.json with exactly the sites finished, and leaves the rest undone', () => {
    const report = readReport(out);
    const done = resultLines(out).map((s) => s.url);
    expect(report.sites.map((s) => s.url)).to.have.members(done);
    expect(done.length).to.be.at.least(2);
    expect(done.length).to.be.below(targets.length);
    expect(report.sites.every((s) => s.status === 'ok'), 'no site recorded as failed because of the interruption').to.equal(true);
  });
});
