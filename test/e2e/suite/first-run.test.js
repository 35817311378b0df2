'use strict';
// What a first-time user meets: File > New File > KPI Scorecard, the snippets, the editor's
// settings for scorecards.
const assert = require('assert');
const vscode = require('vscode');
const { skipped, waitForDiagnostics, codeOf } = require('./helpers');

describe('first run', () => {
  it('New KPI Scorecard opens an unsaved scorecard that kpilens checks as it is edited', async () => {
    await vscode.commands.executeCommand('kpilens.newScorecard');
    const editor = vscode.window.activeTextEditor;
    const doc = editor.document;
    try {
      assert.strictEqual(doc.uri.scheme, 'untitled');
      assert.strictEqual(doc.languageId, 'kpi-yaml');
      assert.match(doc.getText(), /^# A KPI scorecard/);
      assert.strictEqual(editor.options.insertSpaces, true);
      assert.strictEqual(editor.options.tabSize, 2);
      if (skipped('diagnostics')) return;
      // The walkthrough's exercise: without the owner line of time-to-value, kpi-owner reports it.
      const line = doc
        .getText()
        .split('\n')
        .findIndex((l, i, all) => l === '    owner: team-lead' && all.slice(0, i).some((x) => x.includes('id: time-to-value')));
      assert.ok(line > 0);
      await editor.edit((e) => e.delete(new vscode.Range(line, 0, line + 1, 0)));
      const list = await waitForDiagnostics(doc.uri, (l) => l.some((d) => codeOf(d) === 'kpi-owner'), 30000, 'kpi-owner in the new scorecard');
      assert.deepStrictEqual(
        list.map((d) => `${codeOf(d)} ${d.message}`),
        ['kpi-owner KPI "time-to-value" has no owner: name the person or role accountable for it.'],
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('completes the kpi snippet in a scorecard', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'kpi-yaml', content: 'kpilens: 1.1\nscorecard: { id: draft }\nkpis:\n  kp' });
    await vscode.window.showTextDocument(doc);
    try {
      const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(3, 4));
      const snippet = list.items.find((i) => i.kind === vscode.CompletionItemKind.Snippet && (typeof i.label === 'string' ? i.label : i.label.label) === 'kpi');
      assert.ok(snippet, JSON.stringify(list.items.map((i) => i.label)));
      assert.match(snippet.insertText.value, /^- id: \$\{1:kpi-id\}\n {2}name:/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
