/**
 * Mocha's `spec` reporter, then each test file's wall time (its hooks included), slowest first, so
 * the next slow file is visible: `test durations: test/extension/sites.browser.test.ts  92.1 s`.
 * Time is charged to the file whose test or hook is running; root hooks count as "(root hooks)".
 *
 * @example
 *   mocha --reporter ./test/support/durations-reporter.cjs "test/**\/*.test.ts"
 */
'use strict';
const path = require('node:path');
const Mocha = require('mocha');

const { EVENT_RUN_BEGIN, EVENT_RUN_END, EVENT_SUITE_BEGIN, EVENT_HOOK_BEGIN, EVENT_TEST_BEGIN } = Mocha.Runner.constants;
const TOP = Number(process.env.TEST_DURATIONS_TOP || 15);

class DurationsReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const totals = new Map();
    let current = null;
    let since = 0;
    let started = 0;
    const switchTo = (file) => {
      const now = performance.now();
      if (current !== null) totals.set(current, (totals.get(current) || 0) + now - since);
      current = file;
      since = now;
    };
    const fileOf = (runnable) => {
      for (let r = runnable; r; r = r.parent) if (r.file) return path.relative(process.cwd(), r.file);
      return '(root hooks)';
    };
    runner.once(EVENT_RUN_BEGIN, () => { started = performance.now(); });
    runner.on(EVENT_SUITE_BEGIN, (suite) => { if (!suite.root) switchTo(fileOf(suite)); });
    runner.on(EVENT_HOOK_BEGIN, (hook) => switchTo(fileOf(hook)));
    runner.on(EVENT_TEST_BEGIN, (test) => switchTo(fileOf(test)));
    runner.once(EVENT_RUN_END, () => {
      switchTo(null);
      const rows = [...totals].sort((a, b) => b[1] - a[1]);
      const width = Math.max(0, ...rows.slice(0, TOP).map(([f]) => f.length));
      const lines = rows.slice(0, TOP).map(([f, ms]) => `test durations: ${f.padEnd(width)}  ${(ms / 1000).toFixed(1).padStart(6)} s`);
      const total = (performance.now() - started) / 1000;
      process.stdout.write(`\n${lines.join('\n')}\ntest durations: ${rows.length} files, ${total.toFixed(1)} s in all` +
        (rows.length > TOP ? ` (top ${TOP} shown; TEST_DURATIONS_TOP=n for more)` : '') + '\n');
    });
  }
}

module.exports = DurationsReporter;
