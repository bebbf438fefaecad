/**
 * The package as users get it: `npm pack`, the tarball unpacked into an empty folder's
 * node_modules, and `cookie-audit` run from there — `--version`, `--help`, and a crawl of one
 * fixture site. It proves `files` ships what runs and that nothing runs through TypeScript.
 * Offline: instead of `npm install` (which would fetch the dependencies from the registry), the
 * folder gets links to the production dependencies this checkout already has (`npm ls --omit=dev`),
 * so a devDependency used at run time (tsx, esbuild…) would be missing, as it would be for a user.
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import type { Report } from '../../src/model.ts';
import { buildCli } from '../../scripts/build-cli.ts';
import { startFixtureWeb, type FixtureWeb } from '../fixtures/web/server.ts';
import { REPO, runCli, tempDir } from './run.ts';

describe('the packed cookie-audit package, installed in an empty folder', function () {
  this.timeout(300_000);
  let app: string;
  let bin: string;
  let files: string[];
  /** The installed package's `cookie-audit`, run from the app folder with no Node options (no TypeScript loader). */
  const runIn = (args: string[]) => runCli(args, { cwd: app, bin, env: { NODE_OPTIONS: undefined } });

  before(async () => {
    await buildCli();
    const packDir = tempDir('cookie-audit-pack-');
    // --ignore-scripts: dist/cli was just built; prepare would only build it again.
    const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], { cwd: REPO, encoding: 'utf8' })) as Array<{ filename: string; files: Array<{ path: string }> }>;
    files = packed[0]!.files.map((f) => f.path);
    app = tempDir('cookie-audit-app-');
    const target = join(app, 'node_modules', 'cookie-audit');
    mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', join(packDir, basename(packed[0]!.filename)), '-C', target, '--strip-components=1']);
    // Production dependencies only, each top-level package linked where npm would have installed it.
    const prod = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: REPO, encoding: 'utf8' }).split('\n').filter(Boolean);
    const top = new Set(prod.map((p) => relative(join(REPO, 'node_modules'), p)).filter((r) => r !== '' && !r.startsWith('..'))
      .map((r) => r.split(sep)).map((parts) => (parts[0]!.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/')));
    for (const name of top) {
      const link = join(app, 'node_modules', name);
      mkdirSync(join(link, '..'), { recursive: true });
      if (!existsSync(link)) symlinkSync(join(REPO, 'node_modules', name), link, 'dir');
    }
    bin = join(target, 'bin', 'cookie-audit.js');
    // A hostile tsconfig in the working directory must never be read (the CLI is plain JavaScript).
    writeFileSync(join(app, 'tsconfig.json'), '{"compilerOptions": {"paths": {"commander": ["./evil.js"]}}}');
  });

  it('ships the compiled CLI and its notices, and no TypeScript or tests', () => {
    expect(files).to.include.members(['bin/cookie-audit.js', 'dist/cli/main.js', 'README.md', 'package.json', 'knowledge/NOTICE.md']);
    expect(files.filter((f) => f.endsWith('.ts') || f.startsWith('test/') || f.startsWith('src/'))).to.deep.equal([]);
    expect(existsSync(join(app, 'node_modules', 'tsx')), 'tsx is a devDependency').to.equal(false);
  });

  it('answers --version and --help without a TypeScript loader', async () => {
    const version = await runIn(['--version']);
    expect(version.code, version.stderr).to.equal(0);
    expect(version.stdout.trim()).to.equal(JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version);
    const help = await runIn(['--help']);
    expect(help.code).to.equal(0);
    for (const command of ['crawl', 'report', 'judge']) expect(help.stdout).to.match(new RegExp(`^\\s+${command}\\b`, 'm'));
  });

  describe('crawls a fixture site from there', () => {
    let web: FixtureWeb;
    after(async () => { await web?.close(); });

    it('writes a report that judges the site as expected', async () => {
      web = await startFixtureWeb();
      const site = web.sites.find((s) => s.host === 'www.demo-ecole.fr')!;
      const out = join(app, 'out');
      const result = await runIn([
        'crawl', `${web.origin(site.host, site.scheme)}${site.path}`, '--out', out, '--settle', '1000',
        `--browser-arg=--host-resolver-rules=MAP * 127.0.0.1:${web.port}`, '--browser-arg=--ignore-certificate-errors',
      ]);
      expect(result.code, result.stderr).to.equal(0);
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
      expect(report.sites).to.have.length(1);
      expect(report.sites[0]!.status).to.equal('ok');
      for (const [rule, outcome] of Object.entries(site.expected)) {
        expect(report.sites[0]!.rules.find((r) => r.id === rule)?.outcome, rule).to.equal(outcome);
      }
      expect(readdirSync(out)).to.include.members(['report.json', 'report.html', 'results.jsonl']);
    });
  });
});
