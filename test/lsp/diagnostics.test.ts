import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionRequest,
  DidChangeWorkspaceFoldersNotification,
  CompletionRequest,
  DefinitionRequest,
  DiagnosticTag,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DocumentSymbolRequest,
  FileChangeType,
  FoldingRangeRequest,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
} from 'vscode-languageserver-protocol/node';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import type { ViewModel } from '../../server/src/engine/view/types';
import { OK_VALUE, refusal, SECRET_VALUE, writeHostileData } from '../helpers/hostile-data';
import type { HostileData } from '../helpers/hostile-data';
import { brief, TestClient } from './client';

/** `line:col-line:col` (0-based, as LSP counts) of the n-th occurrence of a string. */
export function at(text: string, needle: string, nth = 0): string {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    assert.ok(i >= 0, `${JSON.stringify(needle)} occurs fewer than ${nth + 1} times`);
  }
  const pos = (o: number) => {
    const before = text.slice(0, o).split('\n');
    return `${before.length - 1}:${before[before.length - 1].length}`;
  };
  return `${pos(i)}-${pos(i + needle.length)}`;
}

describe('lsp: diagnostics', function () {
  let c: TestClient;
  beforeEach(async () => {
    c = await TestClient.start();
  });
  afterEach(async () => {
    await c.stop();
  });

  it('lints every scorecard of the workspace at start, with rule ids, docs links and exact ranges', async () => {
    const fleet = c.uri('teams/fleet.kpi.yaml');
    const text = c.text('teams/fleet.kpi.yaml');
    const d = await c.diagnosticsOf(fleet);
    assert.deepEqual(brief(d), [
      `${at(text, 'acme/on-tme')} unresolved-ref 1 Unresolved reference "acme/on-tme" in \`supports\` of "reliable-vans": no objective "on-tme" in scorecard "acme". Did you mean "acme/on-time"?`,
      `${at(text, 'duplicate-id')} unused-suppression 4 Unused suppression: no "duplicate-id" finding on the next line.`,
      `${at(text, 'acme/fast-lane')} unresolved-ref 1 Unresolved reference "acme/fast-lane" in \`objective\` of "van-age": no objective "fast-lane" in scorecard "acme".`,
    ]);
    assert.equal(d[0].source, 'kpilens');
    assert.equal(d[0].codeDescription?.href, 'https://github.com/kpilens/kpilens/blob/main/docs/rules/unresolved-ref.md');
    assert.equal(d[0].tags, undefined);
    assert.deepEqual(d[1].tags, [DiagnosticTag.Unnecessary], 'an unused suppression is shown as unnecessary code');
    assert.deepEqual(await c.diagnosticsOf(c.uri('acme.kpi.yaml')), []);
    assert.deepEqual(await c.diagnosticsOf(c.uri('teams/depot.kpi.yaml')), []);
  });

  it('reports a finding with related locations in other files', async () => {
    const text = 'kpilens: 1\nscorecard:\n  id: depot\n';
    const uri = await c.open('teams/second-depot.kpi.yaml', 'kpi-yaml', text);
    const d = await c.diagnosticsOf(uri, (x) => x.length > 0);
    assert.deepEqual(brief(d), [
      `${at(text, 'depot')} duplicate-id 1 Duplicate scorecard id "depot": it is already the id of the scorecard in depot.kpi.yaml.`,
    ]);
    const depotText = c.text('teams/depot.kpi.yaml');
    assert.deepEqual(
      d[0].relatedInformation?.map((r) => `${r.location.uri} ${at(depotText, 'depot')} ${r.message}`),
      [`${c.uri('teams/depot.kpi.yaml')} ${at(depotText, 'depot')} First defined here`],
    );
  });

  it('recognises a scorecard by its name whatever the language id (Neovim sends yaml) and pushes diagnostics on change', async () => {
    const text = 'kpilens: 1\nscorecard:\n  id: solo\nkpis:\n  - id: k\n    name: K\n    objective: nowhere\n';
    const uri = await c.open('solo.kpi.yaml', 'yaml', text);
    const first = await c.diagnosticsOf(uri, (x) => x.length === 1);
    assert.deepEqual(brief(first), [`${at(text, 'nowhere')} unresolved-ref 1 Unresolved reference "nowhere" in \`objective\` of "k": no objective "nowhere".`]);
    const changed = text.replace('nowhere', 'somewhere-else');
    await c.change(uri, changed);
    const second = await c.diagnosticsOf(uri, (x) => x.length === 1 && x[0].message !== first[0].message);
    assert.deepEqual(brief(second), [
      `${at(changed, 'somewhere-else')} unresolved-ref 1 Unresolved reference "somewhere-else" in \`objective\` of "k": no objective "somewhere-else".`,
    ]);
  });

  it('leaves other YAML files alone', async () => {
    const uri = await c.open('notes.yaml', 'yaml', 'kpis: [nothing: here\n');
    const fleet = c.uri('teams/fleet.kpi.yaml');
    await c.diagnosticsOf(fleet);
    await c.open('teams/fleet.kpi.yaml');
    await c.diagnosticsOf(fleet, (d) => d.length === 3);
    assert.equal(c.diagnostics.has(uri), false);
  });

  it('re-lints the scorecards that depend on a changed one', async () => {
    const fleet = c.uri('teams/fleet.kpi.yaml');
    await c.diagnosticsOf(fleet, (d) => d.length === 3);
    const acme = await c.open('acme.kpi.yaml');
    const added = c
      .text('acme.kpi.yaml')
      .replace('    supports: [vision]\n', '    supports: [vision]\n  - id: fast-lane\n    title: Express parcels\n    supports: [vision]\n');
    await c.change(acme, added);
    const d = await c.diagnosticsOf(fleet, (x) => x.length === 2, 'the unresolved ref to acme/fast-lane to go away');
    assert.deepEqual(
      d.map((x) => x.code),
      ['unresolved-ref', 'unused-suppression'],
    );
    assert.match(String(d[0].message), /acme\/on-tme/);
  });

  it('re-lints only the changed scorecard and those that depend on it', async () => {
    const fleet = c.uri('teams/fleet.kpi.yaml');
    const acme = c.uri('acme.kpi.yaml');
    await c.diagnosticsOf(fleet, (d) => d.length === 3);
    const opened = c.published.get(fleet)!;
    const depot = await c.open('teams/depot.kpi.yaml');
    await c.waitFor(() => (c.published.get(fleet) === opened + 1 ? true : undefined), 'fleet to be linted after depot opens');
    const before = { acme: c.published.get(acme), fleet: c.published.get(fleet), depot: c.published.get(depot)! };
    await c.change(depot, c.text('teams/depot.kpi.yaml').replace('Depot operations', 'Depot and sorting'));
    // fleet names depot, so it is linted after depot, in the same pass; acme names neither and
    // shares no owner, and a pass lints its targets in workspace order (acme would come before fleet).
    await c.waitFor(() => (c.published.get(fleet) === before.fleet! + 1 ? true : undefined), 'fleet to be linted again');
    assert.equal(c.published.get(depot), before.depot + 1);
    assert.equal(c.published.get(acme), before.acme);
  });

  it('follows files created and deleted on disk', async () => {
    const fleet = c.uri('teams/fleet.kpi.yaml');
    await c.diagnosticsOf(fleet, (d) => d.length === 3);
    const file = path.join(c.dir, 'teams', 'extra.kpi.yaml');
    fs.writeFileSync(file, 'kpilens: 1\nscorecard:\n  id: extra\n  parent: acme\nobjectives:\n  - id: o\n    title: O\n    supports: [fleet/reliable-vanz]\n');
    await c.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: c.uri(file), type: FileChangeType.Created }] });
    const d = await c.diagnosticsOf(c.uri(file), (x) => x.length === 1);
    assert.equal(d[0].code, 'unresolved-ref');
    fs.rmSync(file);
    await c.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: c.uri(file), type: FileChangeType.Deleted }] });
    await c.diagnosticsOf(c.uri(file), (x) => x.length === 0, 'the deleted file to lose its diagnostics');
  });

  it('lints the scorecards that read a CSV file again when it changes on disk', async () => {
    const text = 'kpilens: 1\nscorecard:\n  id: scans\nkpis:\n  - id: scanned\n    name: Parcels scanned\n    data: { csv: data/scans.csv, column: scanned }\n';
    const uri = await c.open('teams/scans.kpi.yaml', 'kpi-yaml', text);
    const d = await c.diagnosticsOf(uri, (x) => x.length === 1);
    assert.deepEqual(brief(d), [
      `${at(text, 'data/scans.csv')} unresolved-ref 1 The data file "data/scans.csv" of KPI "scanned" cannot be read (the path is relative to this scorecard).`,
    ]);
    const csv = path.join(c.dir, 'teams', 'data', 'scans.csv');
    fs.mkdirSync(path.dirname(csv));
    fs.writeFileSync(csv, 'date,scanned\n2026-01-05,10\n');
    await c.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: c.uri(csv), type: FileChangeType.Created }] });
    await c.diagnosticsOf(uri, (x) => x.length === 0, 'the data file to be found');
  });

  it('puts the editor text of a closed document back to the text on disk', async () => {
    const fleet = await c.open('teams/fleet.kpi.yaml');
    await c.change(fleet, c.text('teams/fleet.kpi.yaml').replace('acme/on-tme', 'acme/on-time'));
    await c.diagnosticsOf(fleet, (x) => x.length === 2);
    await c.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: fleet } });
    await c.diagnosticsOf(fleet, (x) => x.length === 3, 'the findings of the file on disk');
  });

  it('reports problems of .kpilens.yaml on that file and applies it', async () => {
    const fleet = c.uri('teams/fleet.kpi.yaml');
    await c.diagnosticsOf(fleet, (d) => d.length === 3);
    const configText = c.text('.kpilens.yaml').replace('rules:\n', 'rules:\n  kpi-ownr: off\n  unresolved-ref: off\n');
    const config = await c.open('.kpilens.yaml', 'yaml', configText);
    const d = await c.diagnosticsOf(config, (x) => x.length > 0);
    assert.deepEqual(brief(d), [`${at(configText, 'kpi-ownr')} undefined 1 Unknown rule "kpi-ownr". Did you mean "kpi-owner"?`]);
    await c.diagnosticsOf(fleet, (x) => x.length === 1 && x[0].code === 'unused-suppression', 'unresolved-ref to be turned off');
  });
});

