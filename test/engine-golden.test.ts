import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import type { SiteObservations } from '../src/model.ts';
import { expectValidReport } from './helpers/schema.ts';
import { ENGINE } from '../defaults/engine.ts';

const observationsFile = new URL('../examples/sample-observations.json', import.meta.url);
const goldenFile = new URL('./golden/sample-report.json', import.meta.url);

// The golden report is the engine's verdict on the bundled sample; a change in it must be deliberate:
// run `UPDATE_GOLDEN=1 npm test` and review the diff.
describe('golden sample report', () => {
  it('regenerates the same report from examples/sample-observations.json', () => {
    const observations = JSON.parse(readFileSync(observationsFile, 'utf8')) as SiteObservations[];
    const report = ENGINE.buildReport(observations.map((o) => ENGINE.auditSite(o)), undefined, '2026-03-02T09:30:00.000Z');
    report.tool.version = '(golden)';
    expectValidReport(report);
    const text = JSON.stringify(report, null, 2) + '\n';
    if (process.env.UPDATE_GOLDEN) writeFileSync(goldenFile, text);
    expect(JSON.parse(text)).to.deep.equal(JSON.parse(readFileSync(goldenFile, 'utf8')));
  });
});
