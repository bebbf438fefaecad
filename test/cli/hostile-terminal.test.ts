/**
 * `cookie-audit report` on a crafted report.json and `--baseline`: whatever a site (or someone who
 * edits a report) put in the strings, nothing the command prints on stdout or stderr carries a raw
 * control byte — no escape sequence erasing the FAIL line, no OSC 52 clipboard write, no carriage
 * return, no bidi override, no C1 control. The first test runs the real executable (the unit tier's
 * one spawned CLI: the bytes on a real process's stdout and stderr, exit status included); the
 * others run `main(argv, io)` in-process.
 */
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostileReport, RAW_CONTROL, TERMINAL_PAYLOAD } from '../helpers/hostile-report.ts';
import { runCli, runMain, tempDir, writeJson } from './run.ts';

/** A raw control byte (CR included: on a terminal it returns to column 0). */
const TERMINAL_UNSAFE = new RegExp(`${RAW_CONTROL.source}|\\r`);
const firstUnsafe = (text: string): string | null => {
  const m = TERMINAL_UNSAFE.exec(text);
  return m ? JSON.stringify(text.slice(Math.max(0, m.index - 40), m.index + 10)) : null;
};

describe('cookie-audit report: site strings reach the terminal inert', function () {
  this.timeout(60_000);

  it('prints the gate summary, failing findings and the baseline\'s fixed ones without a raw control byte', async () => {
    const dir = tempDir();
    const report = hostileReport();
    const file = writeJson(dir, 'report.json', report);
    const baseline = hostileReport();
    // The GA finding (its tid is the payload) is new; one the baseline had is fixed.
    baseline.sites[0].findings = baseline.sites[0].findings.filter((f) => f.rule !== 'ga-ip-anonymisation');
    baseline.sites[0].findings.push({ ...baseline.sites[0].findings[0], cookie: `gone${TERMINAL_PAYLOAD}`, message: `old${TERMINAL_PAYLOAD}` });
    const old = writeJson(dir, 'baseline.json', baseline);
    const result = await runCli(['report', file, '--format', 'md,csv', '--out', join(dir, 'out'), '--baseline', old]);
    expect(result.code, result.stderr).to.equal(1);
    expect(result.stdout).to.include('FAIL:');
    expect(result.stdout).to.include('fixed:');
    expect(result.stdout).to.match(/UA-1\[1A\[2K/); // the tid is still shown, as text
    expect(result.stdout).to.match(/fixed: .*gone\[1A/);
    expect(firstUnsafe(result.stdout), 'stdout').to.equal(null);
    expect(firstUnsafe(result.stderr), 'stderr').to.equal(null);
    // The verdict is the last line: nothing can print after it or over it.
    expect(result.stdout.trimEnd().split('\n').at(-1)).to.match(/^FAIL: /);
  });

  it('prints a crafted report that is not valid JSON, or breaks the schema, without a raw control byte', async () => {
    const dir = tempDir();
    const notJson = join(dir, 'not-json.json');
    writeFileSync(notJson, `{"tool": ${TERMINAL_PAYLOAD}}`);
    const bad = hostileReport() as unknown as { sites: Array<Record<string, unknown>> };
    bad.sites[0][`x${TERMINAL_PAYLOAD}`] = 1;
    bad.sites[0].status = `ok${TERMINAL_PAYLOAD}`;
    const badSchema = writeJson(dir, `bad${TERMINAL_PAYLOAD.replace(/[\u0000-\u001f/]/g, '')}.json`, bad);
    for (const input of [notJson, badSchema]) {
      const result = await runMain(['report', input, '--out', join(dir, 'out')]);
      expect(result.code, result.stderr).to.equal(2);
      expect(result.stderr).to.match(/cookie-audit: /);
      expect(firstUnsafe(result.stderr), `stderr for ${input}`).to.equal(null);
      expect(firstUnsafe(result.stdout), `stdout for ${input}`).to.equal(null);
    }
  });
});
