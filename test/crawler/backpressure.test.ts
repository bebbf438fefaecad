/** Backpressure and the page-pace reading it acts on, without a browser. */
import { expect } from 'chai';
import { CALM_TICKS_TO_GROW, nextConcurrency, startBackpressure } from '../../crawler/backpressure.ts';
import { createLatenessWindow, ranStarved } from '../../crawler/page-lateness.ts';
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
      read: () => { const starved = readings[Math.min(i++, readings.length - 1)]!; return { pressure: starved ? 0.9 : 0.1, starved }; },
    });
    await new Promise((r) => setTimeout(r, 150));
    bp.stop();
    expect(bp.lowest, "three starved readings: 4 → 1").to.equal(1);
    expect(queue.concurrency, "then calm: back up one step per calm spell").to.be.above(1);
  });

  it('reads pages as starved when a quarter of their answers came late in the last window, and forgets old phases', () => {
    let t = 0;
    const pace = createLatenessWindow(15_000, () => t);
    expect(pace.read(), 'nothing seen: calm').to.deep.equal({ pressure: 0, starved: false });
    pace.add({ samples: 12, late: 1, lostMs: 300 });
    expect(pace.read().starved, 'one long task of a page: its nature').to.equal(false);
    pace.add({ samples: 12, late: 8, lostMs: 4000 });
    expect(pace.read()).to.deep.include({ starved: true });
    expect(pace.read().pressure).to.be.closeTo(9 / 24, 1e-9);
    t = 16_000;
    expect(pace.read(), 'past the window').to.deep.equal({ pressure: 0, starved: false });
    pace.add({ samples: 2, late: 2, lostMs: 900 });
    expect(pace.read().starved, 'too few answers to judge the pace by').to.equal(false);
  });
});

describe('a visit that ran starved', () => {
  it('is one whose page answered late a quarter of the time and lost a quarter of the settle time', () => {
    expect(ranStarved({ samples: 12, late: 0, lostMs: 0 }, 3000)).to.equal(false);
    expect(ranStarved({ samples: 12, late: 1, lostMs: 2500 }, 3000), 'one long task: the page\'s own pace').to.equal(false);
    expect(ranStarved({ samples: 12, late: 4, lostMs: 700 }, 3000), 'late often, but little time lost').to.equal(false);
    expect(ranStarved({ samples: 12, late: 4, lostMs: 800 }, 3000)).to.equal(true);
    expect(ranStarved({ samples: 4, late: 2, lostMs: 499 }, 500), 'at least half a second lost').to.equal(false);
    expect(ranStarved({ samples: 0, late: 0, lostMs: 0 }, 3000), 'no answer: nothing measured').to.equal(false);
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
    const lateInTwo = ENGINE.auditSite(createObservations({
      initial: {}, accepted: {}, refused: { banner: rejectedBanner() },
    }));
    expect(timingDoubts(lateInTwo), 'a banner only the refused phase saw: the other two came too early').to.deep.equal(['no-banner', 'no-accept']);
    const quiet = ENGINE.auditSite(createObservations({ initial: {}, accepted: {}, refused: {} }));
    expect(timingDoubts(quiet), 'a site with no tracker needs no banner').to.deep.equal([]);
  });
});
