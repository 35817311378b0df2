'use strict';
// Needs the language server. Skip with KPILENS_E2E_SKIP=diagnostics until it exists.
const assert = require('assert');
const vscode = require('vscode');
const { skipped, waitForDiagnostic, codeOf, openFile } = require('./helpers');

const suite = skipped('diagnostics') ? describe.skip : describe;

suite('diagnostics', () => {
  it('reports unresolved-ref on the missing objective in team.kpi.yaml', async () => {
    const doc = await openFile('team.kpi.yaml');
    const d = await waitForDiagnostic(
      doc.uri,
      (x) => x.source === 'kpilens' && codeOf(x) === 'unresolved-ref',
      30000,
      'a kpilens unresolved-ref diagnostic on team.kpi.yaml',
    );
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error, 'unresolved refs are errors');
    assert.strictEqual(doc.getText(d.range), 'company-objective-that-does-not-exist',
      'the range is exactly the offending value');
  });
});
