import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runDiff } from '../../server/src/cli/diff';
import { runLint } from '../../server/src/cli/lint';
import { RULES } from '../../server/src/engine';

const fixtures = path.join(__dirname, '..', 'fixtures', 'diff');
const temps: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpilens-diff-'));
  temps.push(dir);
  return dir;
}

function write(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}

/** Settings that leave only the structure rules on, so that reports do not move as selection rules evolve. */
const STRUCTURE_ONLY = `rules:\n${RULES.map((r) => r.meta.id)
  .filter((id) => !['yaml-syntax', 'unresolved-ref', 'duplicate-id'].includes(id))
  .map((id) => `  ${id}: off`)
  .join('\n')}\n`;

async function run(cwd: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runDiff(args, { cwd, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('kpilens diff', () => {
  let config: string;
  before(() => {
    config = path.join(tempDir(), 'structure.kpilens.yaml');
    fs.writeFileSync(config, STRUCTURE_ONLY);
  });
  after(() => {
    for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
  });

  const sides = (name: string) => [path.join('test', 'fixtures', 'diff', name, 'before'), path.join('test', 'fixtures', 'diff', name, 'after')];
  const repo = path.join(__dirname, '..', '..');

  it('writes a pull-request comment: a summary line, then a section per scorecard', async () => {
    const r = await run(repo, ...sides('findings'), '--format', 'markdown', '--as-of', '2026-11-25', '--config', config);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    const [b, a] = sides('findings').map((s) => s.split(path.sep).join('/'));
    assert.equal(
      r.stdout,
      `<!-- kpilens-diff -->
## kpilens diff: ${b} → ${a}

**1 scorecard compared, 1 changed; items: 1 added, 1 renamed, 1 edited; links: 1 moved; findings: 1 introduced, 1 resolved.**

### lab (changed)

- KPI turnaround: cascade link moved: measures objective fast-resutls → fast-results.
- KPI retests renamed to retest-rate (nothing else changed).
- Lever automation added: "Sample automation".

**Findings introduced**

- error [unresolved-ref](https://github.com/kpilens/kpilens/blob/main/docs/rules/unresolved-ref.md) at ${a}/lab.kpi.yaml:19:16: Unresolved reference "turnarround" in \\\`improves\\\` of "automation": no KPI "turnarround". Did you mean "turnaround"?

**Findings resolved**

- error [unresolved-ref](https://github.com/kpilens/kpilens/blob/main/docs/rules/unresolved-ref.md) at ${b}/lab.kpi.yaml:11:16: Unresolved reference "fast-resutls" in \\\`objective\\\` of "turnaround": no objective "fast-resutls". Did you mean "fast-results"?
`,
    );
  });

  it('prints stylish text for a terminal by default', async () => {
    const dir = tempDir();
    write(dir, {
      'old/sales.kpi.yaml': fs.readFileSync(path.join(fixtures, 'targets', 'before', 'sales.kpi.yaml'), 'utf8'),
      'new/sales.kpi.yaml': fs
        .readFileSync(path.join(fixtures, 'targets', 'after', 'sales.kpi.yaml'), 'utf8')
        .replace('name: Win rate', 'name: "Win rate \\u001b[31m"'),
    });
    const r = await run(dir, 'old', 'new/', '--as-of', '2026-11-25', '--config', config);
    assert.equal(r.code, 0);
    assert.equal(
      r.stdout,
      `kpilens diff: old → new
1 scorecard compared, 1 changed; items: 6 edited; targets: 2 more ambitious, 1 less ambitious, 1 mixed, 2 not judged; findings: none introduced or resolved.

sales (changed)  new/sales.kpi.yaml
  ~ KPI win-rate: name "Win rate" → "Win rate \\u001b[31m".
  ~ KPI win-rate: target 45 → 40 points, later by 3 months: less ambitious (date 2027-03-31 → 2027-06-30).
  ~ KPI cycle-time: target 60 → 50 days: more ambitious.
  ~ KPI pipeline: target 3 → 4, later by 3 months: mixed, a harder value but later (date 2027-06-30 → 2027-09-30).
  ~ KPI discount: target 12 → 10 percent: ambition not judged (direction maintain).
  ~ KPI churn: target date 2027-01-15 → 2026-12-01, earlier by 45 days: more ambitious.
  ~ KPI deal-size: target (none) → 30000 by 2027-12-31.
`,
    );
  });

  it('writes the documented json', async () => {
    const r = await run(repo, ...sides('scorecards'), '--format', 'json', '--as-of', '2026-11-25', '--config', config);
    assert.equal(r.code, 0);
    const out = JSON.parse(r.stdout);
    const [b, a] = sides('scorecards').map((s) => s.split(path.sep).join('/'));
    assert.deepEqual(Object.keys(out), ['before', 'after', 'asOf', 'summary', 'scorecards']);
    assert.equal(out.asOf, '2026-11-25');
    assert.deepEqual(out.summary.scorecards, { compared: 2, added: 1, removed: 1, changed: 0 });
    assert.deepEqual(
      out.scorecards.map((s: { id: string; status: string }) => `${s.id} ${s.status}`),
      ['north removed', 'south added'],
    );
    assert.equal(out.scorecards[0].beforeFile, `${b}/north.kpi.yaml`);
    assert.equal(out.scorecards[1].afterFile, `${a}/south.kpi.yaml`);
    assert.deepEqual(out.scorecards[0].changes[1], { kind: 'removed', subject: 'kpi', id: 'north-revenue', text: 'KPI north-revenue removed: "Revenue".' });
    assert.deepEqual(out.scorecards[0].resolved, [
      {
        file: `${b}/north.kpi.yaml`,
        rule: 'unresolved-ref',
        severity: 'error',
        message: 'Unresolved parent "corp": no scorecard has this id.',
        line: 6,
        column: 11,
        endLine: 6,
        endColumn: 15,
        items: [],
      },
    ]);
  });

  it('writes --output-file', async () => {
    const out = path.join(tempDir(), 'diff.md');
    const r = await run(repo, ...sides('rename'), '--format', 'markdown', '--output-file', out, '--config', config);
    assert.equal(r.stdout, '');
    assert.match(fs.readFileSync(out, 'utf8'), /^- KPI repurchase renamed to repeat-rate \(nothing else changed\)\.$/m);
  });

  describe('--git', () => {
    let dir: string;
    const team = (owner: string, target: number) => `kpilens: 1
scorecard:
  id: team
objectives:
  - id: quality
    title: Quality
    supports: [vision]
kpis:
  - id: defects
    name: Escaped defects
    objective: quality
    owner: ${owner}
    direction: decrease
    target: { value: ${target}, by: 2027-06-30 }
    data: { csv: data/defects.csv, column: count }
`;
    before(() => {
      dir = tempDir();
      git(dir, 'init', '-q');
      git(dir, 'config', 'user.name', 'Test');
      git(dir, 'config', 'user.email', 'test@example.com');
      git(dir, 'config', 'commit.gpgsign', 'false');
      write(dir, {
        '.kpilens.yaml': STRUCTURE_ONLY,
        'strategy/team.kpi.yaml': team('qa-lead', 10),
        'strategy/data/defects.csv': 'date,count\n2026-01-05,12\n',
        'strategy/old.kpi.yaml': 'kpilens: 1\nscorecard:\n  id: old\n',
        'elsewhere/other.kpi.yaml': 'kpilens: 1\nscorecard:\n  id: other\n',
      });
      git(dir, 'add', '-A');
      git(dir, 'commit', '-q', '-m', 'first');
      write(dir, { 'strategy/team.kpi.yaml': team('eng-manager', 12) });
      git(dir, 'commit', '-q', '-am', 'second');
      // The working tree: one scorecard removed, one added and not yet committed.
      fs.rmSync(path.join(dir, 'strategy', 'old.kpi.yaml'));
      write(dir, { 'strategy/new.kpi.yaml': 'kpilens: 1\nscorecard:\n  id: new\n  parent: team\n' });
    });

    it('compares the working tree with a revision, reading data files from the revision', async () => {
      const r = await run(path.join(dir, 'strategy'), '--git', 'HEAD', '--as-of', '2026-11-25');
      assert.equal(r.stderr, '');
      assert.equal(r.code, 0);
      assert.equal(
        r.stdout,
        `kpilens diff: HEAD → working tree
3 scorecards compared, 1 added, 1 removed; findings: none introduced or resolved.

new (added)  new.kpi.yaml
  + Scorecard new added: parent team; no items.

old (removed)  HEAD:old.kpi.yaml
  - Scorecard old removed: a root scorecard; no items.
`,
      );
    });

    it('compares two revisions, limited to a path', async () => {
      const r = await run(dir, '--git', 'HEAD~1', '--git', 'HEAD', 'strategy', '--as-of', '2026-11-25');
      assert.equal(r.code, 0);
      assert.equal(
        r.stdout,
        `kpilens diff: HEAD~1 → HEAD
2 scorecards compared, 1 changed; items: 1 edited; targets: 1 less ambitious; findings: none introduced or resolved.

team (changed)  HEAD:strategy/team.kpi.yaml
  ~ KPI defects: owner qa-lead → eng-manager.
  ~ KPI defects: target 10 → 12: less ambitious.
`,
      );
    });

    it('says in one line why it cannot read a revision', async () => {
      const r = await run(dir, '--git', 'no-such-branch');
      assert.deepEqual(r, { code: 2, stdout: '', stderr: 'kpilens: cannot read git revision "no-such-branch": no such revision\n' });
      const outside = await run(tempDir(), '--git', 'HEAD');
      assert.equal(outside.code, 2);
      assert.match(outside.stderr, /^kpilens: cannot read git revision "HEAD": fatal: not a git repository[^\n]*\n$/);
      assert.equal((await run(dir, '--git=--upload-pack=x')).stderr, 'kpilens: "--upload-pack=x" is not a git revision\n');
    });
  });

  it('exits 2 with a one-line reason when it cannot run, and 0 for --help', async () => {
    const cases: [string[], string][] = [
      [['only-one'], 'kpilens: give two sides to compare, <before> and <after> (or --git <rev>); see kpilens diff --help\n'],
      [['missing', 'test'], 'kpilens: cannot read missing: no such file or folder\n'],
      [[...sides('rename'), '--format', 'sarif'], 'kpilens: unknown diff format "sarif"; use stylish, markdown, json\n'],
      [[...sides('rename'), '--as-of', '2026-02-30'], 'kpilens: --as-of must be a date written YYYY-MM-DD, not "2026-02-30"\n'],
      [[...sides('rename'), '--config', 'nope.yaml'], 'kpilens: cannot read config nope.yaml: no such file\n'],
      [['docs', 'docs'], 'kpilens: no *.kpi.yaml file on either side\n'],
      [[...sides('rename'), '--bogus'], "kpilens: Unknown option '--bogus'\n"],
    ];
    for (const [args, stderr] of cases) {
      const r = await run(repo, ...args);
      assert.deepEqual({ args, code: r.code, stdout: r.stdout, stderr: r.stderr }, { args, code: 2, stdout: '', stderr });
    }
    const help = await run(repo, '--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: kpilens diff \[options\] <before> <after>$/m);
  });

  it("agrees with kpilens lint on each scorecard's settings: the nearest .kpilens.yaml, in a sub-folder too", async () => {
    const dir = tempDir();
    git(dir, 'init', '-q');
    git(dir, 'config', 'user.name', 'Test');
    git(dir, 'config', 'user.email', 'test@example.com');
    git(dir, 'config', 'commit.gpgsign', 'false');
    const team = (kpis: string) => `kpilens: 1\nscorecard:\n  id: team\nkpis:\n${kpis}`;
    write(dir, { 'teams/.kpilens.yaml': 'rules:\n  kpi-owner: off\n', 'teams/team.kpi.yaml': team('') });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'first');
    write(dir, { 'teams/team.kpi.yaml': team('  - id: nps\n    name: Net Promoter Score\n') });
    let out = '';
    const lintCode = await runLint(['teams', '--format', 'json', '--as-of', '2026-11-25'], {
      cwd: dir,
      stdout: (s) => (out += s),
      stderr: () => {},
      color: false,
      version: '0',
    });
    assert.equal(lintCode, 0);
    const linted = (JSON.parse(out) as { rule: string }[]).map((f) => f.rule);
    assert.ok(!linted.includes('kpi-owner'), `lint: ${linted.join(', ')}`);
    const r = await run(dir, '--git', 'HEAD', '--format', 'json', '--as-of', '2026-11-25');
    assert.equal(r.code, 0, r.stderr);
    const introduced = (JSON.parse(r.stdout) as { scorecards: { introduced: { rule: string }[] }[] }).scorecards.flatMap((s) =>
      s.introduced.map((f) => f.rule),
    );
    assert.ok(!introduced.includes('kpi-owner'), `diff: ${introduced.join(', ')}`);
    assert.ok(introduced.includes('smart-target') && linted.includes('smart-target'), "both see the new KPI's other findings");
  });
});
