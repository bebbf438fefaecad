/**
 * Mocha root hooks (.mocharc.json `require`): after the last test of the run, release what test
 * files shared (test/support/shared.ts: the fixture web, the extension builds). An .mjs file, so
 * mocha import()s it: a `require`d TypeScript file would make tsx load its imports as CommonJS.
 */
import { releaseShared } from './shared.ts';

export const mochaHooks = {
  async afterAll() {
    this.timeout(30_000);
    await releaseShared();
  },
};
