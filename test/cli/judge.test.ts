/** `cookie-audit judge <out-dir>`: the saved observations judged again, without a browser. */
import { expect } from 'chai';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINE } from '../../defaults/engine.ts';
import { runJudge } from '../../cli/judge-command.ts';
import { UsageError } from '../../cli/usage-error.ts';
import { errorSite } from '../../src/engine.ts';
import type { Report } from '../../src/model.ts';
import { cookie, createObservations } from '../helpers/observations.ts';
import { tempDir } from './run.ts';

/** A crawl's --out directory as crawl() leaves it: results.jsonl and one observations.json per audited site. */
function savedCrawl(): string {
  const dir = tempDir('cookie-audit-judge-');
  const obs = createObservations({ initial: { cookies: [cookie({ name: '_ga' })] } }, { url: 'https://www.a.fr/', finalUrl: 'https://www.a.fr/' });
  const ok = ENGINE.auditSite(obs);
  const failed = errorSite('https://down.fr/', 'connection', 'The server refused the connection.');
  writeFileSync(join(dir, 'results.jsonl'), `${JSON.stringify(ok)}\n${JSON.stringify(failed)}\n`);
  mkdirSync(join(dir, 'www.a.fr'));
  writeFileSync(join(dir, 'www.a.fr', 'observations.json'), JSON.stringify({ observations: obs }));
  return dir;
}

const outcome = (report: Report, url: string, rule: string) =>
  report.sites.find((s) => s.url === url)?.rules.find((r) => r.id === rule)?.outcome;

describe('cookie-audit judge', () => {
  const quiet = { stdout: () => {} };

  it('judges the saved observations with the config given, keeping error sites as crawled', async () => {
    const dir = savedCrawl();
    expect(await runJudge(dir, { format: 'json' }, quiet)).to.equal(1);
    const before = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
    expect(outcome(before, 'https://www.a.fr/', 'cookies-before-consent')).to.equal('fail');

    // The site owner's config says _ga is exempt for this audit: the verdict changes without a crawl.
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ exemptCookies: [{ name: '_ga', reason: 'test exemption' }], rules: { 'consent-banner': 'off' } }));
    const lines: string[] = [];
    const code = await runJudge(dir, { format: 'json', config, out: join(dir, 'again') }, { stdout: (s) => lines.push(s) });
    const after = JSON.parse(readFileSync(join(dir, 'again', 'report.json'), 'utf8')) as Report;
    expect(outcome(after, 'https://www.a.fr/', 'cookies-before-consent')).to.equal('pass');
    expect(after.sites.find((s) => s.url === 'https://www.a.fr/')!.rules.map((r) => r.id)).not.to.include('consent-banner');
    expect(after.sites.map((s) => s.url)).to.deep.equal(['https://www.a.fr/', 'https://down.fr/']);
    expect(after.sites[1]!.error?.code).to.equal('connection');
    expect(lines.join('')).to.include('Judged 1 of 2 sites again').and.include('1 kept as crawled');
    // The one error site still fails the default gate (exit 3: sites could not be audited).
    expect(code).to.equal(3);
  });

  it('refuses a directory that is not a crawl output, saying what to give', async () => {
    const err = await runJudge(tempDir(), {}, quiet).then(() => null, (e: unknown) => e);
    expect(err).to.be.instanceOf(UsageError);
    expect((err as Error).message).to.match(/holds no results\.jsonl: give the --out directory of a `cookie-audit crawl`/);
  });
});
