import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';

// The composite action's scripts run here as GitHub runs them (bash -eo pipefail), with `node`,
// `git` and `gh` replaced by stubs that log their arguments, so that the wiring is tested
// without a runner: arguments, outputs, the comment posted or updated, and the exit status.

interface Step {
  name?: string;
  id?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
}
const action = parse(fs.readFileSync(path.join(__dirname, '..', '..', 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
};
const step = (id: string) => action.runs.steps.find((s) => s.id === id || s.name === id)!;

const STUB = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'action', 'stub.sh'), 'utf8');

function runStep(s: Step, env: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpilens-action-'));
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  for (const tool of ['node', 'git', 'gh']) fs.writeFileSync(path.join(bin, tool), STUB, { mode: 0o755 });
  const files = { LOG: 'log', BODY: 'body', GITHUB_OUTPUT: 'output', GITHUB_STEP_SUMMARY: 'summary' };
  const script = path.join(dir, 'step.sh');
  fs.writeFileSync(script, s.run!);
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      PATH: `${bin}:${process.env.PATH}`,
      RUNNER_TEMP: dir,
      GITHUB_REPOSITORY: 'acme/strategy',
      KPILENS: '/action/dist/cli.js',
      ...Object.fromEntries(Object.entries(files).map(([k, f]) => [k, path.join(dir, f)])),
      ...env,
    },
  });
  const read = (f: string) => (fs.existsSync(path.join(dir, f)) ? fs.readFileSync(path.join(dir, f), 'utf8') : '');
  const out = { status: r.status, stdout: r.stdout, stderr: r.stderr, log: read('log').trimEnd().split('\n'), body: read('body'), output: read('output'), summary: read('summary') };
  fs.rmSync(dir, { recursive: true, force: true });
  return out;
}

