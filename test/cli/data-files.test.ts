import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliProcess } from '../helpers/cli-process';
import { OK_VALUE, refusal, SECRET_VALUE, writeHostileData } from '../helpers/hostile-data';
import type { HostileData } from '../helpers/hostile-data';

interface JsonFinding {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  message: string;
}

/** `line:column-endLine:endColumn message` of the unresolved-ref findings. */
function refs(findings: JsonFinding[]): string[] {
  return findings.filter((f) => f.rule === 'unresolved-ref').map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.message}`);
}

/** What lint must say of the layout: one finding on each refused `csv` value (1-based, end exclusive). */
function expected(d: HostileData): string[] {
  return d.cases
    .filter((c) => c.refused)
    .map((c) => {
      const value = JSON.stringify(c.csv);
      const at = d.text.indexOf(value, d.text.indexOf(`id: ${c.id}\n`));
      const line = d.text.slice(0, at).split('\n').length;
      const column = at - d.text.lastIndexOf('\n', at - 1);
      return `${line}:${column}-${line}:${column + value.length} ${refusal(c)}`;
    });
}

const temps: string[] = [];
after(() => {
  for (const t of temps) fs.rmSync(t, { recursive: true, force: true });
});

function layout(workspace: string): HostileData {
  const d = writeHostileData(workspace);
  temps.push(d.parent);
  return d;
}

describe('data files named by scorecards', () => {
  it('lint reads only regular files inside the workspace, under 10 MB, and reports every other one on its csv value', () => {
    const d = layout('the current folder');
    const r = cliProcess(d.ws, 'lint', '--format', 'json', '--as-of', '2026-11-24');
    assert.equal(r.stderr, '');
    assert.deepEqual(refs(JSON.parse(r.stdout) as JsonFinding[]), expected(d));
  });

  it('lint: the workspace is the git repository of each path, or outside one the folder it names', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpilens-roots-'));
    temps.push(dir);
    const scorecard =
      'kpilens: 1\nscorecard:\n  id: t\nkpis:\n  - id: k\n    name: K\n    data: { csv: ../data/k.csv, column: v }\n  - id: far\n    name: Far\n    data: { csv: ../../far.csv, column: v }\n';
    for (const base of ['plain', 'repo']) {
      fs.mkdirSync(path.join(dir, base, 'teams'), { recursive: true });
      fs.mkdirSync(path.join(dir, base, 'data'));
      fs.writeFileSync(path.join(dir, base, 'teams', 't.kpi.yaml'), scorecard);
      fs.writeFileSync(path.join(dir, base, 'data', 'k.csv'), 'date,v\n2026-01-05,1\n');
    }
    fs.writeFileSync(path.join(dir, 'far.csv'), 'date,v\n2026-01-05,1\n');
    fs.mkdirSync(path.join(dir, 'repo', '.git'));
    const messages = (cwd: string, ...paths: string[]) =>
      refs(JSON.parse(cliProcess(cwd, 'lint', ...paths, '--format', 'json', '--as-of', '2026-11-24').stdout) as JsonFinding[]).map((s) =>
        s.replace(/^\S+ /, ''),
      );
    const far = (where: string) => `The data file "../../far.csv" of KPI "far" is not read: it is outside the workspace (${where}).`;
    assert.deepEqual(messages(path.join(dir, 'repo'), 'teams'), [far('the git repository of the current folder')]);
    assert.deepEqual(messages(path.join(dir, 'repo', 'teams')), [far('the git repository of the current folder')]);
    assert.deepEqual(messages(dir, 'repo/teams'), [far('the git repository at "repo"')]);
    assert.deepEqual(messages(path.join(dir, 'plain'), 'teams'), [
      'The data file "../data/k.csv" of KPI "k" is not read: it is outside the workspace (the folder "teams").',
      far('the folder "teams"'),
    ]);
    assert.deepEqual(messages(path.join(dir, 'plain'), 'teams', '.'), [far('the folder "teams" and the current folder')]);
  });

  it('preview shows the values of readable files only, and the finding on the others', () => {
    const d = layout('the current folder');
    const r = cliProcess(d.ws, 'preview', '--out', 'p.html', '--as-of', '2026-11-24');
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    const html = fs.readFileSync(path.join(d.ws, 'p.html'), 'utf8');
    assert.match(html, new RegExp(`: ${OK_VALUE} on 2026-01-05`));
    assert.doesNotMatch(html, new RegExp(SECRET_VALUE));
    assert.match(
      html,
      /unresolved-ref: The data file "\.\.\/outside\/secret\.csv" of KPI "up" is not read: it is outside the workspace \(the current folder\)\.</,
    );
  });

  it('diff: a folder side reads data files as lint does, a git side only from its own repository and under 10 MB', () => {
    const d = layout('the folder "ws"');
    fs.mkdirSync(path.join(d.parent, 'empty'));
    fs.writeFileSync(path.join(d.parent, 'empty', 'data.kpi.yaml'), 'kpilens: 1\nscorecard:\n  id: data\n');
    const folders = cliProcess(d.parent, 'diff', 'empty', 'ws', '--format', 'json', '--as-of', '2026-11-24');
    assert.equal(folders.stderr, '');
    const introduced = (JSON.parse(folders.stdout) as { scorecards: { introduced: JsonFinding[] }[] }).scorecards[0].introduced;
    assert.deepEqual(refs(introduced), expected(d));

    const git = (...args: string[]) => execFileSync('git', args, { cwd: d.ws, stdio: 'ignore' });
    git('init', '-q');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'add', 'data.kpi.yaml', 'data/big.csv', 'data/ok.csv');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'data');
    fs.writeFileSync(path.join(d.ws, 'data.kpi.yaml'), 'kpilens: 1\nscorecard:\n  id: data\n');
    const revision = cliProcess(d.ws, 'diff', '--git', 'HEAD', '--format', 'json', '--as-of', '2026-11-24');
    assert.equal(revision.stderr, '');
    const resolved = (JSON.parse(revision.stdout) as { scorecards: { resolved: JsonFinding[] }[] }).scorecards[0].resolved;
    // A revision holds what was committed: links, the pipe and the folder were not. Its workspace is the repository.
    const unreadable = (id: string, csv: string) => `The data file "${csv}" of KPI "${id}" cannot be read (the path is relative to this scorecard).`;
    const inRevision = d.cases.flatMap((c) => {
      if (c.id === 'ok') return [];
      if (c.id === 'up' || c.id === 'absolute') return [refusal({ ...c, refused: 'it is outside the workspace (the git repository)' })];
      if (c.id === 'big') return [refusal(c)];
      return [unreadable(c.id, c.csv)];
    });
    assert.deepEqual(
      refs(resolved).map((s) => s.replace(/^\S+ /, '')),
      inRevision,
    );
  });
});
