'use strict';
// Hover, completion and go to definition through the commands VS Code's own UI calls, so the
// answers pass through the language client and the editor's providers as a person gets them.
const assert = require('assert');
const vscode = require('vscode');
const { skipped, waitForDiagnostics, openFile, workspaceFile, at } = require('./helpers');

const suite = skipped('diagnostics') ? describe.skip : describe;

/** The position of `needle` in the document (its first occurrence), plus `delta` characters. */
function find(doc, needle, delta = 0) {
  const i = doc.getText().indexOf(needle);
  assert.ok(i >= 0, `${JSON.stringify(needle)} is not in ${doc.uri.path}: the fixture changed`);
  return doc.positionAt(i + delta);
}

/** Every hover's text at a position, joined. */
async function hoverText(doc, position) {
  const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, position);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

/** The labels of the server's completions: VS Code adds the contributed snippets (first-run.test.js) everywhere. */
async function completionLabels(doc, position) {
  const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, position);
  return list.items.filter((i) => i.kind !== vscode.CompletionItemKind.Snippet).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

suite('language features', () => {
  let team;
  before(async () => {
    team = await openFile('team.kpi.yaml');
    // The server has read both files once it has reported findings in each.
    await waitForDiagnostics(team.uri, (l) => l.length > 0, 30000, 'findings in team.kpi.yaml');
    await waitForDiagnostics(workspaceFile('company.kpi.yaml'), (l) => l.length > 0, 30000, 'findings in company.kpi.yaml');
  });

  describe('hover', () => {
    it('on a KPI id: its name, owner, target, lever and path to the vision', async () => {
      const text = await hoverText(team, find(team, 'id: first-response', 6));
      assert.ok(text.includes('**KPI** `team/first-response`: Median first response time'), text);
      assert.ok(text.includes('Target: 30 minutes by 2027-06-30 (decrease)'), text);
      assert.ok(text.includes('Improved by: `team/knowledge-base`'), text);
      assert.ok(text.includes('Path to the vision: `team/first-response` → `company/nps` → `company/customer-love` → `company/vision`'), text);
    });

    it('on a ref to another file: what it names there', async () => {
      const text = await hoverText(team, find(team, 'company/nps', 9));
      assert.ok(text.includes('**KPI** `company/nps`: Net Promoter Score'), text);
      assert.ok(text.includes('Owner: cco'), text);
    });

    it('on a key: its description from the schema', async () => {
      const text = await hoverText(team, find(team, 'direction: decrease', 3));
      assert.ok(text.includes('**direction**'), text);
      assert.ok(text.includes('Which way is good: increase (higher is better), decrease (lower is better) or maintain'), text);
    });

    it('on a finding: the rule page shipped in the VSIX, not the message again', async () => {
      const text = await hoverText(team, find(team, 'company-objective-that-does-not-exist', 5));
      assert.ok(text.includes('**unresolved-ref**'), text);
      assert.ok(!text.includes('Unresolved reference "company-objective-that-does-not-exist"'), text);
      assert.ok(text.includes('A reference to an id that exists nowhere in the workspace'), `no explanation from docs/rules/unresolved-ref.md in:\n${text}`);
      assert.ok(text.includes('#### How to fix'), text);
    });
  });

  describe('completion', () => {
    it('at a ref lists the objectives of this and the parent scorecard, qualified across files', async () => {
      const labels = await completionLabels(team, find(team, 'objective: fast-answers', 11));
      assert.deepStrictEqual([...labels].sort(), ['company/customer-love', 'company/customer-trust', 'fast-answers']);
    });

    it('at `contributes` lists KPIs of both files, not objectives', async () => {
      const labels = await completionLabels(team, find(team, '[company/nps]', 1));
      assert.deepStrictEqual([...labels].sort(), ['company/nps', 'first-response', 'ticket-backlog']);
    });

    it('after `direction:` lists the values the schema allows', async () => {
      const labels = await completionLabels(team, find(team, 'direction: decrease', 11));
      assert.deepStrictEqual([...labels].sort(), ['decrease', 'increase', 'maintain']);
    });

    it('on a new line in a KPI lists the keys it does not have yet', async () => {
      const edit = new vscode.WorkspaceEdit();
      const where = find(team, 'levers:');
      edit.insert(team.uri, where, '    \n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      try {
        const labels = await completionLabels(team, new vscode.Position(where.line, 4));
        assert.deepStrictEqual([...labels].sort(), ['contributes', 'data', 'definition', 'history', 'measure', 'milestones', 'noise', 'thresholds', 'tier']);
      } finally {
        await vscode.window.showTextDocument(team);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
      assert.ok(!team.isDirty, 'team.kpi.yaml is back to its saved text');
    });
  });

  describe('go to definition', () => {
    it('on `company/customer-love` lands on the objective id in company.kpi.yaml', async () => {
      const defs = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', team.uri, find(team, 'company/customer-love', 10));
      assert.strictEqual(defs.length, 1);
      const d = defs[0];
      const uri = d.targetUri ?? d.uri;
      const range = d.targetSelectionRange ?? d.targetRange ?? d.range;
      assert.strictEqual(uri.path.split('/').pop(), 'company.kpi.yaml');
      assert.strictEqual(at(range), '10:8-10:21');
      const company = await vscode.workspace.openTextDocument(uri);
      assert.strictEqual(company.getText(range), 'customer-love');
    });

    it('on a local ref stays in the file', async () => {
      const defs = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', team.uri, find(team, 'objective: fast-answers', 13));
      assert.strictEqual(defs.length, 1);
      const d = defs[0];
      assert.strictEqual((d.targetUri ?? d.uri).toString(), team.uri.toString());
      assert.strictEqual(at(d.targetSelectionRange ?? d.targetRange ?? d.range), '12:8-12:20');
    });
  });
});
