/** `cookie-audit judge <out-dir>`: the saved observations judged again, without a browser. */
import { expect } from 'chai';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINE } from '../../defaults/engine.ts';
import { runJudge } from '../../cli/judge-command.ts';
import { UsageError } from '../../cli/usage-error.ts';
import { errorSite } from '../../src/engine.ts';
import { loadConfig } from '../../src/config.ts';
import type { Report } from '../../src/model.ts';
import { render } from '../../reports/index.ts';
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

  it('writes the report a judgement held in memory would, in results.jsonl\'s order, whatever order the folders are in', async () => {
    // The sites judged again are read back from a scratch file written in the folders' order (a, b, c);
    // the report keeps results.jsonl's (c, down, a, b), a site's last line winning.
    const dir = tempDir('cookie-audit-judge-order-');
    const obs = ['c', 'a', 'b'].map((h) => createObservations({ initial: { cookies: [cookie({ name: '_ga', domain: `${h}.fr` })] } }, { url: `https://${h}.fr/`, finalUrl: `https://${h}.fr/` }));
    const crawled = obs.map((o) => ENGINE.auditSite(o));
    const down = errorSite('https://down.fr/', 'connection', 'The server refused the connection.');
    const lines = [crawled[0], down, crawled[1], errorSite('https://b.fr/', 'timeout', 'Too slow.'), crawled[2]];
    writeFileSync(join(dir, 'results.jsonl'), lines.map((s) => `${JSON.stringify(s)}\n`).join(''));
    for (const o of obs) {
      mkdirSync(join(dir, new URL(o.url).hostname));
      writeFileSync(join(dir, new URL(o.url).hostname, 'observations.json'), JSON.stringify({ observations: o }));
    }
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ exemptCookies: [{ name: '_ga', reason: 'test exemption' }] }));
    expect(await runJudge(dir, { format: 'json,csv', config, allowErrors: true, failOn: 'never' }, quiet)).to.equal(0);

    const written = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
    const resolved = loadConfig(JSON.parse(readFileSync(config, 'utf8')), ENGINE.ruleIds);
    const inMemory = ENGINE.buildReport([obs[0]!, null, obs[1]!, obs[2]!].map((o) => (o ? ENGINE.auditSite(o, resolved) : down)), resolved, written.generatedAt);
    expect(written.sites.map((s) => s.url)).to.deep.equal(['https://c.fr/', 'https://down.fr/', 'https://a.fr/', 'https://b.fr/']);
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).to.equal(render(inMemory, 'json'));
    expect(readFileSync(join(dir, 'report.csv'), 'utf8')).to.equal(render(inMemory, 'csv'));
    expect(existsSync(join(dir, '.judged.jsonl.tmp'))).to.equal(false);
  });

  it('refuses a directory that is not a crawl output, saying what to give', async () => {
    const err = await runJudge(tempDir(), {}, quiet).then(() => null, (e: unknown) => e);
    expect(err).to.be.instanceOf(UsageError);
    expect((err as Error).message).to.match(/holds no results\.jsonl: give the --out directory of a `cookie-audit crawl`/);
  });
});
