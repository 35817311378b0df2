import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RULES } from '../../server/src/engine';
import { main } from '../../server/src/cli/main';

const repo = path.join(__dirname, '..', '..');

/** Runs the CLI in-process in a folder; returns exit code and output. */
async function run(cwd: string, ...argv: string[]) {
  return runWithStdin(cwd, '', ...argv);
}

/** The same, with `stdin` as standard input. */
async function runWithStdin(cwd: string, stdin: string, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    cwd,
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    color: false,
    version: '0.0.0-test',
    readStdin: async () => stdin,
  });
  return { code, stdout, stderr };
}

/** The files a json report names, sorted. */
function filesOf(stdout: string): string[] {
  return [...new Set((JSON.parse(stdout) as { file: string }[]).map((f) => f.file))].sort();
}

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpilens-cli-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const ROOT = `kpilens: 1
scorecard:
  id: company
  owner: ceo
vision:
  statement: Be trusted.
  values: [trust]
objectives:
  - id: trusted
    title: Trusted
    supports: [vision]
`;
const TEAM = `kpilens: 1
scorecard:
  id: team
  parent: company
objectives:
  - id: safe
    title: Safe
    supports: [company/trusted, company/trustd]
`;

describe('kpilens lint', () => {
  it('prints json with exactly the documented keys, 1-based ranges and the path as given', async () => {
    const dir = workspace({ 'company.kpi.yaml': ROOT, 'teams/team.kpi.yaml': TEAM });
    const r = await run(dir, 'lint', '.', '--format', 'json', '--as-of', '2026-11-24');
    assert.equal(r.stderr, '');
    const out = JSON.parse(r.stdout) as Record<string, unknown>[];
    const ref = out.find((f) => f.rule === 'unresolved-ref')!;
    assert.deepEqual(ref, {
      file: path.join('teams', 'team.kpi.yaml'),
      line: 8,
      column: 33,
      endLine: 8,
      endColumn: 47,
      rule: 'unresolved-ref',
      severity: 'error',
      message: 'Unresolved reference "company/trustd" in `supports` of "safe": no objective "trustd" in scorecard "company". Did you mean "company/trusted"?',
    });
    for (const f of out) assert.deepEqual(Object.keys(f), ['file', 'line', 'column', 'endLine', 'endColumn', 'rule', 'severity', 'message']);
    assert.equal(r.code, 1);
  });

  it('lints a named file in the context of its folder, and reports only that file', async () => {
    const dir = workspace({ 'company.kpi.yaml': ROOT, 'team.kpi.yaml': TEAM.replace(', company/trustd', '') });
    const r = await run(dir, 'lint', 'team.kpi.yaml', '--format', 'json', '--as-of', '2026-11-24');
    const out = JSON.parse(r.stdout) as { file: string; rule: string }[];
    assert.ok(out.every((f) => f.file === 'team.kpi.yaml'));
    assert.ok(!out.some((f) => f.rule === 'unresolved-ref'));
  });

  it('sorts findings by file, line and column', async () => {
    const dir = workspace({ 'b.kpi.yaml': 'kpilens: 1\nscorecard: {id: b}\nfoo: 1\nbar: 2\n', 'a.kpi.yaml': 'kpilens: 1\nscorecard: {id: a}\nzed: 1\n' });
    const out = JSON.parse((await run(dir, 'lint', '--format', 'json', '--as-of', '2026-11-24')).stdout) as { file: string; line: number; column: number }[];
    const keys = out.map((f) => [f.file, f.line, f.column] as const);
    const sorted = [...keys].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1] || x[2] - y[2]));
    assert.deepEqual(keys, sorted);
    assert.equal(out[0].file, 'a.kpi.yaml');
  });

  it('exits 0 without errors, 1 with errors, 1 over --max-warnings', async () => {
    const dir = workspace({ 'ok.kpi.yaml': 'kpilens: 1\nscorecard: {id: ok}\n' });
    const clean = await run(dir, 'lint', '--as-of', '2026-11-24', '--rules-do-not-exist');
    assert.equal(clean.code, 2);
    const warned = await run(dir, 'lint', '--as-of', '2026-11-24', '--format', 'json');
    const list = JSON.parse(warned.stdout) as { severity: string }[];
    assert.ok(list.every((f) => f.severity !== 'error'));
    assert.equal(warned.code, 0);
    const warnings = list.filter((f) => f.severity === 'warning').length;
    if (warnings > 0) assert.equal((await run(dir, 'lint', '--as-of', '2026-11-24', '--max-warnings', String(warnings - 1))).code, 1);
    assert.equal((await run(dir, 'lint', '--as-of', '2026-11-24', '--max-warnings', String(warnings))).code, 0);
  });

  it('exits 2 with one line for what it cannot run', async () => {
    const dir = workspace({ 'notes.txt': 'hello', 'ok.kpi.yaml': 'kpilens: 1\nscorecard: {id: ok}\n', 'empty/readme.md': '' });
    const cases: [string[], RegExp][] = [
      [['lint', 'missing.kpi.yaml'], /^kpilens: cannot read missing\.kpi\.yaml: no such file or folder\n$/],
      [['lint', 'empty'], /^kpilens: no \*\.kpi\.yaml file in empty\n$/],
      [['lint', '--format', 'xml'], /^kpilens: unknown format "xml"/],
      [['lint', '--as-of', '2026-02-30'], /^kpilens: --as-of must be a date written YYYY-MM-DD, not "2026-02-30"\n$/],
      [['lint', '--max-warnings', 'many'], /^kpilens: --max-warnings must be a whole number/],
      [['lint', '--nope'], /^kpilens: Unknown option '--nope'\n$/],
      [['lint', '*.nothing.kpi.yaml'], /^kpilens: no \*\.kpi\.yaml file matches/],
      [['frobnicate'], /^kpilens: unknown command "frobnicate"/],
      [['lint', '--config', 'nope.yaml'], /^kpilens: cannot read config nope\.yaml: no such file\n$/],
    ];
    for (const [argv, re] of cases) {
      const r = await run(dir, ...argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.stderr, re, argv.join(' '));
      assert.equal(r.stdout, '', argv.join(' '));
    }
  });

  it('exits 2 naming the key of a bad .kpilens.yaml', async () => {
    const dir = workspace({ 'ok.kpi.yaml': 'kpilens: 1\nscorecard: {id: ok}\n', '.kpilens.yaml': 'rules:\n  kpi-ownr: off\n' });
    const r = await run(dir, 'lint');
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'kpilens: invalid config .kpilens.yaml:2:3: Unknown rule "kpi-ownr". Did you mean "kpi-owner"?\n');
  });

  it('applies the nearest .kpilens.yaml, and --config over it', async () => {
    const card = 'kpilens: 1\nscorecard: {id: ok}\nfoo: 1\n';
    const dir = workspace({ 'ok.kpi.yaml': card, '.kpilens.yaml': 'rules:\n  schema: warning\n', 'strict.yaml': 'rules:\n  schema: error\n' });
    const rel = JSON.parse((await run(dir, 'lint', '--format', 'json')).stdout) as { rule: string; severity: string }[];
    assert.equal(rel.find((f) => f.rule === 'schema')?.severity, 'warning');
    const strict = JSON.parse((await run(dir, 'lint', '--format', 'json', '--config', 'strict.yaml')).stdout) as { rule: string; severity: string }[];
    assert.equal(strict.find((f) => f.rule === 'schema')?.severity, 'error');
  });

  it('honours .gitignore and expands globs', async () => {
    const dir = workspace({
      '.gitignore': 'drafts/\n',
      'a.kpi.yaml': 'kpilens: 1\nscorecard: {id: a}\n',
      'drafts/d.kpi.yaml': 'kpilens: 1\nscorecard: {id: d}\nbad: 1\n',
      'teams/t.kpi.yaml': 'kpilens: 1\nscorecard: {id: t}\nbad: 1\n',
    });
    const all = JSON.parse((await run(dir, 'lint', '--format', 'json')).stdout) as { file: string }[];
    assert.ok(!all.some((f) => f.file.startsWith('drafts')));
    const globbed = await run(dir, 'lint', 'teams/*.kpi.yaml', '--format', 'json', '--as-of', '2026-11-24');
    const files = new Set((JSON.parse(globbed.stdout) as { file: string }[]).map((f) => f.file));
    assert.deepEqual([...files], [path.join('teams', 't.kpi.yaml')]);
  });

  describe('file selection', () => {
    const BAD = (id: string) => `kpilens: 1\nscorecard: {id: ${id}}\nbad: 1\n`;
    const tree = () =>
      workspace({
        '.gitignore': 'drafts/\n',
        'sales.kpi.yaml': BAD('sales'),
        'sales-west.kpi.yaml': BAD('sales-west'),
        'people.kpi.yaml': BAD('people'),
        'drafts/d.kpi.yaml': BAD('d'),
        'teams/t.kpi.yaml': BAD('t'),
        'teams/.gitignore': 'old.kpi.yaml\n',
        'teams/old.kpi.yaml': BAD('old'),
      });

    it('leaves out what a ! pattern matches, and lints the rest', async () => {
      const dir = tree();
      const lint = async (...args: string[]) => filesOf((await run(dir, 'lint', '--format', 'json', '--as-of', '2026-11-24', ...args)).stdout);
      assert.deepEqual(await lint('!sales*'), ['people.kpi.yaml', path.join('teams', 't.kpi.yaml')]);
      assert.deepEqual(await lint('.', '!teams'), ['people.kpi.yaml', 'sales-west.kpi.yaml', 'sales.kpi.yaml']);
      assert.deepEqual(await lint('*.kpi.yaml', '!sales-*'), ['people.kpi.yaml', 'sales.kpi.yaml']);
      assert.deepEqual(await lint('teams', '!**/t.kpi.yaml', 'people.kpi.yaml'), ['people.kpi.yaml']);
    });

    it('keeps what it leaves out in the workspace, so that refs to it still resolve', async () => {
      const dir = workspace({ 'company.kpi.yaml': ROOT, 'teams/team.kpi.yaml': TEAM });
      const r = await run(dir, 'lint', '!company.kpi.yaml', '--format', 'json', '--as-of', '2026-11-24');
      const refs = (JSON.parse(r.stdout) as { rule: string; message: string }[]).filter((f) => f.rule === 'unresolved-ref').map((f) => f.message);
      assert.deepEqual(refs, [
        'Unresolved reference "company/trustd" in `supports` of "safe": no objective "trustd" in scorecard "company". Did you mean "company/trusted"?',
      ]);
    });

    it('says so when the exclusions leave nothing', async () => {
      const r = await run(tree(), 'lint', 'teams', '!teams/*');
      assert.deepEqual([r.code, r.stderr, r.stdout], [2, 'kpilens: no *.kpi.yaml file is left once !teams/* is excluded\n', '']);
    });

    it('honours .gitignore in globs as in folders, at every level', async () => {
      const dir = tree();
      const lint = async (...args: string[]) => filesOf((await run(dir, 'lint', '--format', 'json', '--as-of', '2026-11-24', ...args)).stdout);
      const expected = ['people.kpi.yaml', 'sales-west.kpi.yaml', 'sales.kpi.yaml', path.join('teams', 't.kpi.yaml')];
      assert.deepEqual(await lint(), expected);
      assert.deepEqual(await lint('**/*.kpi.yaml'), expected);
      assert.deepEqual(await lint('teams/*.kpi.yaml'), [path.join('teams', 't.kpi.yaml')]);
      // As a folder named on the command line is linted whatever a .gitignore above it says.
      assert.deepEqual(await lint('drafts/*.kpi.yaml'), [path.join('drafts', 'd.kpi.yaml')]);
      assert.deepEqual(await lint('drafts'), [path.join('drafts', 'd.kpi.yaml')]);
    });
  });

  describe('standard input', () => {
    it('lints a scorecard read from - in the place of the file --stdin-filename names', async () => {
      const dir = workspace({ 'company.kpi.yaml': ROOT, 'team.kpi.yaml': TEAM });
      // The text in the editor, not the one on disk: its objective supports one that does not exist.
      const text = TEAM.replace('company/trusted, company/trustd', 'company/trusted, company/gone');
      const r = await runWithStdin(dir, text, 'lint', '-', '--stdin-filename', 'team.kpi.yaml', '--format', 'json', '--as-of', '2026-11-24');
      const refs = (JSON.parse(r.stdout) as { file: string; rule: string; message: string }[]).filter((f) => f.rule === 'unresolved-ref');
      assert.deepEqual(
        refs.map((f) => [f.file, f.message]),
        [['team.kpi.yaml', 'Unresolved reference "company/gone" in `supports` of "safe": no objective "gone" in scorecard "company".']],
      );
      assert.deepEqual(filesOf(r.stdout), ['team.kpi.yaml'], 'only the scorecard read is reported');
      assert.equal(fs.readFileSync(path.join(dir, 'team.kpi.yaml'), 'utf8'), TEAM);
    });

    it('lints it alone, as <stdin>, without --stdin-filename', async () => {
      const dir = workspace({ 'company.kpi.yaml': ROOT });
      const r = await runWithStdin(dir, TEAM, 'lint', '-', '--format', 'json', '--as-of', '2026-11-24');
      const out = JSON.parse(r.stdout) as { file: string; rule: string; message: string }[];
      assert.deepEqual(filesOf(r.stdout), ['<stdin>']);
      assert.ok(out.some((f) => f.message === 'Unresolved parent "company": no scorecard has this id.'));
    });

    it('--fix-dry-run reports what --fix would leave and writes nothing, also for standard input', async () => {
      const card = 'kpilens: 1\nscorecard: {id: a}\n# kpilens-disable-next-line schema\nkpis: []\n';
      const dir = workspace({ 'a.kpi.yaml': card });
      const before = JSON.parse((await run(dir, 'lint', '--format', 'json', '--as-of', '2026-11-24')).stdout) as { rule: string }[];
      assert.ok(before.some((f) => f.rule === 'unused-suppression'));
      for (const r of [
        await run(dir, 'lint', '--fix-dry-run', '--format', 'json', '--as-of', '2026-11-24'),
        await runWithStdin(dir, card, 'lint', '-', '--fix-dry-run', '--format', 'json', '--as-of', '2026-11-24'),
      ]) {
        assert.equal(r.code, 0, r.stderr);
        assert.ok(!(JSON.parse(r.stdout) as { rule: string }[]).some((f) => f.rule === 'unused-suppression'));
      }
      assert.equal(fs.readFileSync(path.join(dir, 'a.kpi.yaml'), 'utf8'), card);
    });

    it('refuses what cannot go with it', async () => {
      const dir = workspace({ 'a.kpi.yaml': 'kpilens: 1\nscorecard: {id: a}\n' });
      const cases: [string[], string][] = [
        [['lint', '-', 'a.kpi.yaml'], 'kpilens: - (standard input) is the only path of a run that reads it\n'],
        [['lint', '--stdin-filename', 'a.kpi.yaml'], 'kpilens: --stdin-filename names the scorecard read from standard input: add - to read it\n'],
        [['lint', '-', '--fix'], 'kpilens: --fix cannot write a scorecard read from standard input; --fix-dry-run shows what it would leave\n'],
        [['lint', '--fix', '--fix-dry-run'], 'kpilens: --fix and --fix-dry-run exclude each other\n'],
      ];
      for (const [argv, message] of cases)
        assert.deepEqual(await runWithStdin(dir, 'kpilens: 1\n', ...argv), { code: 2, stdout: '', stderr: message }, argv.join(' '));
    });

    it('reads standard input as a process', () => {
      const dir = workspace({ 'company.kpi.yaml': ROOT });
      const r = spawnSync(
        process.execPath,
        [
          '--require',
          require.resolve('tsx/cjs'),
          path.join(repo, 'server/src/cli/main.ts'),
          'lint',
          '-',
          '--stdin-filename',
          'team.kpi.yaml',
          '--format',
          'json',
          '--as-of',
          '2026-11-24',
        ],
        { cwd: dir, input: TEAM, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
      );
      assert.equal(r.status, 1, r.stderr);
      assert.deepEqual(filesOf(r.stdout), ['team.kpi.yaml']);
    });
  });

  it('--print-config prints the settings of every rule for a scorecard, and the file they come from', async () => {
    const dir = workspace({
      'teams/.kpilens.yaml': 'rules:\n  kpi-owner: off\n  owner-load: { max: 7 }\n',
      'teams/t.kpi.yaml': 'kpilens: 1\nscorecard: {id: t}\n',
    });
    const r = await run(dir, 'lint', '--print-config', 'teams/t.kpi.yaml');
    assert.equal(r.code, 0);
    const out = JSON.parse(r.stdout) as { file: string; config: string | null; rules: Record<string, unknown> };
    assert.equal(out.file, 'teams/t.kpi.yaml');
    assert.equal(out.config, path.join('teams', '.kpilens.yaml'));
    assert.deepEqual(out.rules['kpi-owner'], { severity: 'off' });
    assert.deepEqual(out.rules['owner-load'], { severity: 'warning', options: { max: 7 } });
    assert.deepEqual(out.rules['unresolved-ref'], { severity: 'error' });
    assert.equal(Object.keys(out.rules).length, RULES.length);
    const none = JSON.parse((await run(dir, 'lint', '--print-config', 'other.kpi.yaml')).stdout) as { config: string | null; rules: Record<string, unknown> };
    assert.deepEqual([none.config, none.rules['kpi-owner']], [null, { severity: 'warning' }]);
    fs.writeFileSync(path.join(dir, 'teams', '.kpilens.yaml'), 'rules:\n  kpi-ownr: off\n');
    const bad = await run(dir, 'lint', '--print-config', 'teams/t.kpi.yaml');
    assert.deepEqual(
      [bad.code, bad.stderr],
      [2, `kpilens: invalid config ${path.join('teams', '.kpilens.yaml')}:2:3: Unknown rule "kpi-ownr". Did you mean "kpi-owner"?\n`],
    );
  });

  it('says why --max-warnings fails the run, on stderr', async () => {
    const dir = workspace({ 'company.kpi.yaml': ROOT, 'teams/team.kpi.yaml': TEAM.replace(', company/trustd', '') });
    const r = await run(dir, 'lint', '--format', 'json', '--as-of', '2026-11-24');
    const warnings = (JSON.parse(r.stdout) as { severity: string }[]).filter((f) => f.severity === 'warning').length;
    assert.equal(r.code, 0);
    assert.ok(warnings >= 2, `${warnings} warnings`);
    const over = await run(dir, 'lint', '--format', 'json', '--as-of', '2026-11-24', '--max-warnings', String(warnings - 1));
    assert.equal(over.code, 1);
    assert.equal(over.stderr, `kpilens: ${warnings} warnings, more than the ${warnings - 1} that --max-warnings allows.\n`);
    assert.deepEqual(JSON.parse(over.stdout), JSON.parse(r.stdout));
    assert.equal((await run(dir, 'lint', '--as-of', '2026-11-24', '--max-warnings', String(warnings))).stderr, '');
  });

  it('--report writes more formats from the same run, each as its own run would', async () => {
    const dir = workspace({ 'company.kpi.yaml': ROOT, 'teams/team.kpi.yaml': TEAM, 'out/.keep': '' });
    const single = async (format: string) => (await run(dir, 'lint', '--format', format, '--as-of', '2026-11-24')).stdout;
    const again = await run(
      dir,
      'lint',
      '--format',
      'github',
      '--as-of',
      '2026-11-24',
      '--report',
      'sarif:out/kpilens.sarif',
      '--report',
      'markdown:summary with spaces.md',
    );
    assert.equal(again.code, 1);
    assert.equal(again.stdout, await single('github'));
    assert.equal(fs.readFileSync(path.join(dir, 'out', 'kpilens.sarif'), 'utf8'), await single('sarif'));
    assert.equal(fs.readFileSync(path.join(dir, 'summary with spaces.md'), 'utf8'), await single('markdown'));
    for (const bad of ['sarif', 'sarif:', ':x.sarif', 'xml:x.xml']) {
      const r = await run(dir, 'lint', '--report', bad);
      assert.equal(r.code, 2, bad);
      assert.match(r.stderr, /^kpilens: (--report takes a format and a file, as in sarif:kpilens\.sarif, not "|unknown format "xml")/, bad);
    }
  });

  it('writes --output-file and prints stylish without colour when not a terminal', async () => {
    const dir = workspace({ 'a.kpi.yaml': 'kpilens: 1\nscorecard: {id: a}\nbad: 1\n' });
    const r = await run(dir, 'lint', '--output-file', 'out.txt', '--as-of', '2026-11-24');
    assert.equal(r.stdout, '');
    const text = fs.readFileSync(path.join(dir, 'out.txt'), 'utf8');
    assert.match(text, /^\na\.kpi\.yaml\n/);
    assert.match(text, /^ {2}3:1 +error +Unknown key `bad` in the scorecard\..* schema$/m);
    assert.doesNotMatch(text, /\u001b\[/);
    assert.match(text, /✖ \d+ problems? \(1 error, \d+ warnings?/);
  });

  it('shows control characters from scorecards as escapes, not terminal commands', async () => {
    const dir = workspace({ 'a.kpi.yaml': 'kpilens: 1\nscorecard: {id: a}\n"evil\\u001b[31mred\\u202e": 1\n' });
    const r = await run(dir, 'lint', '--as-of', '2026-11-24');
    assert.doesNotMatch(r.stdout, /\u001b|\u202e/);
    assert.match(r.stdout, /evil\\u\{1b\}\[31mred\\u\{202e\}/);
  });

  it('--fix applies fixes, rewrites the file and reports what is left', async () => {
    const dir = workspace({ 'a.kpi.yaml': 'kpilens: 1\nscorecard: {id: a}\n# kpilens-disable-next-line schema\nkpis: []\n' });
    const r = await run(dir, 'lint', '--fix', '--format', 'json', '--as-of', '2026-11-24');
    assert.equal(fs.readFileSync(path.join(dir, 'a.kpi.yaml'), 'utf8'), 'kpilens: 1\nscorecard: {id: a}\nkpis: []\n');
    assert.ok(!(JSON.parse(r.stdout) as { rule: string }[]).some((f) => f.rule === 'unused-suppression'));
  });

  it('runs as a process: --version, --help, and no stack trace for bad input', () => {
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['--require', 'tsx/cjs', path.join(repo, 'server/src/cli/main.ts'), ...args], {
        cwd: repo,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
    const v = cli('--version');
    assert.equal(v.status, 0);
    assert.match(v.stdout, /^\d+\.\d+\.\d+\n$/);
    const h = cli('lint', '--help');
    assert.equal(h.status, 0);
    assert.match(h.stdout, /Usage: kpilens lint/);
    const bad = cli('lint', 'does-not-exist');
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr, 'kpilens: cannot read does-not-exist: no such file or folder\n');
  });

  it('accepts every documented --format', async () => {
    const dir = workspace({ 'a.kpi.yaml': 'kpilens: 1\nscorecard: {id: a}\nbad: 1\n' });
    for (const format of ['stylish', 'json', 'sarif', 'github', 'junit', 'markdown']) {
      const r = await run(dir, 'lint', '--format', format, '--as-of', '2026-11-24');
      assert.equal(r.code, 1, format);
      assert.equal(r.stderr, '', format);
      assert.match(r.stdout, /bad/, format);
    }
  });

  it('--baseline reports and fails only on findings that are new', async () => {
    const dir = workspace({ 'a.kpi.yaml': 'kpilens: 1\nscorecard: {id: a}\nbad: 1\n' });
    assert.equal((await run(dir, 'lint', '--format', 'json', '--output-file', 'baseline.json', '--as-of', '2026-11-24')).code, 1);
    const same = await run(dir, 'lint', '--format', 'json', '--baseline', 'baseline.json', '--as-of', '2026-11-24');
    assert.deepEqual(JSON.parse(same.stdout), []);
    assert.equal(same.code, 0);
    fs.writeFileSync(path.join(dir, 'a.kpi.yaml'), 'kpilens: 1\nscorecard: {id: a}\nbad: 1\nworse: 2\n');
    const more = await run(dir, 'lint', '--format', 'json', '--baseline', 'baseline.json', '--as-of', '2026-11-24');
    assert.deepEqual(
      (JSON.parse(more.stdout) as { line: number; rule: string }[]).map((f) => `${f.line} ${f.rule}`),
      ['4 schema'],
    );
    assert.equal(more.code, 1);
    const missing = await run(dir, 'lint', '--baseline', 'nope.json');
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'kpilens: cannot read baseline nope.json: no such file\n');
  });
});
