'use strict';
const assert = require('assert');
const vscode = require('vscode');
const { EXTENSION_ID, waitFor, openFile } = require('./helpers');

/**
 * The activation time as VS Code measured it, for the log only: the extension host marks the
 * loading of an extension's code and its activate() call in `globalThis.MonacoPerformanceMarks`
 * (in ms, from Date.now). That is internal to VS Code, so when the marks are missing this says so
 * instead of failing.
 */
function activationTimes(id) {
  const perf = globalThis.MonacoPerformanceMarks;
  const marks = perf && typeof perf.getMarks === 'function' ? perf.getMarks() : [];
  const at = (name) => marks.find((m) => m.name === `code/extHost/${name}/${id}`)?.startTime;
  const load = [at('willLoadExtensionCode'), at('didLoadExtensionCode')];
  const call = [at('willActivateExtension'), at('didActivateExtension')];
  if (![...load, ...call].every((t) => typeof t === 'number')) return "VS Code's activation marks are not available";
  return `VS Code timed the activation: loading the code ${load[1] - load[0]} ms, activate() ${call[1] - call[0]} ms`;
}

describe('activation', () => {
  it('opening team.kpi.yaml gives it the kpi-yaml language and activates kpilens.kpilens', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
    console.log(`      (extension under test: ${ext.extensionUri.toString()})`);
    const doc = await openFile('team.kpi.yaml');
    assert.strictEqual(doc.languageId, 'kpi-yaml');
    // Extension.isActive has no change event: poll it, bounded.
    await waitFor(null, () => ext.isActive, 15000, `${EXTENSION_ID} to activate`, 50);
    console.log(`      (${activationTimes(EXTENSION_ID)})`);
  });

  it('contributes the kpilens commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['kpilens.openPreview', 'kpilens.restartServer']) {
      assert.ok(commands.includes(c), `command ${c} is not registered`);
    }
  });
});
