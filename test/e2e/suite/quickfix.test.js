'use strict';
// A quick fix as the light bulb offers it: the code actions at a finding's range, applied
// through the WorkspaceEdit they carry.
const assert = require('assert');
const vscode = require('vscode');
const { skipped, waitForDiagnostics, codeOf, openFile, revert } = require('./helpers');

const suite = skipped('diagnostics') ? describe.skip : describe;

suite('quick fixes', () => {
  it('`Add owner: TODO` on a lever without owner inserts the key, and kpi-owner stays: owner still to be named', async () => {
    const team = await openFile('team.kpi.yaml');
    const before = team.getText();
    const list = await waitForDiagnostics(team.uri, (l) => l.some((d) => codeOf(d) === 'kpi-owner'), 30000, 'kpi-owner on knowledge-base');
    const finding = list.find((d) => codeOf(d) === 'kpi-owner');
    assert.strictEqual(team.getText(finding.range), 'knowledge-base');

    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', team.uri, finding.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    assert.deepStrictEqual(
      titles.filter((t) => /kpi-owner|owner: TODO/.test(t)),
      ['Add `owner: TODO`', 'Disable kpi-owner for this line', 'Show documentation for kpi-owner'],
    );
    const fix = actions.find((a) => a.title === 'Add `owner: TODO`');
    // A suggestion, not a fix: fix-on-save and `kpilens lint --fix` never write a placeholder owner.
    assert.strictEqual(fix.isPreferred, false);

    try {
      assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the suggestion was applied');
      // The key goes at the end of the lever.
      const expected = before.replace('    improves: [first-response, ticket-backlog]\n', '    improves: [first-response, ticket-backlog]\n    owner: TODO\n');
      assert.notStrictEqual(expected, before, 'the fixture changed: update this test');
      assert.strictEqual(team.getText(), expected);
      // The placeholder is no owner: the finding stays, on it, until someone is named.
      const after = await waitForDiagnostics(
        team.uri,
        (l) => l.some((d) => codeOf(d) === 'kpi-owner' && d.message.endsWith('owner still to be named.')),
        30000,
        'kpi-owner: owner still to be named',
      );
      const stays = after.find((d) => codeOf(d) === 'kpi-owner');
      assert.strictEqual(stays.message, 'Lever "knowledge-base": owner still to be named.');
      assert.strictEqual(team.getText(stays.range), 'TODO');
    } finally {
      await revert(team);
    }
    await waitForDiagnostics(
      team.uri,
      (l) => l.some((d) => codeOf(d) === 'kpi-owner' && d.message.includes('has no owner')),
      30000,
      'kpi-owner: no owner, after revert',
    );
  });
});
