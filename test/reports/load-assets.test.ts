/** Reading screenshots for the HTML report: images inside the report directory only. */
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAssets, readImageAsset } from '../../reports/load-assets.ts';
import { PIXEL_PNG, sampleReport } from './sample.ts';

describe('loadAssets', () => {
  let dir: string;
  const png = Buffer.from(PIXEL_PNG.split(',')[1], 'base64');

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'assets-'));
    mkdirSync(join(dir, 'report', 'shots'), { recursive: true });
    writeFileSync(join(dir, 'report', 'shots', 'shop.png'), png);
    writeFileSync(join(dir, 'report', 'shots', 'fake.png'), 'not an image');
    writeFileSync(join(dir, 'secret.png'), png);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the report\'s screenshots as data URIs the HTML renderer accepts', () => {
    expect(loadAssets(sampleReport(), join(dir, 'report'))).to.deep.equal({ 'shots/shop.png': PIXEL_PNG });
  });

  it('refuses files outside the report directory, absolute paths and non-images', () => {
    const root = join(dir, 'report');
    expect(readImageAsset(root, '../secret.png')).to.equal(null);
    expect(readImageAsset(root, join(dir, 'secret.png'))).to.equal(null);
    expect(readImageAsset(root, 'shots/fake.png')).to.equal(null);
    expect(readImageAsset(root, 'shots/missing.png')).to.equal(null);
  });
});
