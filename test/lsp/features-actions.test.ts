// Code actions in the language server (quick fixes, fix all, a rule's docs), and its workspace
// requests: the view model of the preview and linting the workspace.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodeAction, CodeActionRequest, ExecuteCommandRequest, Range } from 'vscode-languageserver-protocol/node';
import { lintFiles, parseConfig, RULES } from '../../server/src/engine';
import { buildViewModel } from '../../server/src/engine/view';
import { brief, TestClient } from './client';
import { applied, edits, r, rangeOf, withFeatures } from './features';

describe('lsp: features', function () {
  let c: TestClient, depot: string, depotText: string, fleet: string, fleetText: string;
  // These tests ran after the completion tests, which leave the hub empty.
  withFeatures((f) => ({ c, depot, depotText, fleet, fleetText } = f), '');

  describe('code actions', () => {
    const actions = async (uri: string, range: Range, only?: string[]) =>
      ((await c.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: [], only } })) ?? []) as CodeAction[];

    it('offers the fix of a finding as the preferred quick fix, and its docs', async () => {
      const list = await actions(fleet, rangeOf(fleetText, 'duplicate-id'));
      assert.deepEqual(
        list.map((a) => `${a.title} ${a.kind} ${a.isPreferred ?? ''}`),
        ['Remove the unused suppression quickfix true', 'Show documentation for unused-suppression quickfix '],
      );
      assert.deepEqual(edits(list[0].edit!, c.dir), ['teams/fleet.kpi.yaml 10:0-11:0 ""']);
      assert.deepEqual(
        list[0].diagnostics?.map((d) => d.code),
        ['unused-suppression'],
      );
      assert.deepEqual(list[1].command, {
        title: 'Show documentation for unused-suppression',
        command: 'kpilens.server.showRuleDocs',
        arguments: ['unused-suppression'],
      });
    });

    it('offers suggestions as quick fixes that are not preferred, and disabling the rule for the line', async () => {
      const list = await actions(fleet, rangeOf(fleetText, 'on-tme'));
      assert.deepEqual(
        list.map((a) => `${a.title} ${a.isPreferred ?? ''}`),
        ['Change to "acme/on-time" false', 'Disable unresolved-ref for this line ', 'Show documentation for unresolved-ref '],
      );
      assert.deepEqual(edits(list[0].edit!, c.dir), [`teams/fleet.kpi.yaml ${r(rangeOf(fleetText, 'acme/on-tme'))} "acme/on-time"`]);
      assert.deepEqual(edits(list[1].edit!, c.dir), ['teams/fleet.kpi.yaml 8:0-8:0 "    # kpilens-disable-next-line unresolved-ref\\n"']);
    });

    it('fixes everything at once as source.fixAll.kpilens (fix on save)', async () => {
      for (const only of [['source.fixAll.kpilens'], ['source.fixAll'], ['source']]) {
        const list = await actions(fleet, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, only);
        assert.deepEqual(
          list.map((a) => `${a.title} ${a.kind}`),
          ['Fix all kpilens problems source.fixAll.kpilens'],
          `only ${only}`,
        );
        assert.equal(applied(fleetText, list[0].edit!.changes![fleet]), fleetText.replace('  # kpilens-disable-next-line duplicate-id\n', ''));
      }
      assert.deepEqual(await actions(fleet, rangeOf(fleetText, 'on-tme'), ['refactor']), []);
      assert.deepEqual(await actions(depot, rangeOf(depotText, 'depot'), ['source.fixAll.kpilens']), [], 'nothing to fix');
    });

    it('shows the docs of a rule with a message when the client cannot open documents', async () => {
      await c.connection.sendRequest(ExecuteCommandRequest.type, { command: 'kpilens.server.showRuleDocs', arguments: ['schema'] });
      await c.waitFor(
        () => (c.messages.includes('Documentation for schema: https://github.com/kpilens/kpilens/blob/main/docs/rules/schema.md') ? true : undefined),
        'the docs message',
      );
    });
  });

  describe('workspace', () => {
    it('answers kpilens/view with the view model of the workspace, focused on a scorecard, and notifies view changes', async () => {
      const files = ['acme.kpi.yaml', 'teams/depot.kpi.yaml', 'teams/fleet.kpi.yaml'].map((f) => ({ uri: c.uri(f), text: c.text(f) }));
      const { settings } = parseConfig(c.text('.kpilens.yaml'), RULES);
      const expected = (() => {
        const res = lintFiles(files, { asOf: '2026-11-24', settingsFor: () => settings });
        return buildViewModel(res.workspace, res.findings, c.uri('teams/depot.kpi.yaml'), { asOf: '2026-11-24', settingsFor: () => settings });
      })();
      const hub = c.uri('teams/hub.kpi.yaml');
      const published = c.published.get(hub);
      await c.connection.sendNotification('textDocument/didClose', { textDocument: { uri: hub } });
      await c.diagnosticsOf(hub, (d) => d.length === 0 && c.published.get(hub) !== published, 'the closed, unsaved scorecard to leave the workspace');
      const got = await c.connection.sendRequest('kpilens/view', { uri: depot });
      assert.deepEqual(got, JSON.parse(JSON.stringify(expected)));
      assert.ok(c.notifications.some((n) => n.method === 'kpilens/didChangeView' && (n.params as { uri: string }).uri === depot));
    });

    it('lints the workspace on request, picking up files changed on disk behind its back', async () => {
      const file = path.join(c.dir, 'teams', 'yard.kpi.yaml');
      fs.writeFileSync(file, 'kpilens: 1\nscorecard:\n  id: yard\n  parent: acme\n  title: [not, text]\n');
      const result = await c.connection.sendRequest(ExecuteCommandRequest.type, { command: 'kpilens.server.lintWorkspace' });
      const d = await c.diagnosticsOf(c.uri(file));
      assert.deepEqual(
        brief(d).map((x) => x.split(' ').slice(0, 2).join(' ')),
        ['4:9-4:20 schema'],
      );
      assert.deepEqual(result, { scorecards: 4, findings: 4 });
    });
  });
});
