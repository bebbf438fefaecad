/** Reports written before message ids (schemaVersion 1) are still read, gated against and rendered. */
import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import { readReportFile } from '../../cli/read-report.ts';
import { ENGINE } from '../../defaults/engine.ts';
import { esc } from '../../reports/html-escape.ts';
import { render } from '../../reports/index.ts';
import { gate } from '../../src/gate.ts';
import type { SiteObservations } from '../../src/model.ts';
import { readFileSync } from 'node:fs';

const V1 = fileURLToPath(new URL('../golden/sample-report-v1.json', import.meta.url));

describe('schema 1 reports', () => {
  const old = readReportFile('report', V1);

  it('are accepted by `report` and `--baseline`', () => {
    expect(old.schemaVersion).to.equal(1);
    expect(old.sites.flatMap((s) => s.findings).every((f) => f.messageId === undefined)).to.equal(true);
    const observations = JSON.parse(readFileSync(new URL('../../examples/sample-observations.json', import.meta.url), 'utf8')) as SiteObservations[];
    // The v1 report predates the policy step (issue #16): the same observations without their policy.
    const current = ENGINE.buildReport(observations.map(({ policy: _policy, ...o }) => ENGINE.auditSite(o)));
    expect(current.schemaVersion).to.equal(2);
    const result = gate(current, { baseline: old });
    expect(result.newFindings).to.deep.equal([]);
    expect(result.knownFindings).to.have.length(old.sites.flatMap((s) => s.findings).length);
  });

  it('render in French with their English sentences where they have no ids', () => {
    const html = render(old, 'html', { lang: 'fr' });
    expect(html).to.include('<html lang="fr">');
    const first = old.sites.flatMap((s) => s.findings)[0];
    expect(html).to.include(esc(first.message));
    for (const format of ['md', 'junit', 'sarif', 'csv'] as const) expect(render(old, format, { lang: 'fr' })).to.be.a('string').and.not.equal('');
  });
});