describe('lsp: workspace folders', () => {
  it('indexes every folder of a multi-root workspace, and folders added later', async () => {
    const c = await TestClient.start(undefined, {
      capabilities: { workspace: { workspaceFolders: true } },
      folders: (dir) => [path.join(dir, 'teams')],
    });
    try {
      const fleet = c.uri('teams/fleet.kpi.yaml');
      const alone = await c.diagnosticsOf(fleet);
      assert.ok(
        alone.some((d) => d.message.toString().startsWith('Unresolved parent "acme"')),
        'acme is not in the workspace yet',
      );
      const root = { uri: c.uri(c.dir), name: 'root' };
      await c.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [root], removed: [] } });
      const d = await c.diagnosticsOf(fleet, (x) => x.length === 3, 'the refs to acme to resolve');
      assert.deepEqual(
        d.map((x) => x.code),
        ['unresolved-ref', 'unused-suppression', 'unresolved-ref'],
      );
      await c.diagnosticsOf(c.uri('acme.kpi.yaml'));
      await c.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [], removed: [root] } });
      await c.diagnosticsOf(
        c.uri('acme.kpi.yaml'),
        (x) => x.length === 0 && !!c.diagnostics.get(fleet)?.some((f) => f.message.toString().startsWith('Unresolved parent')),
        'acme to leave',
      );
    } finally {
      await c.stop();
    }
  });
});

