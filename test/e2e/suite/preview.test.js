'use strict';
// `kpilens.openPreview` opens the preview as a webview tab beside the editor.
const assert = require('assert');
const vscode = require('vscode');
const { skipped, waitFor, openFile } = require('./helpers');

const suite = skipped('preview') ? describe.skip : describe;

function previewTabs() {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('kpilens.preview'));
}

suite('preview', () => {
  it('kpilens.openPreview opens one webview tab beside team.kpi.yaml, and a second call reuses it', async () => {
    const team = await openFile('team.kpi.yaml');
    assert.deepStrictEqual(previewTabs(), [], 'no preview is open yet');
    const editorColumn = vscode.window.activeTextEditor.viewColumn;
    await vscode.commands.executeCommand('kpilens.openPreview');
    const [tab] = await waitFor(vscode.window.tabGroups.onDidChangeTabs, () => previewTabs().length && previewTabs(), 20000, 'a kpilens.preview webview tab');
    try {
      assert.strictEqual(tab.label, 'Preview team.kpi.yaml');
      assert.notStrictEqual(tab.group.viewColumn, editorColumn, 'the preview opens beside the editor, not over it');
      assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), team.uri.toString(), 'the editor keeps the focus');

      await vscode.commands.executeCommand('kpilens.openPreview');
      assert.strictEqual(previewTabs().length, 1, 'a second call shows the same panel');
    } finally {
      await vscode.window.tabGroups.close(previewTabs());
    }
    assert.deepStrictEqual(previewTabs(), []);
  });
});
