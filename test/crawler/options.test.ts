/** The crawl command's option validation: typed settings or a message naming what was wrong. */
import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULTS } from '../../crawler/crawl.ts';
import { collectTargets, readConfig, resolveCrawlOptions, UsageError } from '../../cli/crawl-options.ts';

const dir = mkdtempSync(join(tmpdir(), 'cookie-audit-options-'));
const noDefaultConfig = join(dir, 'absent.json');

describe('resolveCrawlOptions', () => {
  it('applies the defaults', () => {
    const o = resolveCrawlOptions({ config: undefined });
    expect(o).to.deep.include({ out: DEFAULTS.out, concurrency: DEFAULTS.concurrency, pages: 0, settle: DEFAULTS.settle, timeout: DEFAULTS.timeout, includeValues: false, browserArgs: [], policy: 'auto' });
    expect(o.concurrency).to.be.at.least(1);
  });

  it('parses whole numbers given as strings', () => {
    const o = resolveCrawlOptions({ concurrency: '4', pages: '0', settle: '1500', timeout: '20000', browserArg: ['--proxy-server=x:1'], includeValues: true, policy: 'off' });
    expect(o).to.deep.include({ concurrency: 4, pages: 0, settle: 1500, timeout: 20000, browserArgs: ['--proxy-server=x:1'], includeValues: true, policy: 'off' });
  });

  it('names the option, the expectation and the value given', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ concurrency: '0' }, 'Expected `concurrency` to be a whole number from 1 up, got `0`'],
      [{ concurrency: '1.5' }, 'Expected `concurrency` to be a whole number from 1 up, got `1.5`'],
      [{ pages: '-1' }, 'Expected `pages` to be a whole number from 0 up, got `-1`'],
      [{ settle: 'soon' }, 'Expected `settle` to be a whole number from 0 up, got `soon`'],
      [{ timeout: '0' }, 'Expected `timeout` to be a whole number from 1 up, got `0`'],
      [{ browserArg: ['proxy'] }, 'Expected each `browser-arg` to be a Chromium switch starting with `--`, got `proxy`'],
      [{ policy: 'never' }, 'Expected `policy` to be auto, off or an http(s) URL of a policy, got `never`'],
    ];
    for (const [raw, message] of cases) {
      expect(() => resolveCrawlOptions(raw as never), message).to.throw(UsageError, message);
    }
  });
});

describe('readConfig / collectTargets', () => {
  it('reports an unreadable, non-JSON or invalid configuration as a usage error', () => {
    expect(() => readConfig(join(dir, 'missing.json'))).to.throw(UsageError, /Cannot read the configuration file .*no such file/);
    const notJson = join(dir, 'bad.json');
    writeFileSync(notJson, '{ nope');
    expect(() => readConfig(notJson)).to.throw(UsageError, /is not valid JSON/);
    const invalid = join(dir, 'invalid.json');
    writeFileSync(invalid, JSON.stringify({ maxLifetimeMonths: 'thirteen' }));
    expect(() => readConfig(invalid)).to.throw(UsageError, /Invalid configuration in .*maxLifetimeMonths/);
  });

  it('gathers targets from arguments and the input list, else from the configuration', () => {
    const list = join(dir, 'list.txt');
    writeFileSync(list, '# campus\nlyon.cesi.fr\n\nnice.cesi.fr\n');
    const cfgFile = join(dir, 'cfg.json');
    writeFileSync(cfgFile, JSON.stringify({ targets: ['https://www.cesi.fr/'] }));
    const config = readConfig(cfgFile);
    expect(collectTargets(['a.fr'], list, config)).to.deep.equal(['a.fr', 'lyon.cesi.fr', 'nice.cesi.fr']);
    expect(collectTargets([], undefined, config)).to.deep.equal(['https://www.cesi.fr/']);
  });

  it('requires at least one target and a readable list', () => {
    const config = readConfig(undefined, noDefaultConfig);
    expect(() => collectTargets([], undefined, config)).to.throw(UsageError, /Expected at least one target/);
    expect(() => collectTargets([], join(dir, 'nope.txt'), config)).to.throw(UsageError, /Cannot read the target list/);
  });
});
