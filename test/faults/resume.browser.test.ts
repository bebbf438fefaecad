/**
 * A crawl SIGKILLed halfway loses no finished site, and `--resume` finishes the list without
 * redoing any site (real CLI over healthy fixture sites and a few faults).
 */
import { expect } from 'chai';
import type { SiteAudit } from '../../src/model.ts';
import { FAST, readReport, resultLines, startCrawl, waitForLines, websOfSuite, outDir } from './harness.ts';

const HEALTHY = ['sans-traceur.test', 'bandeau-maison.test', 'trop-tot.test', 'sans-bandeau.test', 'duree-excessive.test', 'stats-ua.test', 'lille.demo-ecole.fr'];
const FAULTS = ['inconnu.faults.test', 'erreur-500.faults.test', 'dialogues.faults.test'];

describe('SIGKILL mid-crawl, then --resume (real CLI)', function () {
  this.timeout(300_000);
  const webs = websOfSuite();
  let out: string;
  let targets: string[];
  let beforeKill: SiteAudit[];
  let afterKill: SiteAudit[];
  let resumed: { code: number | string | null; stderr: string };

  before(async () => {
    out = outDir('resume');
    targets = [...HEALTHY.map((h) => webs.healthy(h)), ...FAULTS.map((h) => webs.faults.target(h))];
    const args = [...targets, '--out', out, '--concurrency', '2', ...FAST, ...webs.args()];
    const first = startCrawl(args);
    await waitForLines(out, 4, first);
    first.child.kill('SIGKILL');
    await first.done;
    afterKill = resultLines(out);
    beforeKill = afterKill;
    const second = startCrawl([...args, '--resume']);
    resumed = { code: await second.done, stderr: second.stderr() };
  });

  it('kept every site finished before the kill, and the kill left sites undone', () => {
    expect(beforeKill.length).to.be.at.least(4);
    expect(beforeKill.length).to.be.below(targets.length);
  });

  it('finishes the list: every target exactly once in results.jsonl and report.json', () => {
    expect(resumed.code, resumed.stderr).to.equal(0);
    const lines = resultLines(out).map((s) => s.url);
    expect(lines).to.have.members(targets);
    expect(new Set(lines).size).to.equal(lines.length);
    expect(readReport(out).sites.map((s) => s.url)).to.have.members(targets);
  });

  it('does not redo the sites finished before the kill (same visit, same start time)', () => {
    const final = new Map(readReport(out).sites.map((s) => [s.url, s]));
    for (const s of beforeKill) expect(final.get(s.url)?.startedAt, s.url).to.equal(s.startedAt);
  });

  it('audits the resumed sites like a fresh crawl would', () => {
    const report = readReport(out);
    for (const host of HEALTHY) {
      const fixture = webs.web.sites.find((x) => x.host === host)!;
      const s = report.sites.find((x) => x.url === webs.healthy(host))!;
      expect(s.status, `${host}: ${s.error?.message}`).to.equal('ok');
      const outcomes = Object.fromEntries(s.rules.map((r) => [r.id, r.outcome]));
      for (const [rule, outcome] of Object.entries(fixture.expected)) expect(outcomes[rule], `${host} ${rule}`).to.equal(outcome);
    }
    expect(report.sites.find((x) => x.url === webs.faults.target('inconnu.faults.test'))?.error?.code).to.equal('dns');
  });
});
