// When the server lints: a burst of edits is linted once, at its last version; a change that
// undoes the one before comes back; and the scheduler never stops after a scorecard it had not
// linted yet leaves the workspace.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { lintFiles } from '../../server/src/engine';
import { failureDiagnostic } from '../../server/src/lsp/convert';
import { Index } from '../../server/src/lsp/index';
import type { Entry } from '../../server/src/lsp/index';
import { Linter } from '../../server/src/lsp/linter';
import type { LintSink } from '../../server/src/lsp/linter';
import { Settings } from '../../server/src/lsp/settings';
import { ROOT, TestClient } from './client';

const WORKSPACE = path.join(ROOT, 'test', 'e2e', 'workspace');
const AS_OF = '2026-11-24';
const OWNER_FIX = ['    improves: [first-response, ticket-backlog]\n', '    improves: [first-response, ticket-backlog]\n    owner: kb-lead\n'];
const codes = (list: { code?: unknown }[]) => list.map((d) => d.code);

describe('language server: scheduling', function () {
  this.timeout(60_000);
  let c: TestClient;
  beforeEach(async () => {
    c = await TestClient.start(WORKSPACE, { initializationOptions: { asOf: AS_OF } });
  });
  afterEach(() => c.stop());

  it('gives a finding back when the change that fixed it is undone, right away or after a pause', async () => {
    const uri = await c.open('team.kpi.yaml');
    const before = c.text('team.kpi.yaml');
    const fixed = before.replace(OWNER_FIX[0], OWNER_FIX[1]);
    assert.notEqual(fixed, before, 'the fixture changed: update this test');
    await c.diagnosticsOf(uri, (d) => codes(d).includes('kpi-owner'), 'kpi-owner before the fix');
    for (const pauseMs of [0, 200]) {
      await c.change(uri, fixed);
      if (pauseMs) await c.diagnosticsOf(uri, (d) => d.length > 0 && !codes(d).includes('kpi-owner'), 'kpi-owner to go away');
      await new Promise((r) => setTimeout(r, pauseMs));
      await c.change(uri, before);
      await c.diagnosticsOf(uri, (d) => codes(d).includes('kpi-owner'), `kpi-owner back after ${pauseMs} ms`);
    }
  });

  it("answers a hover sent right after a burst of 200 edits from the last text, and ends with the CLI's findings for it", async () => {
    const uri = await c.open('team.kpi.yaml');
    const text = c.text('team.kpi.yaml');
    // Those of the opened text, and then those of the workspace lint that follows the start.
    await c.waitFor(() => (c.publishedVersion.get(uri) === 1 ? true : undefined), 'the diagnostics of the opened text');
    await c.quiet(300);
    const publishedBefore = c.published.get(uri) ?? 0;
    // Typing a long name into the KPI `first-response`, one character per change.
    const at = text.indexOf('Median first response time') + 'Median'.length;
    const typed = ' weekly'.repeat(29).slice(0, 200);
    const texts = Array.from({ length: typed.length }, (_, i) => text.slice(0, at) + typed.slice(0, i + 1) + text.slice(at));
    const last = texts[texts.length - 1];
    c.changeAll(uri, texts);
    const line = last.slice(0, at).split('\n').length - 2;
    const hover = await c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character: 10 } });
    assert.match(JSON.stringify(hover?.contents), new RegExp(`Median${typed.slice(0, 20)}`), 'the hover on the edited KPI names it as typed');
    const final = await c.waitFor(() => {
      const d = c.diagnostics.get(uri);
      return d && (c.published.get(uri) ?? 0) > publishedBefore ? d : undefined;
    }, 'diagnostics after the burst');
    await new Promise((r) => setTimeout(r, 300));
    const files = ['company.kpi.yaml', 'team.kpi.yaml'].map((f) => ({ uri: c.uri(f), text: f === 'team.kpi.yaml' ? last : c.text(f) }));
    const cli = (lintFiles(files, { asOf: AS_OF }).findings.get(uri) ?? []).map((f) => f.rule).sort();
    assert.deepEqual(
      codes(c.diagnostics.get(uri) ?? final)
        .map(String)
        .sort(),
      cli,
    );
  });
});

