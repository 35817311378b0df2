'use strict';
// Diagnostics from the language server, as the vscode API holds them. The expected findings
// are those of `kpilens lint test/e2e/workspace --format json --as-of 2026-11-24`, with
// 0-based lines and characters.
const assert = require('assert');
const vscode = require('vscode');
const { skipped, waitForDiagnostics, findings, at, codeOf, openFile, workspaceFile } = require('./helpers');

const suite = skipped('diagnostics') ? describe.skip : describe;
const DOCS = 'https://github.com/kpilens/kpilens/blob/main/docs/rules/';

const TEAM = [
  'horizon-balance 7:6-7:10',
  'indicator-balance 7:6-7:10',
  'polarity-balance 7:6-7:10',
  'too-many-outputs 7:6-7:10',
  'smart-target 32:8-32:22',
  'unresolved-ref 34:15-34:52',
  'kpi-owner 45:8-45:22',
  'polarity-overuse 49:21-49:49',
  'review-overdue 53:8-53:18',
].sort();
const COMPANY = ['horizon-balance 3:6-3:13', 'indicator-balance 3:6-3:13', 'objective-without-kpi 13:8-13:22'].sort();

const same = (expected) => (list) => JSON.stringify(list.map((d) => `${codeOf(d)} ${at(d.range)}`).sort()) === JSON.stringify(expected);

suite('diagnostics', () => {
  let team;
  before(async () => {
    team = await openFile('team.kpi.yaml');
  });

  it('lists every finding of team.kpi.yaml with its rule and exact range', async () => {
    await waitForDiagnostics(team.uri, same(TEAM), 30000, 'the findings of team.kpi.yaml');
    assert.deepStrictEqual(findings(team.uri), TEAM);
  });

  it('lists the findings of company.kpi.yaml, a file that was never opened', async () => {
    const uri = workspaceFile('company.kpi.yaml');
    await waitForDiagnostics(uri, same(COMPANY), 30000, 'the findings of company.kpi.yaml');
    assert.deepStrictEqual(findings(uri), COMPANY);
  });

  it('gives an unresolved ref its source, severity, message and a link to the rule page', async () => {
    const [d] = await waitForDiagnostics(team.uri, (l) => l.some((x) => codeOf(x) === 'unresolved-ref'), 30000, 'unresolved-ref').then((l) =>
      l.filter((x) => codeOf(x) === 'unresolved-ref'),
    );
    assert.strictEqual(d.source, 'kpilens');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(team.getText(d.range), 'company-objective-that-does-not-exist');
    assert.strictEqual(
      d.message,
      'Unresolved reference "company-objective-that-does-not-exist" in `objective` of "ticket-backlog": no objective "company-objective-that-does-not-exist".',
    );
    assert.strictEqual(d.code.value, 'unresolved-ref');
    assert.strictEqual(d.code.target.toString(true), `${DOCS}unresolved-ref.md`);
  });

  it('points too-many-outputs at the KPI without a lever of its own (related information)', async () => {
    const list = await waitForDiagnostics(team.uri, (l) => l.some((x) => codeOf(x) === 'too-many-outputs'), 30000, 'too-many-outputs');
    const d = list.find((x) => codeOf(x) === 'too-many-outputs');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(d.message, '2 steered KPIs but the levers can move only 1 independently: "ticket-backlog" has no lever of its own.');
    assert.strictEqual(d.relatedInformation.length, 1);
    const [r] = d.relatedInformation;
    assert.strictEqual(r.location.uri.toString(), team.uri.toString());
    assert.strictEqual(at(r.location.range), '32:8-32:22');
    assert.strictEqual(team.getText(r.location.range), 'ticket-backlog');
    assert.strictEqual(r.message, '"ticket-backlog" has no lever of its own.');
  });

  it('counts review dates from the kpilens.asOf of the workspace settings', async () => {
    assert.strictEqual(vscode.workspace.getConfiguration('kpilens').get('asOf'), '2026-11-24');
    const list = await waitForDiagnostics(team.uri, (l) => l.some((x) => codeOf(x) === 'review-overdue'), 30000, 'review-overdue');
    assert.strictEqual(
      list.find((x) => codeOf(x) === 'review-overdue').message,
      'The monthly review of "team" is overdue: last 2026-10-20, due 2026-11-20, 4 days late as of 2026-11-24.',
    );
  });

  it('re-checks the team when its parent changes: renaming the objective it supports breaks the ref, undo mends it', async () => {
    await waitForDiagnostics(team.uri, same(TEAM), 30000, 'the findings of team.kpi.yaml before the edit');
    const company = await openFile('company.kpi.yaml');
    const line = company.lineAt(10);
    assert.strictEqual(line.text, '  - id: customer-love', 'the fixture changed: update this test');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(company.uri, new vscode.Range(10, 8, 10, 21), 'customer-delight');
    assert.ok(await vscode.workspace.applyEdit(edit), 'the edit was applied');
    try {
      const broken = [...TEAM, 'unresolved-ref 14:15-14:36'].sort();
      const list = await waitForDiagnostics(team.uri, same(broken), 30000, 'an unresolved-ref on company/customer-love in team.kpi.yaml');
      const d = list.find((x) => codeOf(x) === 'unresolved-ref' && x.range.start.line === 14);
      assert.strictEqual(
        d.message,
        'Unresolved reference "company/customer-love" in `supports` of "fast-answers": no objective "customer-love" in scorecard "company".',
      );

      await vscode.window.showTextDocument(company);
      await vscode.commands.executeCommand('undo');
      assert.strictEqual(company.lineAt(10).text, '  - id: customer-love', 'undo restored the id');
      await waitForDiagnostics(team.uri, same(TEAM), 30000, 'the unresolved-ref to go away after undo');
    } finally {
      if (company.isDirty) {
        await vscode.window.showTextDocument(company);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
    }
  });
});
