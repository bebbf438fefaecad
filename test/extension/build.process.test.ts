/**
 * The two builds from one source: manifests as each browser needs them, minimal permissions,
 * `web-ext lint` clean on the Firefox build, and bundles with no way to send data anywhere.
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { builtExtension } from '../support/shared.ts';

const run = promisify(execFile);

describe('extension: build', function () {
  this.timeout(180_000);
  let dirs: Record<'chrome' | 'firefox', string>;
  const manifest = async (target: 'chrome' | 'firefox'): Promise<Record<string, any>> =>
    JSON.parse(await readFile(join(dirs[target], 'manifest.json'), 'utf8'));

  // The run's builds (test/support/shared.ts: buildExtension, as `npm run build` makes them), which the browser tests load.
  before(async () => {
    const [chrome, firefox] = await Promise.all([builtExtension('chrome'), builtExtension('firefox')]);
    dirs = { chrome, firefox };
  });

  it('makes a Manifest V3 Chrome build whose background is a service worker', async () => {
    const m = await manifest('chrome');
    expect(m.manifest_version).to.equal(3);
    expect(m.background).to.deep.equal({ service_worker: 'background.js' });
    await readFile(join(dirs.chrome, 'background.js'));
    await readFile(join(dirs.chrome, 'popup', 'popup.html'));
  });

  it('makes a Firefox build with background scripts and a gecko id', async () => {
    const m = await manifest('firefox');
    expect(m.manifest_version).to.equal(3);
    expect(m.background).to.deep.equal({ scripts: ['background.js'] });
    expect(m.browser_specific_settings.gecko.id).to.be.a('string').and.match(/@/);
  });

  it('asks only for the permissions the README justifies', async () => {
    const readme = await readFile(new URL('../../extension/README.md', import.meta.url), 'utf8');
    for (const target of ['chrome', 'firefox'] as const) {
      const m = await manifest(target);
      expect(m.permissions).to.have.members(['cookies', 'webRequest', 'webNavigation', 'storage', 'browsingData', 'scripting']);
      expect(m.host_permissions).to.deep.equal(['<all_urls>']);
      for (const p of [...m.permissions, ...m.host_permissions]) expect(readme, `README justifies ${p}`).to.include(`\`${p}\``);
    }
  });

  it('runs the content script in every frame, about:blank ones included, detect-only', async () => {
    const m = await manifest('chrome');
    for (const cs of m.content_scripts) {
      expect(cs.all_frames).to.equal(true);
      expect(cs.match_about_blank).to.equal(true);
    }
    // Only the page-world cookie hook runs before any page script (no isolated world at
    // document_start); banner detection (content.js) is injected by the background into each frame
    // after its load, so it is not in the manifest.
    expect(m.content_scripts.map((c: { world?: string }) => c.world ?? 'ISOLATED')).to.deep.equal(['MAIN']);
    expect(m.content_scripts.map((c: { run_at: string }) => c.run_at)).to.deep.equal(['document_start']);
    expect(m.content_scripts.flatMap((c: { js: string[] }) => c.js)).to.deep.equal(['page-hook.js']);
    await readFile(join(dirs.chrome, 'content.js'), 'utf8');
  });

  it('ships the popup\'s words in English and French (browser i18n, default_locale)', async () => {
    const source = async (f: string) => readFile(join(process.cwd(), 'extension', f), 'utf8');
    const en = JSON.parse(await source('_locales/en/messages.json')) as Record<string, { message: string; placeholders?: Record<string, unknown> }>;
    const fr = JSON.parse(await source('_locales/fr/messages.json')) as typeof en;
    expect(Object.keys(fr).sort()).to.deep.equal(Object.keys(en).sort());
    for (const [key, { message, placeholders }] of Object.entries(en)) {
      expect(fr[key].message, key).to.be.a('string').and.not.equal('');
      expect(Object.keys(fr[key].placeholders ?? {}), key).to.deep.equal(Object.keys(placeholders ?? {}));
      for (const name of message.match(/\$\w+\$/g) ?? []) expect(fr[key].message, key).to.include(name);
    }
    const code = (await source('popup/view.ts')) + (await source('popup/popup.ts'));
    // Every key the popup asks for exists (its camelCase string literals are message keys).
    const used = [...code.matchAll(/'([a-z]+[A-Z]\w*)'/g)].map((m) => m[1]);
    expect(used).to.include.members(['rulesHeading', 'outcomePass', 'clickedClosed']);
    for (const key of used) expect(en, key).to.have.property(key);
    for (const target of ['chrome', 'firefox'] as const) {
      const m = await manifest(target);
      expect(m.default_locale).to.equal('en');
      expect(m.name).to.equal('__MSG_extensionName__');
      for (const lang of ['en', 'fr']) {
        const built = JSON.parse(await readFile(join(dirs[target], '_locales', lang, 'messages.json'), 'utf8'));
        expect(built.extensionName.message, `${target} ${lang}`).to.equal('Cookie Audit');
      }
    }
  });

  it('passes web-ext lint on the Firefox build without errors', async () => {
    const bin = join(process.cwd(), 'node_modules', '.bin', 'web-ext');
    // web-ext exits non-zero when it finds errors; the JSON is on stdout either way.
    const { stdout } = await run(bin, ['lint', '--source-dir', dirs.firefox, '--output', 'json', '--no-config-discovery'], { timeout: 120_000 })
      .catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
    const result = JSON.parse(stdout) as { errors: Array<{ code: string; message: string }>; summary: { errors: number } };
    expect(result.errors.map((e) => `${e.code}: ${e.message}`)).to.deep.equal([]);
    expect(result.summary.errors).to.equal(0);
  });

  it('contains no code that sends data anywhere (no fetch, XHR, beacon or socket)', async () => {
    for (const file of ['background.js', 'content.js', 'page-hook.js', join('popup', 'popup.js')]) {
      const code = await readFile(join(dirs.chrome, file), 'utf8');
      // The browser's fetch, called bare or on a global; `x.fetch(` on another object is not it (the TC
      // library's vendor-list loader calls its own network module, stubbed out: extension/no-tcf-network.ts).
      expect(code, file).not.to.match(/(?<![.\w$])fetch\(|\b(?:window|self|globalThis)\.fetch\(|XMLHttpRequest|sendBeacon\(|new WebSocket\(|new EventSource\(/);
    }
  });
});
