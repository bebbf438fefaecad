/**
 * `cookie-audit crawl` end to end, in-process (`main(argv, io)`), over the fixture web (real Chromium, 1–2 sites each, short
 * settle): every `--format` written in `--lang`, the banner screenshot inside the HTML, the gate's
 * exit status (0 with --fail-on never, 3 for an unreachable site, 0 with --allow-errors), targets
 * taken from ./cookie-audit.config.json, the step summary, and a saved crawl re-gated by `report`.
 */
import { expect } from 'chai';
import * as cheerio from 'cheerio';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../../src/model.ts';
import type { FixtureWeb } from '../fixtures/web/server.ts';
import { sharedFixtureWeb } from '../support/shared.ts';
import { reportErrors } from '../helpers/schema.ts';
import { runMain, tempDir, writeJson, type CliResult } from './run.ts';

describe('cookie-audit crawl: formats and gating (CLI over the fixture web)', function () {
  this.timeout(180_000);
  let web: FixtureWeb;
  const url = (host: string) => {
    const s = web.sites.find((x) => x.host === host)!;
    return `${web.origin(s.host, s.scheme)}${s.path}`;
  };
  const fast = ['--settle', '500', '--concurrency', '2'];
  // Like web.browserArgs, but `.invalid` names stay unresolvable, as on the real web.
  const routeAllBut = () => [`--browser-arg=--host-resolver-rules=MAP * 127.0.0.1:${web.port}, EXCLUDE *.invalid`, '--browser-arg=--ignore-certificate-errors'];

  before(async () => { web = await sharedFixtureWeb(); });

  describe('a clean site with a banner and a failing one, every format in French', () => {
    let dir: string;
    let out: string;
    let result: CliResult;
    let report: Report;

    before(async () => {
      dir = tempDir();
      out = join(dir, 'out');
      result = await runMain([
        'crawl', url('lyon.demo-ecole.fr'), url('redirection.test'), '--out', out, ...fast,
        ...web.browserArgs.map((a) => `--browser-arg=${a}`),
        '--format', 'html,md,csv,junit,sarif', '--lang', 'fr', '--fail-on', 'never',
      ], { cwd: dir, env: { GITHUB_STEP_SUMMARY: join(dir, 'summary.md') } });
      if (existsSync(join(out, 'report.json'))) report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    });

    it('exits 0 with --fail-on never although a site breaks the rules', () => {
      expect(result.code, result.stderr).to.equal(0);
      expect(report.sites.find((s) => s.url === url('redirection.test'))!.findings.some((f) => f.severity === 'error')).to.equal(true);
      expect(result.stdout).to.match(/PASS: --fail-on never/);
    });

    it('writes report.json (always) and each requested format, and prints their paths', () => {
      expect(reportErrors(report)).to.deep.equal([]);
      const files = readdirSync(out).filter((f) => f.startsWith('report.'));
      expect(files.sort()).to.deep.equal(['report.csv', 'report.html', 'report.json', 'report.junit.xml', 'report.md', 'report.sarif']);
      for (const f of files) expect(result.stdout).to.include(join(out, f));
    });

    it('embeds the banner screenshot in the French HTML report', () => {
      const lyon = report.sites.find((s) => s.url === url('lyon.demo-ecole.fr'))!;
      expect(lyon.banner.screenshot, 'lyon banner screenshot').to.be.a('string');
      const png = readFileSync(join(out, lyon.banner.screenshot!)).toString('base64');
      const $ = cheerio.load(readFileSync(join(out, 'report.html'), 'utf8'));
      expect($('html').attr('lang')).to.equal('fr');
      expect($('img').toArray().map((img) => $(img).attr('src'))).to.include(`data:image/png;base64,${png}`);
    });

    it('writes the Markdown summary to $GITHUB_STEP_SUMMARY', () => {
      const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
      expect(summary).to.include(readFileSync(join(out, 'report.md'), 'utf8').trimEnd());
      expect(summary).to.match(/### Gate \(exit 0\)/);
    });

    it('re-gated offline by `report`: exit 1 by default, 0 against itself as baseline', async () => {
      const again = await runMain(['report', join(out, 'report.json'), '--format', 'md', '--out', join(dir, 'again')]);
      expect(again.code, again.stderr).to.equal(1);
      expect(again.stdout).to.include(`✗ ${report.sites.find((s) => s.url === url('redirection.test'))!.finalUrl}`);
      const same = await runMain(['report', join(out, 'report.json'), '--format', 'md', '--out', join(dir, 'again'), '--baseline', join(out, 'report.json')]);
      expect(same.code, same.stdout).to.equal(0);
      expect(same.stdout).to.match(/Against the baseline: 0 new/);
    });
  });

  it('takes its targets from ./cookie-audit.config.json and exits 3 when one cannot be audited', async () => {
    const dir = tempDir();
    writeJson(dir, 'cookie-audit.config.json', { targets: [url('sans-traceur.test'), 'https://nope.invalid/'] });
    const result = await runMain(['crawl', '--out', join(dir, 'out'), ...fast, ...routeAllBut()], { cwd: dir });
    expect(result.code, result.stderr).to.equal(3);
    const report = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')) as Report;
    expect(report.sites.map((s) => s.url)).to.have.members([url('sans-traceur.test'), 'https://nope.invalid/']);
    expect(result.stdout).to.include('Could not audit https://nope.invalid/: dns');
    expect(existsSync(join(dir, 'out', 'report.html')), 'default formats json,html').to.equal(true);
  });

  it('--allow-errors tolerates a site that cannot be audited (exit 0)', async () => {
    const dir = tempDir();
    const result = await runMain(['crawl', 'https://nope.invalid/', '--out', join(dir, 'out'), ...fast, ...routeAllBut(), '--allow-errors'], { cwd: dir });
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.include('Could not audit https://nope.invalid/');
  });

  it('exits 3 when no browser can be started, so CI does not read it as findings', async () => {
    const dir = tempDir();
    const result = await runMain(['crawl', url('sans-traceur.test'), '--out', join(dir, 'out'), '--executable', join(dir, 'no-chrome')], { cwd: dir });
    expect(result.code).to.equal(3);
    expect(result.stderr).to.match(/`--executable`.*no-chrome/);
  });
});
