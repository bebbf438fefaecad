/**
 * A renderer that crashes (a page exhausting memory) is reported as `crash` and the crawl goes on;
 * a browser process killed mid-crawl is relaunched and every site is still audited.
 */
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { FAST, readReport, resultLines, crawlInProcess, startCrawl, waitForLines, websOfSuite, outDir } from './harness.ts';

/** Child processes of `pid`, from /proc (Linux). */
function childrenOf(pid: number): number[] {
  const kids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) kids.push(Number(entry));
    } catch { /* the process ended */ }
  }
  return kids;
}

/** The main browser process started by the crawler (a direct child whose command line is Chromium without --type=). */
function browserOf(crawlerPid: number): number | null {
  for (const pid of childrenOf(crawlerPid)) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (/chrom/i.test(cmd[0]) && !cmd.some((a) => a.startsWith('--type='))) return pid;
    } catch { /* ended */ }
  }
  return null;
}

describe('renderer crash and browser death (real CLI, real Chromium)', function () {
  this.timeout(300_000);
  const webs = websOfSuite();

  it('reports a renderer that runs out of memory as `crash` and audits the sites around it', async () => {
    const out = outDir('crash');
    const healthy = ['sans-traceur.test', 'bandeau-maison.test'].map((h) => webs.healthy(h));
    const bomb = webs.faults.target('plantage.faults.test');
    const run = crawlInProcess([healthy[0], bomb, healthy[1], '--out', out, '--concurrency', '1', ...FAST, ...webs.args(),
      // A small JavaScript heap makes the memory bomb kill its renderer in a second instead of at 4 GB.
      '--browser-arg=--js-flags=--max-old-space-size=96']);
    expect(await run.done, run.stderr()).to.equal(0);
    const report = readReport(out);
    const crashed = report.sites.find((s) => s.url === bomb)!;
    expect(crashed.status).to.equal('error');
    expect(crashed.error?.code, crashed.error?.message).to.equal('crash');
    for (const url of healthy) expect(report.sites.find((s) => s.url === url)?.status, url).to.equal('ok');
  });

  it('relaunches a browser killed mid-crawl and audits every site', async () => {
    const out = outDir('browser-death');
    const hosts = ['sans-traceur.test', 'bandeau-maison.test', 'trop-tot.test', 'sans-bandeau.test', 'duree-excessive.test', 'stats-ua.test', 'lille.demo-ecole.fr'];
    const targets = hosts.map((h) => webs.healthy(h));
    const run = startCrawl([...targets, '--out', out, '--concurrency', '2', ...FAST, ...webs.args()]);
    await waitForLines(out, 2, run);
    const browser = browserOf(run.child.pid!);
    expect(browser, 'the crawler\'s browser process').to.not.equal(null);
    process.kill(browser!, 'SIGKILL');
    const doneAtKill = resultLines(out).length;
    expect(await run.done, run.stderr()).to.equal(0);
    expect(doneAtKill).to.be.below(targets.length);
    expect(run.stderr()).to.match(/browser .*relaunched/i);
    const report = readReport(out);
    expect(report.sites.map((s) => s.url)).to.have.members(targets);
    for (const s of report.sites) expect(s.status, `${s.url}: ${s.error?.code} ${s.error?.message}`).to.equal('ok');
  });
});
