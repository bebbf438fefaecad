/** The results sink under --out: one run at a time, nothing lost before the browser runs, no folder reused on resume. */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutputBusyError, OutputDir } from '../../crawler/results-dir.ts';
import { SlugSet } from '../../crawler/slug.ts';

const fresh = () => mkdtempSync(join(tmpdir(), 'cookie-audit-out-'));

describe('the results directory', () => {
  it('refuses a second live run on the same directory, and takes over the lock of a run that died', async () => {
    const dir = fresh();
    // A lock held by another live process (this test's parent shell stands in for it).
    writeFileSync(join(dir, '.cookie-audit.lock'), JSON.stringify({ pid: process.ppid, startedAt: '2026-12-02T07:00:00Z' }));
    const err = await OutputDir.open(dir, { lock: true }).then(() => null, (e: unknown) => e);
    expect(err).to.be.instanceOf(OutputBusyError);
    expect((err as Error).message).to.include(`pid ${process.ppid}`).and.include('another --out directory');

    // The holder is gone (a pid that has exited): the lock is stale and taken over, then released.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(join(dir, '.cookie-audit.lock'), JSON.stringify({ pid: Number(gone), startedAt: 'then' }));
    const out = await OutputDir.open(dir, { lock: true });
    expect(JSON.parse(readFileSync(join(dir, '.cookie-audit.lock'), 'utf8')).pid).to.equal(process.pid);
    await out.close();
    expect(existsSync(join(dir, '.cookie-audit.lock'))).to.equal(false);
  });

  it('keeps the previous results until the run really starts', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'results.jsonl'), '{"earlier":true}\n');
    const out = await OutputDir.open(dir, { truncate: 'later' });
    expect(readFileSync(join(dir, 'results.jsonl'), 'utf8'), 'a run whose browser never starts loses nothing').to.equal('{"earlier":true}\n');
    await out.startResults();
    expect(readFileSync(join(dir, 'results.jsonl'), 'utf8')).to.equal('');
    const resumed = await OutputDir.open(dir, { resume: true, truncate: 'later' });
    writeFileSync(join(dir, 'results.jsonl'), '{"kept":true}\n');
    await resumed.startResults();
    expect(readFileSync(join(dir, 'results.jsonl'), 'utf8'), 'a resumed run keeps its list').to.equal('{"kept":true}\n');
  });

  it('gives a resumed run\'s new sites folder names the earlier run did not use', async () => {
    const dir = fresh();
    mkdirSync(join(dir, 'a.fr'));
    mkdirSync(join(dir, 'a.fr-2'));
    const out = await OutputDir.open(dir, { resume: true });
    const slugs = new SlugSet(await out.existingSiteDirs());
    expect(slugs.take('https://a.fr/')).to.equal('a.fr-3');
  });
});
