/** Backpressure and the CPU-pressure reading it acts on, without a browser. */
import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CALM_TICKS_TO_GROW, nextConcurrency, startBackpressure } from '../../crawler/backpressure.ts';
import { createPressureMeter, parsePsi } from '../../crawler/cpu-pressure.ts';
import { timingDoubts } from '../../crawler/site-runner.ts';
import { ENGINE } from '../../defaults/engine.ts';
import { banner, cookie, createObservations, rejectedBanner } from '../helpers/observations.ts';

describe('backpressure', () => {
  it('steps down while starved, never below one, and back up only after enough calm readings', () => {
    expect(nextConcurrency(4, 4, true, 0)).to.equal(3);
    expect(nextConcurrency(1, 4, true, 0)).to.equal(1);
    expect(nextConcurrency(2, 4, false, CALM_TICKS_TO_GROW - 1)).to.equal(2);
    expect(nextConcurrency(2, 4, false, CALM_TICKS_TO_GROW)).to.equal(3);
    expect(nextConcurrency(4, 4, false, 10)).to.equal(4);
  });

  it('lowers a queue\'s concurrency under pressure and raises it when the machine is calm again', async () => {
    const queue = { concurrency: 4 };
    const readings = [true, true, true, false, false, false, false, false, false, false];
    let i = 0;
    const bp = startBackpressure(queue, {
      max: 4, intervalMs: 5,
      read: () => { const starved = readings[Math.min(i++, readings.length - 1)]!; return { pressure: starved ? 0.9 : 0.1, source: 'psi', starved }; },
    });
    await new Promise((r) => setTimeout(r, 150));
    bp.stop();
    expect(bp.lowest).to.equal(2);
    expect(queue.concurrency).to.be.above(2);
  });

  it('reads Linux pressure stall information, and falls back to the event loop without it', () => {
    expect(parsePsi('some avg10=98.69 avg60=98.98 avg300=93.46 total=891822672\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n')).to.be.closeTo(0.9869, 1e-9);
    expect(parsePsi('garbage')).to.equal(null);
    const dir = mkdtempSync(join(tmpdir(), 'psi-'));
    writeFileSync(join(dir, 'cpu'), 'some avg10=75.00 avg60=1.00 avg300=1.00 total=1\n');
    const busy = createPressureMeter(join(dir, 'cpu'));
    expect(busy.read()).to.deep.equal({ pressure: 0.75, source: 'psi', starved: true });
    busy.close();
    const none = createPressureMeter(join(dir, 'missing'));
    expect(none.read().source).to.equal('event-loop');
    none.close();
  });
});

describe('timing doubts: negatives re-checked before they become findings', () => {
  it('doubts "no banner" on a site that needs one, and "no accept"/"no reject" where a banner was seen but not clicked', () => {
    const noBanner = ENGINE.auditSite(createObservations({ initial: { cookies: [cookie({ name: '_ga' })] }, accepted: {}, refused: {} }));
    expect(timingDoubts(noBanner)).to.deep.equal(['no-banner']);
    const notRefused = ENGINE.auditSite(createObservations({
      initial: { banner: banner({ detected: true }) }, accepted: { banner: banner({ detected: true }) }, refused: { banner: banner({ detected: true }) },
    }));
    expect(timingDoubts(notRefused)).to.deep.equal(['no-accept', 'no-reject']);
    const refused = ENGINE.auditSite(createObservations({
      initial: { banner: banner({ detected: true }) }, accepted: { banner: rejectedBanner({ clicked: 'accept' }) }, refused: { banner: rejectedBanner() },
    }));
    expect(timingDoubts(refused)).to.deep.equal([]);
    const quiet = ENGINE.auditSite(createObservations({ initial: {}, accepted: {}, refused: {} }));
    expect(timingDoubts(quiet), 'a site with no tracker needs no banner').to.deep.equal([]);
  });
});
