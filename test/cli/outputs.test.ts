import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';
import { cliProcess } from '../helpers/cli-process';

async function run(cwd: string, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), color: false, version: '0.0.0-test' });
  return { code, stdout, stderr };
}

const SCORECARD = 'kpilens: 1\nscorecard: {id: a}\nbad: 1\n';
/** A scorecard that `--fix` changes: the suppression hides nothing and is removed. */
const FIXABLE = 'kpilens: 1\nscorecard: {id: a}\n# kpilens-disable-next-line schema\nkpis: []\n';
const FIXED = 'kpilens: 1\nscorecard: {id: a}\nkpis: []\n';

const temps: string[] = [];
after(() => {
  for (const t of temps) fs.rmSync(t, { recursive: true, force: true });
});

/** A workspace folder `ws` with one scorecard, and beside it a folder `outside` with a file that must not change. */
function layout(scorecard = SCORECARD) {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'kpilens-out-'));
  temps.push(parent);
  const ws = path.join(parent, 'ws');
  const outside = path.join(parent, 'outside');
  fs.mkdirSync(ws);
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(ws, 'a.kpi.yaml'), scorecard);
  const victim = path.join(outside, 'victim.txt');
  fs.writeFileSync(victim, 'keep me\n');
  return { parent, ws, outside, victim };
}

const symlinksWork = (() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpilens-link-'));
  try {
    fs.symlinkSync('x', path.join(dir, 'l'));
    return true;
  } catch {
    return false;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
})();

describe('files kpilens writes', function () {
  before(function () {
    if (!symlinksWork) this.skip();
  });

  const commands: [string, string, string[]][] = [
    ['lint --output-file', 'kpilens.sarif', ['lint', '--format', 'sarif', '--output-file', 'kpilens.sarif', '--as-of', '2026-11-24']],
    [
      'diff --output-file',
      'kpilens-diff.md',
      ['diff', 'a.kpi.yaml', 'a.kpi.yaml', '--format', 'markdown', '--output-file', 'kpilens-diff.md', '--as-of', '2026-11-24'],
    ],
    ['preview --out', 'preview.html', ['preview', '--out', 'preview.html', '--as-of', '2026-11-24']],
  ];

  for (const [name, file, args] of commands) {
    it(`${name} refuses to write through a symbolic link, to an existing file or to none, with exit code 2`, async () => {
      const { ws, outside, victim } = layout();
      fs.symlinkSync(victim, path.join(ws, file));
      const r = await run(ws, ...args);
      assert.deepEqual({ code: r.code, stderr: r.stderr }, { code: 2, stderr: `kpilens: will not write ${file}: it is a symbolic link\n` });
      assert.equal(fs.readFileSync(victim, 'utf8'), 'keep me\n');
      // A link to a file that does not exist yet must not create it.
      fs.rmSync(path.join(ws, file));
      fs.symlinkSync(path.join(outside, 'new.txt'), path.join(ws, file));
      assert.equal((await run(ws, ...args)).code, 2);
      assert.ok(!fs.existsSync(path.join(outside, 'new.txt')));
      assert.ok(fs.lstatSync(path.join(ws, file)).isSymbolicLink());
    });

    it(`${name} replaces a regular file and leaves no temporary file`, async () => {
      const { ws } = layout();
      fs.writeFileSync(path.join(ws, file), 'old');
      fs.chmodSync(path.join(ws, file), 0o640);
      const r = await run(ws, ...args);
      assert.equal(r.stderr, '');
      assert.notEqual(fs.readFileSync(path.join(ws, file), 'utf8'), 'old');
      assert.equal(fs.statSync(path.join(ws, file)).mode & 0o777, 0o640);
      assert.deepEqual(fs.readdirSync(ws).sort(), ['a.kpi.yaml', file].sort());
    });
  }

  it('writes to a device the user names, such as /dev/null, and refuses a named pipe', async function () {
    if (!fs.existsSync('/dev/null')) this.skip();
    const { ws } = layout();
    assert.deepEqual(await run(ws, 'lint', '--output-file', '/dev/null', '--as-of', '2026-11-24'), { code: 1, stdout: '', stderr: '' });
    if (spawnSync('mkfifo', [path.join(ws, 'pipe')]).status !== 0) return;
    const pipe = cliProcess(ws, 'lint', '--output-file', 'pipe', '--as-of', '2026-11-24');
    assert.deepEqual(
      { status: pipe.status, stdout: pipe.stdout, stderr: pipe.stderr },
      { status: 2, stdout: '', stderr: 'kpilens: will not write pipe: it is not a regular file\n' },
    );
  });

  it('lint --fix does not write a scorecard through a link that leads out of the workspace, and keeps a link inside it', async () => {
    const { ws, outside } = layout(FIXABLE);
    const far = path.join(outside, 'far.kpi.yaml');
    fs.writeFileSync(far, FIXABLE);
    fs.symlinkSync(far, path.join(ws, 'far.kpi.yaml'));
    const refused = await run(ws, 'lint', '--fix', 'a.kpi.yaml', 'far.kpi.yaml', '--as-of', '2026-11-24');
    assert.deepEqual(
      { code: refused.code, stderr: refused.stderr },
      { code: 2, stderr: 'kpilens: will not fix far.kpi.yaml: it leads through a symbolic link to outside the workspace (the current folder)\n' },
    );
    assert.equal(fs.readFileSync(far, 'utf8'), FIXABLE);
    assert.equal(fs.readFileSync(path.join(ws, 'a.kpi.yaml'), 'utf8'), FIXABLE, 'nothing is written when one file is refused');

    fs.rmSync(path.join(ws, 'far.kpi.yaml'));
    fs.mkdirSync(path.join(ws, 'real'));
    fs.renameSync(path.join(ws, 'a.kpi.yaml'), path.join(ws, 'real', 'a.kpi.yaml'));
    fs.symlinkSync(path.join('real', 'a.kpi.yaml'), path.join(ws, 'a.kpi.yaml'));
    const fixed = await run(ws, 'lint', '--fix', 'a.kpi.yaml', '--as-of', '2026-11-24');
    assert.equal(fixed.stderr, '');
    assert.equal(fs.readFileSync(path.join(ws, 'real', 'a.kpi.yaml'), 'utf8'), FIXED);
    assert.ok(fs.lstatSync(path.join(ws, 'a.kpi.yaml')).isSymbolicLink());
  });
});
