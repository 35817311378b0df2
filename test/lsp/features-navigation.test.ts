// Navigation in the language server: definitions, references and renames across files, the
// outline, workspace symbols and folding.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import {
  DefinitionRequest,
  DocumentSymbol,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  Location,
  Position,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  WorkspaceSymbolRequest,
} from 'vscode-languageserver-protocol/node';
import { TestClient } from './client';
import { edits, pos, r, rangeOf, within, withFeatures } from './features';

describe('lsp: features', function () {
  let c: TestClient, depot: string, depotText: string, fleet: string, fleetText: string, acme: string, acmeText: string;
  // These tests ran after the completion tests, which leave the hub empty; with its parent acme,
  // the hub would add a reference to acme.
  withFeatures((f) => ({ c, depot, depotText, fleet, fleetText, acme, acmeText } = f), '');

  describe('navigation', () => {
    const loc = (l: Location | Location[] | null) => {
      const one = Array.isArray(l) ? l[0] : l;
      return one ? `${path.relative(c.dir, new URL(one.uri).pathname)} ${r(one.range)}` : 'none';
    };

    it('goes to the definition of a ref, of the scorecard part of a ref, of a parent and of `vision`', async () => {
      const def = (uri: string, at: Position) =>
        c.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: at }) as Promise<Location | null>;
      assert.equal(loc(await def(fleet, pos(fleetText, 'on-time-rate'))), `acme.kpi.yaml ${r(rangeOf(acmeText, 'on-time-rate'))}`);
      assert.equal(loc(await def(fleet, pos(fleetText, 'acme/on-time-rate'))), `acme.kpi.yaml ${r(rangeOf(acmeText, 'acme'))}`);
      assert.equal(loc(await def(depot, pos(depotText, 'parent: acme', 0, 9))), `acme.kpi.yaml ${r(rangeOf(acmeText, 'acme'))}`);
      assert.equal(loc(await def(acme, pos(acmeText, '[vision]', 0, 2))), `acme.kpi.yaml ${r(rangeOf(acmeText, 'vision'))}`);
      assert.equal(loc(await def(fleet, pos(fleetText, 'on-tme'))), 'none', 'an unresolved ref has no definition');
    });

    it('finds the references of an item and of a scorecard across files', async () => {
      const refs = async (uri: string, at: Position, includeDeclaration: boolean) =>
        ((await c.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position: at, context: { includeDeclaration } })) ?? [])
          .map((l) => loc(l))
          .sort();
      assert.deepEqual(
        await refs(acme, pos(acmeText, 'id: on-time', 0, 4), true),
        [
          `acme.kpi.yaml ${r(rangeOf(acmeText, 'on-time'))}`,
          `acme.kpi.yaml ${r(within(acmeText, 'objective: on-time', 'on-time'))}`,
          `teams/depot.kpi.yaml ${r(rangeOf(depotText, 'on-time'))}`,
        ].sort(),
      );
      assert.deepEqual(
        await refs(acme, pos(acmeText, 'id: acme', 0, 4), false),
        [
          `teams/depot.kpi.yaml ${r(rangeOf(depotText, 'acme', 0))}`,
          `teams/depot.kpi.yaml ${r(rangeOf(depotText, 'acme', 1))}`,
          `teams/depot.kpi.yaml ${r(rangeOf(depotText, 'acme', 2))}`,
          `teams/fleet.kpi.yaml ${r(rangeOf(fleetText, 'acme', 0))}`,
          `teams/fleet.kpi.yaml ${r(rangeOf(fleetText, 'acme', 1))}`,
          `teams/fleet.kpi.yaml ${r(rangeOf(fleetText, 'acme', 2))}`,
          `teams/fleet.kpi.yaml ${r(rangeOf(fleetText, 'acme', 3))}`,
        ].sort(),
      );
    });

    it('renames an item and every ref to it, across files', async () => {
      const at = pos(depotText, 'improves: [dwell-time]', 0, 12);
      const prep = await c.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: depot }, position: at });
      assert.deepEqual(prep, { range: rangeOf(depotText, 'dwell-time', 1), placeholder: 'dwell-time' });
      const e = await c.connection.sendRequest(RenameRequest.type, { textDocument: { uri: depot }, position: at, newName: 'depot-dwell' });
      assert.deepEqual(
        edits(e, c.dir),
        [
          `teams/depot.kpi.yaml ${r(rangeOf(depotText, 'dwell-time', 0))} "depot-dwell"`,
          `teams/depot.kpi.yaml ${r(rangeOf(depotText, 'dwell-time', 1))} "depot-dwell"`,
          `teams/depot.kpi.yaml ${r(rangeOf(depotText, 'dwell-time', 2))} "depot-dwell"`,
          `teams/fleet.kpi.yaml ${r(rangeOf(fleetText, 'dwell-time'))} "depot-dwell"`,
        ].sort(),
      );
    });

    it('renames a scorecard in parents and in the scorecard part of refs', async () => {
      const e = await c.connection.sendRequest(RenameRequest.type, {
        textDocument: { uri: depot },
        position: pos(depotText, 'id: depot', 0, 5),
        newName: 'sorting',
      });
      assert.deepEqual(
        edits(e, c.dir),
        [`teams/depot.kpi.yaml ${r(rangeOf(depotText, 'depot', 0))} "sorting"`, `teams/fleet.kpi.yaml ${r(rangeOf(fleetText, 'depot'))} "sorting"`].sort(),
      );
    });

    it('refuses a rename that would break the workspace, saying why', async () => {
      const at = pos(depotText, 'id: dwell-time', 0, 5);
      await assert.rejects(
        c.connection.sendRequest(RenameRequest.type, { textDocument: { uri: depot }, position: at, newName: 'Dwell Time' }),
        /"Dwell Time" is not a valid id/,
      );
      await assert.rejects(
        c.connection.sendRequest(RenameRequest.type, { textDocument: { uri: depot }, position: at, newName: 'night-shift' }),
        /already has an item with id "night-shift"/,
      );
      await assert.rejects(
        c.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: acme }, position: pos(acmeText, '[vision]', 0, 2) }),
        /reserved/,
      );
    });

    it('outlines a scorecard and finds symbols across the workspace', async () => {
      const [root] = (await c.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: depot } })) as DocumentSymbol[];
      assert.equal(root.name, 'depot');
      assert.equal(root.detail, 'Depot operations');
      assert.deepEqual(
        root.children?.map((s) => `${s.name} ${s.kind} ${r(s.selectionRange)}`),
        [
          `fast-dispatch 5 ${r(rangeOf(depotText, 'fast-dispatch'))}`,
          `dwell-time 8 ${r(rangeOf(depotText, 'dwell-time'))}`,
          `night-shift 12 ${r(rangeOf(depotText, 'night-shift'))}`,
          `peak-season 24 ${r(rangeOf(depotText, 'peak-season'))}`,
        ],
      );
      const found = await c.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'dwell' });
      assert.deepEqual(
        (found ?? []).map((s) => `${s.name} ${s.containerName}`),
        ['dwell-time depot'],
      );
    });

    it('folds mappings and list items by indentation', async () => {
      const folds = (await c.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: depot } })) ?? [];
      assert.deepEqual(
        folds.map((f) => `${f.startLine}-${f.endLine}`),
        ['1-5', '6-9', '7-9', '10-19', '11-19', '20-24', '21-24', '25-28', '26-28'],
      );
    });
  });
});