describe('action.yml', () => {
  it('is a composite action whose scripts take inputs only from the environment', () => {
    assert.equal(action.runs.using, 'composite');
    for (const s of action.runs.steps.filter((x) => x.run)) {
      assert.equal(s.shell, 'bash', s.name);
      // A value pasted into a script with ${{ }} could inject shell code.
      assert.doesNotMatch(s.run!, /\$\{\{/, s.name);
      const check = spawnSync('bash', ['-n'], { input: s.run, encoding: 'utf8' });
      assert.equal(check.status, 0, `${s.name}: ${check.stderr}`);
    }
    assert.equal(action.inputs['sarif-file'].default, 'kpilens.sarif');
    assert.equal(action.outputs['exit-code'].value, '${{ steps.lint.outputs.exit-code }}');
    assert.match(step('Build kpilens').run!, /npm ci .*&& npm run build/);
  });

  describe('lint step', () => {
    it('writes SARIF, prints annotations, and records the exit code of lint', () => {
      const r = runStep(step('lint'), { INPUT_PATHS: 'strategy teams/a.kpi.yaml', INPUT_AS_OF: '2026-11-25', INPUT_BASELINE: '', INPUT_SARIF_FILE: 'kpilens.sarif', STUB_LINT_EXIT: '1' });
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(r.log, [
        'node [/action/dist/cli.js] [lint] [strategy] [teams/a.kpi.yaml] [--as-of] [2026-11-25] [--format] [sarif] [--output-file] [kpilens.sarif]',
        'node [/action/dist/cli.js] [lint] [strategy] [teams/a.kpi.yaml] [--as-of] [2026-11-25] [--format] [github]',
      ]);
      assert.equal(r.output, 'exit-code=1\n');
    });

    it('passes a baseline, and no paths when none are given', () => {
      const r = runStep(step('lint'), { INPUT_PATHS: '', INPUT_AS_OF: '', INPUT_BASELINE: '.kpilens-baseline.json', INPUT_SARIF_FILE: 'out.sarif' });
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(r.log, [
        'node [/action/dist/cli.js] [lint] [--baseline] [.kpilens-baseline.json] [--format] [sarif] [--output-file] [out.sarif]',
        'node [/action/dist/cli.js] [lint] [--baseline] [.kpilens-baseline.json] [--format] [github]',
      ]);
      assert.equal(r.output, 'exit-code=0\n');
    });
  });

  describe('diff step', () => {
    const env = { INPUT_AS_OF: '', INPUT_DIFF_PATH: '.', INPUT_DIFF_FILE: 'kpilens-diff.md', BASE_SHA: 'abc123', PR_NUMBER: '7', GH_TOKEN: 't', STUB_OUTPUT: '<!-- kpilens-diff -->\n## kpilens diff\n' };

    it('runs only on pull requests, when asked', () => {
      assert.equal(step('diff').if, "inputs.diff == 'true' && github.event.pull_request.number");
    });

    it('fetches the base commit of a shallow checkout, writes the summary and posts a new comment', () => {
      const r = runStep(step('diff'), { ...env, STUB_HAS_BASE: '1' });
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(r.log.slice(0, 4), [
        'git [cat-file] [-e] [abc123^{commit}]',
        'git [fetch] [--no-tags] [--depth=1] [origin] [abc123]',
        'node [/action/dist/cli.js] [diff] [--git] [abc123] [.] [--format] [markdown] [--output-file] [kpilens-diff.md]',
        'gh [api] [repos/acme/strategy/issues/7/comments] [--paginate] [--jq] [.[] | select(.body | startswith("<!-- kpilens-diff -->")) | .id]',
      ]);
      assert.equal(r.log.length, 5);
      assert.match(r.log[4], /^gh \[api\] \[--method\] \[POST\] \[repos\/acme\/strategy\/issues\/7\/comments\] \[-F\] \[body=@.*\/kpilens-comment\.md\]$/);
      assert.equal(r.body, env.STUB_OUTPUT);
      assert.equal(r.summary, env.STUB_OUTPUT);
      assert.equal(r.output, 'file=kpilens-diff.md\n');
    });

    it('updates the comment of an earlier run instead of adding one', () => {
      const r = runStep(step('diff'), { ...env, STUB_COMMENT_ID: '4242', INPUT_AS_OF: '2026-11-25' });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.log[1], 'node [/action/dist/cli.js] [diff] [--git] [abc123] [.] [--as-of] [2026-11-25] [--format] [markdown] [--output-file] [kpilens-diff.md]');
      assert.match(r.log[3], /^gh \[api\] \[--method\] \[PATCH\] \[repos\/acme\/strategy\/issues\/comments\/4242\] \[-F\] \[body=@/);
    });

    it('cuts a report too long for a comment at a line end', () => {
      const long = `${'- KPI x: owner a → b.\n'.repeat(4000)}`;
      const r = runStep(step('diff'), { ...env, STUB_OUTPUT: long });
      assert.equal(r.status, 0, r.stderr);
      assert.ok(r.body.length < 60100);
      assert.match(r.body, /\.\n\n… cut here: the full report is in the job summary\.\n$/);
      assert.equal(r.summary, long);
    });

    it('warns and goes on when the diff cannot be made or the comment cannot be posted', () => {
      const failed = runStep(step('diff'), { ...env, STUB_DIFF_EXIT: '2' });
      assert.equal(failed.status, 0);
      assert.match(failed.stdout, /^::warning title=kpilens::The strategy diff could not be made/m);
      assert.equal(failed.output, '');
      const readOnly = runStep(step('diff'), { ...env, STUB_GH_EXIT: '1' });
      assert.equal(readOnly.status, 0);
      assert.match(readOnly.stdout, /^::warning title=kpilens::Could not post the diff comment/m);
    });
  });

  it('fails the job at the end when lint found errors or could not run', () => {
    const s = step('Result');
    assert.equal(s.if, "inputs.fail-on-error == 'true' && steps.lint.outputs.exit-code != '0'");
    assert.equal(runStep(s, { CODE: '1' }).status, 1);
    assert.match(runStep(s, { CODE: '2' }).stdout, /could not run/);
  });

  it('agrees with docs/ci.md: the workflow passes only inputs the action has, and the table lists them all', () => {
    const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'ci.md'), 'utf8');
    const workflow = parse(/```yaml\n([\s\S]*?)```/.exec(doc)![1]) as { jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }> };
    const own = workflow.jobs.kpilens.steps.find((s) => s.uses?.startsWith('kpilens/kpilens@'))!;
    for (const key of Object.keys(own.with ?? {})) assert.ok(key in action.inputs, key);
    const upload = workflow.jobs.kpilens.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    assert.equal(upload.with?.sarif_file, own.with?.['sarif-file'] ?? action.inputs['sarif-file'].default);
    const documented = [...doc.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]);
    assert.deepEqual(documented, Object.keys(action.inputs));
  });
});
