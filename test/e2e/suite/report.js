// Runs a mocha instance and reports its counts to run.mjs, for the suites of both extension
// hosts (index.js under Node, ../web/index.js in a web worker): no Node modules here.
'use strict';

const RESULT_MARK = 'kpilens-e2e-suites:';

/** Resolves when every test passed, rejects otherwise; prints the line run.mjs reads the counts from. */
function runAndReport(mocha) {
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        // run.mjs reads this line for the closing "e2e: N passed, M failed" of the whole run.
        const { passes, failures: failed, pending } = runner.stats;
        console.log(`${RESULT_MARK} ${JSON.stringify({ passed: passes, failed, skipped: pending })}`);
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else resolve();
      });
    } catch (e) {
      reject(e);
    }
  });
}

module.exports = { runAndReport };