describe('lsp: bad input', () => {
  const NASTY: Record<string, string> = {
    'binary.kpi.yaml': '\u0000\u0001\ufffe\ud800 binary \u001b[31m: [\n\u0085x',
    'unclosed.kpi.yaml': 'kpilens: 1\nscorecard: { id: u\nkpis: [',
    'dashes.kpi.yaml': '- - - a\n  - : :\n',
    'deep.kpi.yaml': '['.repeat(300),
    'aliases.kpi.yaml': 'kpilens: 1\nscorecard:\n  id: "al"\nkpis:\n  - &k\n    id: k\n    name: *k\n  - *k\n',
    'tabs.kpi.yaml': '\t\tkpis:\n\t- id: x\n',
    'crlf.kpi.yaml': 'kpilens: 1\r\nscorecard:\r\n  id: crlf\r\n  parent: acme\r\nkpis:\r\n  - id: k\r\n    name: K\r\n    objective: acme/nope\r\n',
    'big.kpi.yaml': `kpilens: 1\nscorecard:\n  id: big\nkpis:\n${'  - id: k\n    name: N\n    contributes: [acme/on-time-rate]\n'.repeat(3000)}`,
  };

  it('keeps answering every request, whatever the bytes', async function () {
    this.timeout(60000);
    const c = await TestClient.start();
    try {
      for (const [name, text] of Object.entries(NASTY)) {
        const uri = await c.open(name, 'kpi-yaml', text);
        await c.diagnosticsOf(uri, () => true, `diagnostics of ${name}`);
        const lines = text.split(/\r\n|\r|\n/);
        const step = Math.max(1, Math.floor(lines.length / 10));
        for (let line = 0; line < lines.length; line += step) {
          for (const character of [0, 1, 4, Math.floor(lines[line].length / 2), lines[line].length]) {
            const at = { textDocument: { uri }, position: { line, character } };
            await c.connection.sendRequest(HoverRequest.type, at);
            await c.connection.sendRequest(CompletionRequest.type, at);
            await c.connection.sendRequest(DefinitionRequest.type, at);
            await c.connection.sendRequest(ReferencesRequest.type, { ...at, context: { includeDeclaration: true } });
            await c.connection.sendRequest(CodeActionRequest.type, {
              textDocument: { uri },
              range: { start: at.position, end: at.position },
              context: { diagnostics: [] },
            });
            await c.connection
              .sendRequest(PrepareRenameRequest.type, at)
              .catch((e: Error) => assert.match(e.message, /Rename works on ids|does not resolve|reserved/));
          }
        }
        await c.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
        await c.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
      }
      const crlf = c.diagnostics.get(c.uri('crlf.kpi.yaml'))!;
      assert.deepEqual(brief(crlf), [
        '7:15-7:24 unresolved-ref 1 Unresolved reference "acme/nope" in `objective` of "k": no objective "nope" in scorecard "acme".',
      ]);
      assert.deepEqual(
        c.diagnostics
          .get(c.uri('deep.kpi.yaml'))!
          .map((d) => d.code)
          .filter((x, i, a) => a.indexOf(x) === i)
          .sort(),
        ['file-limit'],
      );
    } finally {
      await c.stop();
    }
  });
});

