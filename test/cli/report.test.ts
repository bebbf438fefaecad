/**
 * `cookie-audit report <report.json>` run in-process (`main(argv, io)`): re-renders a saved report in every
 * format offline, embeds screenshots in the HTML, never overwrites its input, and refuses files
 * that are not cookie-audit reports or unknown formats with exit status 2.
 */
import { expect } from 'chai';
import * as cheerio from 'cheerio';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportErrors } from '../helpers/schema.ts';
import { junitProblems, sarifValidator } from '../reports/validators.ts';
import { runMain, sampleReport, tempDir, writeJson } from './run.ts';

// A 1×1 PNG, standing in for a banner screenshot the crawler saved next to report.json.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe('cookie-audit report (CLI)', function () {
  this.timeout(60_000);
  const report = sampleReport();
  const findings = report.sites.reduce((n, s) => n + s.findings.length, 0);
  const cookies = report.sites.reduce((n, s) => n + s.cookies.length, 0);

  describe('re-rendering every format', () => {
    let dir: string;
    let out: string;
    let result: Awaited<ReturnType<typeof runMain>>;
    const read = (name: string) => readFileSync(join(out, name), 'utf8');

    before(async () => {
      dir = tempDir();
      out = join(dir, 'rendered');
      const withShot = sampleReport();
      withShot.sites[0].banner.screenshot = 'www.ecole-exemple.fr/banner.png';
      mkdirSync(join(dir, 'www.ecole-exemple.fr'));
      writeFileSync(join(dir, 'www.ecole-exemple.fr', 'banner.png'), Buffer.from(PNG, 'base64'));
      const file = writeJson(dir, 'report.json', withShot);
      result = await runMain(['report', file, '--format', 'json,html,md,csv,junit,sarif', '--out', out, '--lang', 'fr', '--fail-on', 'never']);
    });

    it('writes one report.<ext> file per format and says where', () => {
      expect(result.code, result.stderr).to.equal(0);
      expect(readdirSync(out).sort()).to.deep.equal(['report.csv', 'report.html', 'report.json', 'report.junit.xml', 'report.md', 'report.sarif']);
      for (const name of readdirSync(out)) expect(result.stdout).to.include(join(out, name));
    });

    it('JSON: the same schema-valid report', () => {
      const json = JSON.parse(read('report.json'));
      expect(reportErrors(json)).to.deep.equal([]);
      expect(json.sites.map((s: { url: string }) => s.url)).to.deep.equal(report.sites.map((s) => s.url));
      expect(json.sites.flatMap((s: { findings: unknown[] }) => s.findings)).to.have.length(findings);
    });

    it('HTML: in French, naming every site, with the screenshot embedded as a data URI', () => {
      const $ = cheerio.load(read('report.html'));
      expect($('html').attr('lang')).to.equal('fr');
      for (const s of report.sites) expect($.text()).to.include(new URL(s.url).hostname);
      expect($('img').toArray().map((img) => $(img).attr('src'))).to.include(`data:image/png;base64,${PNG}`);
    });

    it('Markdown: a summary naming the failing sites', () => {
      const md = read('report.md');
      expect(md).to.match(/^## /);
      for (const s of report.sites.filter((x) => x.findings.length > 0)) expect(md).to.include(new URL(s.finalUrl).hostname);
    });

    it('CSV: a header and one row per cookie per phase per site', () => {
      const lines = read('report.csv').trim().split(/\r?\n/);
      expect(lines[0]).to.match(/^site,/);
      expect(lines).to.have.length(cookies + 1);
    });

    it('JUnit: well-formed, one failure per failing site × rule', () => {
      const $ = cheerio.load(read('report.junit.xml'), { xml: true });
      expect(junitProblems($)).to.deep.equal([]);
      const failing = report.sites.reduce((n, s) => n + s.rules.filter((r) => r.outcome === 'fail').length, 0);
      expect($('testcase > failure')).to.have.length(failing);
    });

    it('SARIF: valid 2.1.0, one result per finding', () => {
      const sarif = JSON.parse(read('report.sarif'));
      const validate = sarifValidator();
      expect(validate(sarif), JSON.stringify(validate.errors)).to.equal(true);
      expect(sarif.runs[0].results).to.have.length(findings);
    });
  });

  it('writes report.html next to the input by default and never overwrites the input report.json', async () => {
    const dir = tempDir();
    const file = writeJson(dir, 'report.json', sampleReport());
    const before = readFileSync(file, 'utf8');
    const result = await runMain(['report', file, '--format', 'json,html', '--fail-on', 'never']);
    expect(result.code, result.stderr).to.equal(0);
    expect(readdirSync(dir).sort()).to.deep.equal(['report.html', 'report.json']);
    expect(readFileSync(file, 'utf8')).to.equal(before);
    const only = await runMain(['report', file, '--out', join(dir, 'only'), '--fail-on', 'never']);
    expect(only.code, only.stderr).to.equal(0);
    expect(readdirSync(join(dir, 'only'))).to.deep.equal(['report.html']);
  });

  it('refuses an unknown format with exit 2, naming the valid ones, and writes nothing', async () => {
    const dir = tempDir();
    const file = writeJson(dir, 'report.json', sampleReport());
    const result = await runMain(['report', file, '--format', 'html,pdf', '--out', join(dir, 'out')]);
    expect(result.code).to.equal(2);
    expect(result.stderr).to.include('`pdf`');
    for (const f of ['json', 'html', 'md', 'csv', 'junit', 'sarif']) expect(result.stderr).to.include(f);
    expect(existsSync(join(dir, 'out'))).to.equal(false);
  });

  it('refuses an unknown --lang with exit 2', async () => {
    const dir = tempDir();
    const result = await runMain(['report', writeJson(dir, 'report.json', sampleReport()), '--lang', 'de']);
    expect(result.code).to.equal(2);
    expect(result.stderr).to.match(/`lang`.*en, fr.*`de`/);
  });

  describe('input that is not a cookie-audit report (exit 2, clear message)', () => {
    const cases: Array<[string, (dir: string) => string, RegExp]> = [
      ['a missing file', (dir) => join(dir, 'nope.json'), /Cannot read the report .*nope\.json.*no such file/],
      ['a file that is not JSON', (dir) => { writeFileSync(join(dir, 'r.json'), '<html>'); return join(dir, 'r.json'); }, /is not valid JSON/],
      ['some other JSON document', (dir) => writeJson(dir, 'package.json', { name: 'x', version: '1.0.0' }), /is not a cookie-audit report/],
      ['a report that breaks the schema', (dir) => {
        const bad = sampleReport() as unknown as { sites: Array<Record<string, unknown>> };
        bad.sites[1].status = 'maybe';
        return writeJson(dir, 'report.json', bad);
      }, /does not match the cookie-audit report schema[\s\S]*\/sites\/1\/status/],
    ];
    for (const [what, make, message] of cases) {
      it(what, async () => {
        const dir = tempDir();
        const result = await runMain(['report', make(dir), '--format', 'md']);
        expect(result.code).to.equal(2);
        expect(result.stderr).to.match(message);
        expect(existsSync(join(dir, 'report.md'))).to.equal(false);
      });
    }
  });
});
