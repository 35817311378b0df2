// What every part of the e2e runner shares: where it is, the timestamped log, the cleanups that
// run however the process ends, and the tally of a --suites run.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(HERE, '..', '..');
const t0 = Date.now();
export const log = (msg) => console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)}s] ${msg}`);

// ---------------------------------------------------------------- cleanup
const cleanups = [];
let cleaning = null;
export function onCleanup(fn) {
  cleanups.push(fn);
}
async function cleanup() {
  if (!cleaning) {
    cleaning = (async () => {
      for (const fn of cleanups.reverse()) {
        try {
          await fn();
        } catch (e) {
          console.error(`cleanup: ${e?.message ?? e}`);
        }
      }
    })();
  }
  return cleaning;
}
export let exiting = false;
// Suite tests and UI checks counted so far, for the closing "e2e: N passed, M failed" line of a
// --suites run (null in the other modes). A run that fails without a failed test or check (a
// time-out, a crash) counts one failure, so the line never says 0 failed when the run failed.
export let tally = null;
export function startTally() {
  tally = { passed: 0, failed: 0, skipped: 0 };
}
export async function finish(code) {
  if (exiting) return;
  exiting = true;
  await cleanup();
  if (tally) {
    const failed = tally.failed || (code === 0 ? 0 : 1);
    console.log(`e2e: ${tally.passed} passed, ${failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ''}`);
  }
  process.exit(code);
}
// Last resort if something calls process.exit directly: kill code-server's group synchronously.
export const groups = new Set();
process.on('exit', () => {
  for (const pid of groups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {}
  }
});
let sigExitCode = 130;
export function exitCodeOnSignal(code) {
  sigExitCode = code;
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    log(`${sig}: stopping`);
    finish(sigExitCode);
  });
}
process.on('unhandledRejection', (e) => {
  console.error(e);
  finish(1);
});