describe('lsp: settings', () => {
  it('reads kpilens.rules from initializationOptions; .kpilens.yaml wins for the rules it names', async () => {
    const c = await TestClient.start(undefined, { initializationOptions: { rules: { 'unused-suppression': 'warning', 'vision-missing': 'error' } } });
    try {
      const d = await c.diagnosticsOf(c.uri('teams/fleet.kpi.yaml'));
      assert.deepEqual(
        d.map((x) => `${x.code} ${x.severity}`),
        ['unresolved-ref 1', 'unused-suppression 2', 'unresolved-ref 1'],
      );
    } finally {
      await c.stop();
    }
  });

  it('pulls the kpilens section with workspace/configuration when the client supports it, and warns about bad values', async () => {
    const c = await TestClient.start(undefined, {
      capabilities: { workspace: { configuration: true } },
      initializationOptions: { rules: { 'unused-suppression': 'warning' } },
      configuration: { rules: { 'unused-suppression': 'off', 'no-such-rule': 'off' }, asOf: 'tomorrow' },
    });
    try {
      const d = await c.diagnosticsOf(c.uri('teams/fleet.kpi.yaml'));
      assert.deepEqual(
        d.map((x) => x.code),
        ['unresolved-ref', 'unresolved-ref'],
      );
      await c.waitFor(() => (c.messages.length === 2 ? true : undefined), 'two warnings');
      assert.deepEqual(c.messages, [
        'Setting kpilens.rules: Unknown rule "no-such-rule".',
        'Setting kpilens.asOf: "tomorrow" is not a date written YYYY-MM-DD; using today.',
      ]);
    } finally {
      await c.stop();
    }
  });
});

describe('lsp: data files', () => {
  const temps: string[] = [];
  after(() => {
    for (const t of temps) fs.rmSync(t, { recursive: true, force: true });
  });

  /** The findings a layout must get: one on each refused `csv` value, as LSP ranges. */
  const expected = (d: HostileData) => d.cases.filter((x) => x.refused).map((x) => `${at(d.text, JSON.stringify(x.csv))} unresolved-ref 1 ${refusal(x)}`);
  const refs = (d: Diagnostic[]) => brief(d.filter((x) => x.code === 'unresolved-ref'));

  it('reads only regular files inside the workspace folders, and shows no other file in the preview', async () => {
    const d = writeHostileData('the workspace folder "ws"');
    temps.push(d.parent);
    const c = await TestClient.start(undefined, { folders: () => [d.ws] });
    try {
      const uri = c.uri(path.join(d.ws, 'data.kpi.yaml'));
      assert.deepEqual(refs(await c.diagnosticsOf(uri)), expected(d));
      const model = await c.connection.sendRequest<ViewModel>('kpilens/view', { uri });
      const last = Object.fromEntries(model.cascade.nodes.filter((n) => n.kind === 'kpi').map((n) => [n.id, n.kpi?.last?.value]));
      assert.deepEqual(last, Object.fromEntries(d.cases.map((x) => [x.id, x.refused ? undefined : Number(OK_VALUE)])));
      assert.ok(!JSON.stringify(model).includes(SECRET_VALUE));
    } finally {
      await c.stop();
    }
  });

  it('takes the folder of a scorecard that is in no workspace folder as its workspace', async () => {
    const d = writeHostileData("the scorecard's own folder, as it is in no workspace folder");
    temps.push(d.parent);
    const c = await TestClient.start();
    try {
      const uri = await c.open(path.join(d.ws, 'data.kpi.yaml'), 'kpi-yaml', d.text);
      assert.deepEqual(refs(await c.diagnosticsOf(uri)), expected(d));
    } finally {
      await c.stop();
    }
  });
});