describe('language server: the lint loop', () => {
  /** An index that records the revision of every parse it makes. */
  class CountingIndex extends Index {
    readonly parses: number[] = [];
    override parsed(entry: Entry) {
      if (!entry.parsed) this.parses.push(entry.revision);
      return super.parsed(entry);
    }
  }

  it('parses a burst of edits once, at its last version, however the edits interleave with the lint', async () => {
    const kpis = Array.from(
      { length: 2000 },
      (_, k) => `  - id: k${k}\n    name: "KPI number ${k}"\n    owner: o${k % 7}\n    unit: count\n    direction: increase\n`,
    ).join('');
    const text = `kpilens: 1\nscorecard: { id: big, title: Big }\nkpis:\n${kpis}`;
    const index = new CountingIndex();
    const settings = new Settings();
    settings.apply({ asOf: AS_OF });
    const published: number[] = [];
    // A debounce shorter than one parse of this file: the server's own work must not make
    // the next edit of the burst look like one typed after a pause.
    const linter = new Linter(index, settings, { findings: (e) => published.push(e.revision), failed: () => {}, passDone: () => {}, log: () => {} }, 50);
    let entry = index.set('untitled:big', text, true, 1);
    linter.changed(entry.key);
    await linter.idle();
    index.parses.length = 0;
    // In the last KPI, where an edit takes a whole parse.
    const at = text.indexOf('KPI number 1999') + 3;
    // Each edit arrives after the loop had a turn, as notifications do from a client.
    for (let i = 1; i <= 60; i++) {
      entry = index.set(entry.uri, text.slice(0, at) + 'x'.repeat(i) + text.slice(at), true, i + 1);
      linter.changed(entry.key);
      await new Promise((r) => setImmediate(r));
    }
    await linter.idle();
    // Two parses: the first edit's and the last. A loaded machine may pause the burst longer than
    // the debounce and add one or two; parsing each version (60) is the fault this guards against.
    assert.ok(index.parses.length < 10, `parsed ${index.parses.length} versions of one burst: ${index.parses.join(', ')}`);
    assert.equal(published.at(-1), entry.revision, 'the last version is the one published');
  });

  /** A linter over an empty index, with the tests' as-of date, that tells `sink` (what it leaves out does nothing). */
  function linterFor(sink: Partial<LintSink>, delayMs: number, settings = new Settings()) {
    settings.apply({ asOf: AS_OF });
    const index = new Index();
    return { index, linter: new Linter(index, settings, { findings: () => {}, failed: () => {}, passDone: () => {}, log: () => {}, ...sink }, delayMs) };
  }

  it('keeps linting after a scorecard it had not linted leaves the workspace', async () => {
    const published: string[] = [];
    const { index, linter } = linterFor({ findings: (e) => published.push(e.uri) }, 10);
    const gone = index.set('untitled:Untitled-1', 'kpilens: 1\nscorecard: { id: draft, title: Draft }\n', true, 1);
    index.delete(gone.uri);
    linter.removed(gone);
    const kept = index.set('untitled:Untitled-2', 'kpilens: 1\nscorecard: { id: kept, title: Kept }\n', true, 1);
    linter.changed(kept.key);
    await linter.idle();
    assert.deepEqual(published, ['untitled:Untitled-2']);
  });

  it('lints an edit that comes right after the diagnostics of the one before at once, not after a pause in typing', async () => {
    const published: number[] = [];
    // A pause in typing that no test waits for: an edit that waited for it would time the test out.
    const { index, linter } = linterFor({ findings: (e) => published.push(e.revision) }, 3_600_000);
    const uri = 'untitled:Untitled-1';
    const first = index.set(uri, 'kpilens: 1\nscorecard: { id: a, title: A }\n', true, 1);
    linter.changed(first.key);
    await linter.idle();
    const second = index.set(uri, 'kpilens: 1\nscorecard: { id: a, title: AB }\n', true, 2);
    linter.changed(second.key);
    await linter.idle();
    assert.deepEqual(published, [first.revision, second.revision]);
  });

  it('says on line 1 of a scorecard that linting it failed, with the error and no stack, and keeps linting the others', async () => {
    const settings = new Settings();
    const broken = Object.assign(Object.create(settings) as Settings, {
      settingsFor: (file: string | undefined) => {
        if (file?.endsWith('bad.kpi.yaml')) throw new Error('settings exploded');
        return settings.settingsFor(file);
      },
    });
    const published: string[] = [];
    const failed: [string, string][] = [];
    const logged: string[] = [];
    const sink = {
      findings: (e: Entry) => published.push(e.uri),
      failed: (e: Entry, message: string) => failed.push([e.uri, message]),
      log: (m: string) => logged.push(m),
    };
    const { index, linter } = linterFor(sink, 10, broken);
    const bad = index.set('file:///w/bad.kpi.yaml', 'kpilens: 1\nscorecard: { id: bad, title: Bad }\n', true, 1);
    const good = index.set('file:///w/good.kpi.yaml', 'kpilens: 1\nscorecard: { id: good, title: Good }\n', true, 1);
    linter.changed(bad.key);
    linter.changed(good.key);
    await linter.idle();
    const message = 'Linting this file failed: settings exploded. This is a bug in kpilens: please report it, with the file if you can.';
    // A pass that a change abandons lints again: a scorecard may be told twice, never otherwise.
    assert.deepEqual([...new Map(failed)], [['file:///w/bad.kpi.yaml', message]]);
    assert.deepEqual([...new Set(published)], ['file:///w/good.kpi.yaml']);
    assert.match(logged.join('\n'), /settings exploded\n\s+at /, 'the stack goes to the log');
    assert.deepEqual(linter.current(bad), []);
    assert.deepEqual(failureDiagnostic(bad.text, message), {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 10 } },
      severity: 1,
      source: 'kpilens',
      message,
    });
  });
});
