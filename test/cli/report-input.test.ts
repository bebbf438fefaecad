/**
 * `cookie-audit report` never overwrites its input, whatever path leads back to it: `--out` given
 * as a symbolic link to the input's directory, or as a different spelling of it.
 */
import { expect } from 'chai';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { runMain, sampleReport, tempDir, writeJson } from './run.ts';

describe('cookie-audit report keeps its input', function () {
  this.timeout(60_000);

  it('does not replace report.json through an --out that is a symlink to the input\'s directory', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'in'));
    const file = writeJson(join(dir, 'in'), 'report.json', { ...sampleReport(), extra: undefined });
    const before = readFileSync(file, 'utf8');
    symlinkSync(join(dir, 'in'), join(dir, 'link'));
    const result = await runMain(['report', file, '--format', 'json,md', '--out', join(dir, 'link'), '--fail-on', 'never', '--allow-errors']);
    expect(result.code, result.stderr).to.equal(0);
    expect(readFileSync(file, 'utf8')).to.equal(before);
    expect(result.stdout).to.match(/Kept .* as it is \(it is the input\)/);
    expect(readFileSync(join(dir, 'in', 'report.md'), 'utf8')).to.include('Cookie');
  });

  it('does not replace it through a symlinked parent or a `..` spelling either', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'real', 'in'), { recursive: true });
    const file = writeJson(join(dir, 'real', 'in'), 'report.json', sampleReport());
    const before = readFileSync(file, 'utf8');
    symlinkSync(join(dir, 'real'), join(dir, 'alias'));
    for (const out of [join(dir, 'alias', 'in'), `${join(dir, 'real', 'in', '..', 'in')}/`]) {
      const result = await runMain(['report', file, '--format', 'json', '--out', out, '--fail-on', 'never', '--allow-errors']);
      expect(result.code, result.stderr).to.equal(0);
      expect(readFileSync(file, 'utf8')).to.equal(before);
    }
  });
});
