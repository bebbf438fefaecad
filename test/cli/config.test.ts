/**
 * The configuration file through the CLI, in-process (`main(argv, io)`): found in the working directory or given with
 * `--config`, each kind of mistake refused with exit 2 and a message naming the key, the rules'
 * maxFindings allowances applied by the gate, and usage errors (exit 2) before any browser starts.
 */
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMain, sampleReport, tempDir, writeJson } from './run.ts';

describe('cookie-audit configuration and usage errors (CLI)', function () {
  this.timeout(60_000);

  describe('an invalid configuration exits 2 naming what is wrong', () => {
    const cases: Array<[string, unknown, RegExp]> = [
      ['an unknown top-level key', { colour: 'blue' }, /Unknown key `colour`/],
      ['a rule level that does not exist', { rules: { 'cookie-lifetime': 'fatal' } }, /`rules\.cookie-lifetime`.*"off", "warn" or "error".*"fatal"/],
      ['an unknown rule', { rules: { 'no-such-rule': 'error' } }, /Unknown rule `no-such-rule` in `rules`: expected one of .*cookie-lifetime/],
      ['a negative maxFindings', { rules: { 'cookie-lifetime': ['error', { maxFindings: -1 }] } }, /`rules\.cookie-lifetime\[1\]\.maxFindings`.*whole number/],
      ['a lifetime out of range', { maxLifetimeMonths: 0 }, /`maxLifetimeMonths`.*from 1 to 120.*`0`/],
      ['targets that are not a list of strings', { targets: 'a.fr' }, /`targets`.*list of domains or URLs/],
      ['an override without urlPattern', { overrides: [{ rules: {} }] }, /`overrides\[0\]\.urlPattern`/],
      ['an exempt cookie without a reason', { exemptCookies: [{ name: 'lb' }] }, /`exemptCookies\[0\]\.reason`/],
    ];
    for (const [what, config, message] of cases) {
      it(`${what} (report --config)`, async () => {
        const dir = tempDir();
        const result = await runMain(['report', writeJson(dir, 'report.json', sampleReport()), '--config', writeJson(dir, 'bad.json', config)]);
        expect(result.code).to.equal(2);
        expect(result.stderr).to.match(/Invalid configuration in `.*bad\.json`/);
        expect(result.stderr).to.match(message);
      });
    }

    it('a configuration file that is not JSON', async () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'broken.json'), '{ "rules": { ');
      const result = await runMain(['report', writeJson(dir, 'report.json', sampleReport()), '--config', join(dir, 'broken.json')]);
      expect(result.code).to.equal(2);
      expect(result.stderr).to.match(/configuration file `.*broken\.json` is not valid JSON/);
    });

    it('a --config file that does not exist', async () => {
      const dir = tempDir();
      const result = await runMain(['report', writeJson(dir, 'report.json', sampleReport()), '--config', join(dir, 'missing.json')]);
      expect(result.code).to.equal(2);
      expect(result.stderr).to.match(/Cannot read the configuration file `.*missing\.json`: no such file/);
    });

    it('cookie-audit.config.json found in the working directory is checked before crawling', async () => {
      const dir = tempDir();
      writeJson(dir, 'cookie-audit.config.json', { targets: ['a.example.fr'], rules: { 'cookie-lifetime': 'loud' } });
      const result = await runMain(['crawl', '--out', join(dir, 'out')], { cwd: dir });
      expect(result.code).to.equal(2);
      expect(result.stderr).to.match(/Invalid configuration in `cookie-audit\.config\.json`.*`rules\.cookie-lifetime`/);
    });
  });

  it('applies the rules\' maxFindings allowances from the configuration in the working directory', async () => {
    const dir = tempDir();
    const report = sampleReport();
    const file = writeJson(dir, 'report.json', report);
    // An allowance as large as the most findings one rule has on one site tolerates them all.
    const perSiteRule = report.sites.flatMap((s) => Object.keys(report.config.rules).map((id) => s.findings.filter((f) => f.rule === id).length));
    const most = Math.max(1, ...perSiteRule);
    const rules = Object.fromEntries(Object.keys(report.config.rules).map((id) => [id, ['error', { maxFindings: most }]]));
    expect((await runMain(['report', file, '--format', 'md'], { cwd: dir })).code).to.equal(1);
    writeJson(dir, 'cookie-audit.config.json', { rules });
    const result = await runMain(['report', file, '--format', 'md'], { cwd: dir });
    expect(result.code, result.stderr).to.equal(0);
    // The gate judges error-level findings (the report keeps the levels it was judged with); those are all tolerated.
    const total = report.sites.reduce((n, s) => n + s.findings.filter((f) => f.severity === 'error').length, 0);
    expect(result.stdout, result.stdout).to.include(`${total} findings within the rules' maxFindings allowance`);
  });

  describe('usage errors exit 2', () => {
    it('crawl with no target, no --input and no targets in a configuration', async () => {
      const dir = tempDir();
      const result = await runMain(['crawl', '--out', join(dir, 'out')], { cwd: dir });
      expect(result.code).to.equal(2);
      expect(result.stderr).to.match(/Expected at least one target/);
    });

    it('an unknown option', async () => {
      const result = await runMain(['crawl', 'a.example.fr', '--colour', 'red']);
      expect(result.code).to.equal(2);
      expect(result.stderr).to.match(/unknown option '--colour'/);
    });

    it('a bad number, an unknown --format or --fail-on on crawl, before any browser starts', async () => {
      const dir = tempDir();
      const runs = await Promise.all([
        ['--concurrency', '0'], ['--format', 'html,docx'], ['--fail-on', 'sometimes'], ['--executable', '/nonexistent/chrome', '--lang', 'es'],
      ].map((flags) => runMain(['crawl', 'a.example.fr', '--out', join(dir, 'out'), ...flags], { cwd: dir })));
      expect(runs.map((r) => r.code)).to.deep.equal([2, 2, 2, 2]);
      expect(runs[0].stderr).to.include('`concurrency`');
      expect(runs[1].stderr).to.include('`docx`');
      expect(runs[2].stderr).to.include('`fail-on`');
      expect(runs[3].stderr).to.include('`lang`');
    });
  });
});
