import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const repo = path.join(__dirname, '..', '..');

/**
 * Runs the CLI from its sources as a process, so that a read or write that blocks (a named pipe)
 * fails the test by its time-out instead of stopping the test run.
 */
export function cliProcess(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), path.join(repo, 'server/src/cli/main.ts'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 15000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  assert.equal(r.error, undefined, `kpilens ${args.join(' ')} did not finish`);
  return r;
}
