'use strict';
// kpilens in VS Code for the Web: the extension and its language server run in the browser (the
// web worker extension host, the server in a web worker of its own), and read the workspace
// through the editor's file system. The workspace is a copy of examples/; KPILENS_E2E_EXPECTED
// (put in by run.mjs when it bundles this suite) holds `kpilens lint --format json` of it.
/* global KPILENS_E2E_EXPECTED, WorkerGlobalScope */
const assert = require('./assert');
const vscode = require('vscode');
const { EXTENSION_ID, waitFor, waitForDiagnostics, findings, at, codeOf, openFile, workspaceFile } = require('../suite/helpers');

const EXPECTED = KPILENS_E2E_EXPECTED;
const SEVERITY = { error: 'Error', warning: 'Warning', info: 'Information', hint: 'Hint' };

/** A finding as the CLI reports it, in the terms of the vscode API (0-based lines and characters). */
function fromCli(f) {
  return `${f.rule} ${f.line - 1}:${f.column - 1}-${f.endLine - 1}:${f.endColumn - 1} ${SEVERITY[f.severity]} ${f.message}`;
}

function fromEditor(d) {
  return `${codeOf(d)} ${at(d.range)} ${vscode.DiagnosticSeverity[d.severity]} ${d.message}`;
}

const files = [...new Set(EXPECTED.map((f) => f.file))].sort();

function previewTabs() {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('kpilens.preview'));
}

describe('VS Code for the Web', () => {
  let first;
  before(async () => {
    first = await openFile(files[0]);
  });

  it('runs kpilens in the browser: this suite and the extension share a web worker, with no Node', async () => {
    assert.ok(typeof WorkerGlobalScope === 'function' && globalThis instanceof WorkerGlobalScope, 'the extension host is a web worker');
    assert.strictEqual(globalThis.process?.versions?.node, undefined, 'no Node.js in this extension host');
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is in this extension host`);
    assert.strictEqual(ext.packageJSON.browser, './dist/web/extension.js');
    await waitFor(null, () => ext.isActive, 30000, `${EXTENSION_ID} to activate`, 100);
    assert.strictEqual(first.languageId, 'kpi-yaml');
    assert.notStrictEqual(first.uri.scheme, 'file', 'the workspace is reached through the editor, not as local files');
  });

  for (const file of files) {
    it(`shows the CLI's findings for ${file}${file === files[0] ? '' : ', a file that was never opened'}`, async () => {
      const expected = EXPECTED.filter((f) => f.file === file)
        .map(fromCli)
        .sort();
      const uri = workspaceFile(file);
      const same = (list) => JSON.stringify(list.map(fromEditor).sort()) === JSON.stringify(expected);
      const list = await waitForDiagnostics(uri, same, 30000, `the findings of ${file}`);
      assert.deepStrictEqual(list.map(fromEditor).sort(), expected);
    });
  }

  it('explains a finding in its hover from the rule page, and offers its quick fixes', async () => {
    const f = EXPECTED.find((x) => x.file === files[0]);
    const position = new vscode.Position(f.line - 1, f.column - 1);
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', first.uri, position);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.ok(text.includes(`**${f.rule}**`), text);
    assert.ok(text.includes('[Rule documentation]'), text);
    const range = new vscode.Range(position, new vscode.Position(f.endLine - 1, f.endColumn - 1));
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', first.uri, range);
    assert.ok(
      actions.some((a) => a.title.includes(f.rule)),
      JSON.stringify(actions.map((a) => a.title)),
    );
  });

  it('reads data files through the editor, inside the workspace only', async () => {
    const folder = workspaceFile('web-data-check');
    const scorecard = vscode.Uri.joinPath(folder, 'data-check.kpi.yaml');
    const enc = (s) => new TextEncoder().encode(s);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'scans.csv'), enc('date,scanned\n2026-01-05,10\n2026-02-05,12\n'));
    const kpi = (id, csv) =>
      `  - id: ${id}\n    name: Parcels scanned ${id}\n    owner: web-check\n    unit: count\n    direction: increase\n    data: { csv: ${csv}, column: scanned }\n`;
    const text = `kpilens: 1\nscorecard: { id: web-data-check, title: Data check }\nkpis:\n${kpi('read', 'scans.csv')}${kpi('missing', 'missing.csv')}${kpi('outside', '../../outside.csv')}`;
    await vscode.workspace.fs.writeFile(scorecard, enc(text));
    try {
      const doc = await vscode.workspace.openTextDocument(scorecard);
      await vscode.window.showTextDocument(doc);
      const name = vscode.workspace.workspaceFolders[0].name;
      const list = await waitForDiagnostics(scorecard, (l) => l.filter((d) => codeOf(d) === 'unresolved-ref').length === 2, 30000, 'the data findings');
      assert.deepStrictEqual(
        list
          .filter((d) => codeOf(d) === 'unresolved-ref')
          .map((d) => d.message)
          .sort(),
        [
          'The data file "../../outside.csv" of KPI "outside" is not read: it is outside the workspace (the workspace folder "' + name + '").',
          'The data file "missing.csv" of KPI "missing" cannot be read (the path is relative to this scorecard).',
        ],
      );
      assert.deepStrictEqual(findings(scorecard).filter((f) => f.startsWith('unresolved-ref')).length, 2);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(folder, { recursive: true });
    }
  });

  it('opens the preview beside the editor', async () => {
    await openFile(files[0]);
    await vscode.commands.executeCommand('kpilens.openPreview');
    const [tab] = await waitFor(vscode.window.tabGroups.onDidChangeTabs, () => previewTabs().length && previewTabs(), 20000, 'a kpilens.preview webview tab');
    try {
      assert.strictEqual(tab.label, `Preview ${files[0]}`);
    } finally {
      await vscode.window.tabGroups.close(previewTabs());
    }
  });
});
