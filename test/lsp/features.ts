// The workspace the feature tests (features-*.test.ts) run on, and what they compare: a server on
// the LSP fixture with its three scorecards open and a team scorecard that the tests rewrite as
// they go, positions and ranges found by the text they point at, and edits as lines of text.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { FIXTURE, TestClient } from './client';

/** The position of the n-th occurrence of a string in a text, plus `delta` characters. */
export function pos(text: string, needle: string, nth = 0, delta = 0): Position {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    assert.ok(i >= 0, `${JSON.stringify(needle)} occurs fewer than ${nth + 1} times`);
  }
  const lines = text.slice(0, i + delta).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

export function rangeOf(text: string, needle: string, nth = 0): Range {
  return { start: pos(text, needle, nth), end: pos(text, needle, nth, needle.length) };
}

/** The range of `word` inside the first occurrence of `context`. */
export function within(text: string, context: string, word: string): Range {
  const k = context.indexOf(word);
  return { start: pos(text, context, 0, k), end: pos(text, context, 0, k + word.length) };
}

/** A text with LSP edits applied (ranges of the original text, applied from the end). */
export function applied(text: string, list: readonly TextEdit[]): string {
  const offset = (p: Position) =>
    text
      .split('\n')
      .slice(0, p.line)
      .reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...list]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

export function r(x: Range): string {
  return `${x.start.line}:${x.start.character}-${x.end.line}:${x.end.character}`;
}

export function edits(e: WorkspaceEdit | null, dir: string): string[] {
  return Object.entries(e?.changes ?? {})
    .flatMap(([uri, list]) => list.map((t: TextEdit) => `${path.relative(dir, new URL(uri).pathname)} ${r(t.range)} ${JSON.stringify(t.newText)}`))
    .sort();
}

export const schema = JSON.parse(fs.readFileSync(path.join(FIXTURE, '..', '..', '..', 'schemas', 'kpi.schema.json'), 'utf8'));

/** A scorecard that the completion tests rewrite as they go. */
export const HUB = 'kpilens: 1\nscorecard:\n  id: hub\n  parent: acme\nkpis:\n  - id: sort-rate\n    name: Parcels sorted per hour\n';

export interface Features {
  c: TestClient;
  depot: string;
  depotText: string;
  fleet: string;
  fleetText: string;
  acme: string;
  acmeText: string;
  hub: string;
}

/** Starts a server on the fixture, opens its scorecards, waits for their findings and opens the hub with `hubText`. */
async function openFeatures(hubText: string): Promise<Features> {
  const c = await TestClient.start(undefined, { initializationOptions: { asOf: '2026-11-24' } });
  const depotText = c.text('teams/depot.kpi.yaml');
  const fleetText = c.text('teams/fleet.kpi.yaml');
  const acmeText = c.text('acme.kpi.yaml');
  const depot = await c.open('teams/depot.kpi.yaml');
  const fleet = await c.open('teams/fleet.kpi.yaml');
  const acme = await c.open('acme.kpi.yaml');
  await c.diagnosticsOf(fleet, (d) => d.length === 3);
  const hub = await c.open('teams/hub.kpi.yaml', 'kpi-yaml', hubText);
  return { c, depot, depotText, fleet, fleetText, acme, acmeText, hub };
}

/**
 * Gives the tests of the calling suite a server of their own: started on the fixture before them
 * (`bind` takes the documents into the suite's variables), stopped after them.
 */
export function withFeatures(bind: (f: Features) => void, hubText = HUB): void {
  let c: TestClient | undefined;
  before(async () => {
    const f = await openFeatures(hubText);
    c = f.c;
    bind(f);
  });
  after(async () => {
    await c?.stop();
  });
}
