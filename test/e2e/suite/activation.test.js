'use strict';
const assert = require('assert');
const vscode = require('vscode');
const { EXTENSION_ID, waitFor, openFile } = require('./helpers');

describe('activation', () => {
  it('opening team.kpi.yaml gives it the kpi-yaml language and activates kpilens.kpilens', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
    console.log(`      (extension under test: ${ext.extensionUri.toString()})`);
    const doc = await openFile('team.kpi.yaml');
    assert.strictEqual(doc.languageId, 'kpi-yaml');
    // Extension.isActive has no change event: poll it, bounded.
    await waitFor(null, () => ext.isActive, 15000, `${EXTENSION_ID} to activate`, 50);
  });

  it('contributes the kpilens commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['kpilens.openPreview', 'kpilens.restartServer']) {
      assert.ok(commands.includes(c), `command ${c} is not registered`);
    }
  });
});
