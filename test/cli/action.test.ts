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

function runStep(s: Step, env: Record<string, string>, prepare: (dir: string) => void = () => {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpilens-action-'));
  prepare(dir);
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
  // The runner's temporary folder is shown as $RUNNER_TEMP, so that expected lines do not depend on it.
  const read = (f: string) => (fs.existsSync(path.join(dir, f)) ? fs.readFileSync(path.join(dir, f), 'utf8').split(dir).join('$RUNNER_TEMP') : '');
  const out = {
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    log: read('log').trimEnd().split('\n'),
    body: read('body'),
    comment: read('kpilens-comment.md'),
    output: read('output'),
    summary: read('summary'),
  };
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
    assert.equal(action.inputs['sarif-file'].default, '');
    assert.equal(action.inputs['diff-file'].default, '');
    assert.equal(action.outputs['sarif-file'].value, '${{ steps.lint.outputs.sarif-file }}');
    assert.equal(action.outputs['exit-code'].value, '${{ steps.lint.outputs.exit-code }}');
  });

  it("runs the packed CLI on the job's own Node: it installs, builds and sets up nothing", () => {
    assert.deepEqual(
      action.runs.steps.filter((x) => x.uses).map((x) => x.uses),
      [],
      'no actions/setup-node, which would change the Node of the rest of the job',
    );
    for (const x of action.runs.steps) assert.doesNotMatch(x.run ?? '', /\bnpm\b|\bnpx\b|esbuild/, x.name);
    for (const x of action.runs.steps.filter((y) => /\$KPILENS/.test(y.run ?? '')))
      assert.equal(x.env?.KPILENS, '${{ github.action_path }}/dist/cli.js', x.name);
  });

  describe('the step that finds kpilens and Node', () => {
    // The step runs in a temporary folder, where KPILENS names the packed CLI.
    const withCli = (dir: string) => fs.writeFileSync(path.join(dir, 'cli.js'), '');
    const here = { KPILENS: 'cli.js' };

    it('says which kpilens runs on which Node', () => {
      const r = runStep(step('cli'), here, withCli);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, 'kpilens 0.1.0 on Node v24.11.0\n');
    });

    it('stops with a message on a ref without the packed CLI', () => {
      const r = runStep(step('cli'), { KPILENS: '/nowhere/dist/cli.js' });
      assert.equal(r.status, 1);
      assert.match(
        r.stdout,
        /^::error title=kpilens::This version of the kpilens action has no packed CLI \(dist\/cli\.js\): use a release tag, such as kpilens\/kpilens@v0\.1\.0\.$/m,
      );
    });

    it("stops with a message when the job's Node is too old", () => {
      const r = runStep(step('cli'), { ...here, STUB_NODE_TOO_OLD: '1', STUB_NODE_VERSION: 'v18.20.0' }, withCli);
      assert.equal(r.status, 1);
      assert.match(
        r.stdout,
        /^::error title=kpilens::kpilens needs Node\.js 20\.19, 22\.12 or 24 and later; this job has v18\.20\.0\. Add actions\/setup-node before the kpilens step\.$/m,
      );
    });

    it("accepts exactly the Node versions of package.json's engines", () => {
      const check = /node -e '([^']+)'/.exec(step('cli').run!)![1];
      const accepts = (v: string) =>
        spawnSync(process.execPath, ['-e', `Object.defineProperty(process.versions, 'node', { value: '${v}' });\n${check}`]).status === 0;
      const versions = ['18.20.4', '20.18.1', '20.19.0', '21.7.3', '22.11.0', '22.12.0', '23.11.0', '24.0.0', '26.1.0'];
      assert.deepEqual(versions.filter(accepts), ['20.19.0', '22.12.0', '24.0.0', '26.1.0']);
      const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { engines: { node: string } };
      assert.equal(pkg.engines.node, '^20.19.0 || ^22.12.0 || >=24.0.0');
    });
  });

  it('gives the token only to the step that comments, which runs no kpilens', () => {
    const withToken = action.runs.steps.filter((x) => Object.values(x.env ?? {}).some((v) => v.includes('inputs.token')));
    assert.deepEqual(
      withToken.map((x) => x.id),
      ['comment'],
    );
    assert.doesNotMatch(step('comment').run!, /\$KPILENS\b|\bnode\b/);
    for (const x of action.runs.steps.filter((y) => /\$KPILENS/.test(y.run ?? ''))) assert.ok(!withToken.includes(x), x.name);
  });

  describe('lint step', () => {
    const report = '**kpilens**: 1 error in 2 scorecards.\n';

    it("lints once: annotations on stdout, SARIF to the runner's temporary folder and a summary, and the exit code of lint", () => {
      const r = runStep(step('lint'), {
        INPUT_PATHS: 'strategy\nteams/a.kpi.yaml',
        INPUT_AS_OF: '2026-11-25',
        INPUT_BASELINE: '',
        INPUT_SARIF_FILE: '',
        STUB_LINT_EXIT: '1',
        STUB_OUTPUT: report,
      });
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(r.log, [
        'node [/action/dist/cli.js] [lint] [--as-of] [2026-11-25] [--format] [github] [--report] [sarif:$RUNNER_TEMP/kpilens.sarif] [--report] [markdown:$RUNNER_TEMP/kpilens-lint.md] [--] [strategy] [teams/a.kpi.yaml]',
      ]);
      assert.equal(r.output, 'sarif-file=$RUNNER_TEMP/kpilens.sarif\nexit-code=1\n');
      assert.equal(r.summary, report);
    });

    it('takes one path per line, whatever it holds: spaces, quotes, a leading dash or !, CRLF line ends', () => {
      const paths = 'Strategy 2027/\r\n\n  \nteam \'a\' "b".kpi.yaml\r\n-odd.kpi.yaml\n!Strategy 2027/drafts\n$(touch pwned)';
      const r = runStep(step('lint'), { INPUT_PATHS: paths, INPUT_AS_OF: '', INPUT_BASELINE: '', INPUT_SARIF_FILE: 'reports/kpilens sarif.json' });
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(r.log, [
        'node [/action/dist/cli.js] [lint] [--format] [github] [--report] [sarif:reports/kpilens sarif.json] [--report] [markdown:$RUNNER_TEMP/kpilens-lint.md] [--] [Strategy 2027/] [team \'a\' "b".kpi.yaml] [-odd.kpi.yaml] [!Strategy 2027/drafts] [$(touch pwned)]',
      ]);
      assert.equal(r.output, 'sarif-file=reports/kpilens sarif.json\nexit-code=0\n');
    });

    it('passes a baseline, and no paths when none are given', () => {
      const r = runStep(step('lint'), { INPUT_PATHS: '', INPUT_AS_OF: '', INPUT_BASELINE: '.kpilens-baseline.json', INPUT_SARIF_FILE: 'out.sarif' });
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(r.log, [
        'node [/action/dist/cli.js] [lint] [--baseline] [.kpilens-baseline.json] [--format] [github] [--report] [sarif:out.sarif] [--report] [markdown:$RUNNER_TEMP/kpilens-lint.md] [--]',
      ]);
      assert.equal(r.output, 'sarif-file=out.sarif\nexit-code=0\n');
    });
  });

  describe('diff step', () => {
    const env = { INPUT_AS_OF: '', INPUT_DIFF_PATH: '.', INPUT_DIFF_FILE: '', BASE_SHA: 'abc123', STUB_OUTPUT: '<!-- kpilens-diff -->\n## kpilens diff\n' };

    it('runs only on pull requests, when asked', () => {
      assert.equal(step('diff').if, "inputs.diff == 'true' && github.event.pull_request.number");
    });

    it("fetches the base commit of a shallow checkout, writes the report to the runner's temporary folder and the summary, and hands the comment on", () => {
      const r = runStep(step('diff'), { ...env, STUB_HAS_BASE: '1' });
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(r.log, [
        'git [cat-file] [-e] [abc123^{commit}]',
        'git [fetch] [--no-tags] [--depth=1] [origin] [abc123]',
        'node [/action/dist/cli.js] [diff] [--git] [abc123] [.] [--format] [markdown] [--output-file] [$RUNNER_TEMP/kpilens-diff.md]',
      ]);
      assert.equal(r.summary, env.STUB_OUTPUT);
      assert.equal(r.output, 'file=$RUNNER_TEMP/kpilens-diff.md\ncomment=$RUNNER_TEMP/kpilens-comment.md\n');
    });

    it('writes the report where diff-file says', () => {
      const r = runStep(step('diff'), { ...env, INPUT_DIFF_FILE: 'kpilens-diff.md', INPUT_AS_OF: '2026-11-25' });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(
        r.log[1],
        'node [/action/dist/cli.js] [diff] [--git] [abc123] [.] [--as-of] [2026-11-25] [--format] [markdown] [--output-file] [kpilens-diff.md]',
      );
      assert.equal(r.output, 'file=kpilens-diff.md\ncomment=$RUNNER_TEMP/kpilens-comment.md\n');
    });

    it('cuts a report too long for a comment at a line end', () => {
      const long = `${'- KPI x: owner a → b.\n'.repeat(4000)}`;
      const r = runStep(step('diff'), { ...env, STUB_OUTPUT: long });
      assert.equal(r.status, 0, r.stderr);
      assert.ok(r.comment.length < 60100);
      assert.match(r.comment, /\.\n\n… cut here: the full report is in the job summary\.\n$/);
      assert.equal(r.summary, long);
    });

    it('warns and goes on when the diff cannot be made, and hands no comment on', () => {
      const failed = runStep(step('diff'), { ...env, STUB_DIFF_EXIT: '2' });
      assert.equal(failed.status, 0);
      assert.match(failed.stdout, /^::warning title=kpilens::The strategy diff could not be made/m);
      assert.equal(failed.output, '');
    });
  });

  describe('comment step', () => {
    const marker = '<!-- kpilens-diff -->';
    const comments = (...list: [number, string, string][]) => JSON.stringify(list.map(([id, login, body]) => ({ id, user: { login }, body })));
    /** Runs the step with the body of a comment in the temporary folder, as the diff step leaves it. */
    const comment = (env: Record<string, string>) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpilens-action-'));
      const file = path.join(dir, 'kpilens-comment.md');
      fs.writeFileSync(file, `${marker}\n## kpilens diff\n`);
      const r = runStep(step('comment'), { PR_NUMBER: '7', GH_TOKEN: 't', COMMENT_FILE: file, ...env });
      fs.rmSync(dir, { recursive: true, force: true });
      return r;
    };
    const hasJq = spawnSync('jq', ['--version']).status === 0;

    it('runs when the diff step made a report', () => {
      assert.equal(step('comment').if, "steps.diff.outputs.comment != ''");
    });

    it("posts a new comment, looking for an earlier one of the token's user (github-actions[bot] for the default token)", () => {
      const r = comment({});
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(r.log.slice(0, 2), [
        'gh [api] [user] [--jq] [.login]',
        'gh [api] [repos/acme/strategy/issues/7/comments] [--paginate] [--jq] [.[] | select(.user.login == env.KPILENS_LOGIN and (.body | startswith(env.KPILENS_MARKER))) | .id]',
      ]);
      assert.equal(r.log.length, 3);
      assert.match(r.log[2], /^gh \[api\] \[--method\] \[POST\] \[repos\/acme\/strategy\/issues\/7\/comments\] \[-F\] \[body=@.*\/kpilens-comment\.md\]$/);
      assert.equal(r.body, `${marker}\n## kpilens diff\n`);
    });

    it("updates the earlier comment of the token's user, not one that someone else posted with the marker first", function () {
      if (!hasJq) this.skip();
      const list = comments([1, 'mallory', `${marker}\nfake`], [2, 'github-actions[bot]', `${marker}\nold`], [3, 'kpilens-bot', `${marker}\nold`]);
      const byDefaultToken = comment({ STUB_COMMENTS: list });
      assert.equal(byDefaultToken.status, 0, byDefaultToken.stderr);
      assert.match(byDefaultToken.log[2], /^gh \[api\] \[--method\] \[PATCH\] \[repos\/acme\/strategy\/issues\/comments\/2\] \[-F\] \[body=@/);
      const byUserToken = comment({ STUB_COMMENTS: list, STUB_LOGIN: 'kpilens-bot' });
      assert.match(byUserToken.log[2], /^gh \[api\] \[--method\] \[PATCH\] \[repos\/acme\/strategy\/issues\/comments\/3\] \[-F\] \[body=@/);
      const onlyOthers = comment({ STUB_COMMENTS: comments([1, 'mallory', `${marker}\nfake`], [4, 'github-actions[bot]', 'no marker']) });
      assert.match(onlyOthers.log[2], /^gh \[api\] \[--method\] \[POST\] /);
    });

    it('warns and goes on when the comment cannot be posted', () => {
      const readOnly = comment({ STUB_GH_EXIT: '1' });
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
    const workflow = parse(/```yaml\n([\s\S]*?)```/.exec(doc)![1]) as {
      jobs: Record<string, { steps: { id?: string; uses?: string; with?: Record<string, unknown> }[] }>;
    };
    const own = workflow.jobs.kpilens.steps.find((s) => s.uses?.startsWith('kpilens/kpilens@'))!;
    for (const key of Object.keys(own.with ?? {})) assert.ok(key in action.inputs, key);
    assert.equal(own.uses, 'kpilens/kpilens@v0.1.0', 'the docs recommend a release tag');
    const upload = workflow.jobs.kpilens.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    assert.equal(upload.with?.sarif_file, own.with?.['sarif-file'] ?? `\${{ steps.${own.id}.outputs.sarif-file }}`);
    const documented = [...doc.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]);
    assert.deepEqual(documented, Object.keys(action.inputs));
  });
});
