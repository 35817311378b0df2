import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CodeAction,
  CodeActionRequest,
  CompletionItem,
  CompletionRequest,
  DefinitionRequest,
  DocumentSymbol,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  FoldingRangeRequest,
  HoverRequest,
  Location,
  MarkupContent,
  Position,
  PrepareRenameRequest,
  Range,
  ReferencesRequest,
  RenameRequest,
  TextEdit,
  WorkspaceEdit,
  WorkspaceSymbolRequest,
} from 'vscode-languageserver-protocol/node';
import { lintFiles, parseConfig, RULES } from '../../server/src/engine';
import { buildViewModel } from '../../server/src/engine/view';
import { ruleExplanation } from '../../server/src/lsp/hover';
import { readRuleDocs } from '../../server/src/lsp/node-files';
import { brief, FIXTURE, TestClient } from './client';

/** The position of the n-th occurrence of a string in a text, plus `delta` characters. */
function pos(text: string, needle: string, nth = 0, delta = 0): Position {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    assert.ok(i >= 0, `${JSON.stringify(needle)} occurs fewer than ${nth + 1} times`);
  }
  const lines = text.slice(0, i + delta).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

function rangeOf(text: string, needle: string, nth = 0): Range {
  return { start: pos(text, needle, nth), end: pos(text, needle, nth, needle.length) };
}

/** The range of `word` inside the first occurrence of `context`. */
function within(text: string, context: string, word: string): Range {
  const k = context.indexOf(word);
  return { start: pos(text, context, 0, k), end: pos(text, context, 0, k + word.length) };
}

/** A text with LSP edits applied (ranges of the original text, applied from the end). */
function applied(text: string, list: readonly TextEdit[]): string {
  const offset = (p: Position) =>
    text
      .split('\n')
      .slice(0, p.line)
      .reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...list]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

function r(x: Range): string {
  return `${x.start.line}:${x.start.character}-${x.end.line}:${x.end.character}`;
}

function edits(e: WorkspaceEdit | null, dir: string): string[] {
  return Object.entries(e?.changes ?? {})
    .flatMap(([uri, list]) => list.map((t: TextEdit) => `${path.relative(dir, new URL(uri).pathname)} ${r(t.range)} ${JSON.stringify(t.newText)}`))
    .sort();
}

const schema = JSON.parse(fs.readFileSync(path.join(FIXTURE, '..', '..', '..', 'schemas', 'kpi.schema.json'), 'utf8'));

describe('lsp: features', function () {
  let c: TestClient;
  let depot: string;
  let depotText: string;
  let fleet: string;
  let fleetText: string;
  let acme: string;
  let acmeText: string;
  /** A scorecard that the completion tests rewrite as they go. */
  const HUB = 'kpilens: 1\nscorecard:\n  id: hub\n  parent: acme\nkpis:\n  - id: sort-rate\n    name: Parcels sorted per hour\n';
  let hub: string;

  before(async () => {
    c = await TestClient.start(undefined, { initializationOptions: { asOf: '2026-11-24' } });
    depotText = c.text('teams/depot.kpi.yaml');
    fleetText = c.text('teams/fleet.kpi.yaml');
    acmeText = c.text('acme.kpi.yaml');
    depot = await c.open('teams/depot.kpi.yaml');
    fleet = await c.open('teams/fleet.kpi.yaml');
    acme = await c.open('acme.kpi.yaml');
    await c.diagnosticsOf(fleet, (d) => d.length === 3);
    hub = await c.open('teams/hub.kpi.yaml', 'kpi-yaml', HUB);
  });
  after(async () => {
    await c.stop();
  });

  const hoverText = async (uri: string, position: Position) => {
    const h = await c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    return { value: (h?.contents as MarkupContent | undefined)?.value, range: h?.range && r(h.range) };
  };

  describe('hover', () => {
    it('on a key: the schema description', async () => {
      const h = await hoverText(depot, pos(depotText, 'direction', 0, 2));
      assert.equal(h.value, `**direction**\n\n${schema.$defs.kpi.properties.direction.description}`);
      assert.equal(h.range, r(rangeOf(depotText, 'direction')));
      const flow = await hoverText(depot, pos(depotText, 'by:', 0, 1));
      assert.equal(flow.value, `**by**\n\n${schema.$defs.target.properties.by.description}`, 'keys of flow mappings too');
    });

    it('on a finding: why the rule exists and how to fix, and a link, but not the message the editor shows already', async () => {
      const h = await hoverText(fleet, pos(fleetText, 'acme/on-tme', 0, 6));
      const explanation = ruleExplanation('unresolved-ref', readRuleDocs);
      assert.equal(
        h.value,
        [
          `**unresolved-ref**\n\n${explanation}\n\n[Rule documentation](https://github.com/kpilens/kpilens/blob/main/docs/rules/unresolved-ref.md)`,
          'Unresolved reference `acme/on-tme`.',
        ].join('\n\n---\n\n'),
      );
      assert.equal(h.range, r(rangeOf(fleetText, 'on-tme')));
    });

    it('on a ref: the target with its owner, target, where it stands and path up to the vision', async () => {
      const h = await hoverText(fleet, pos(fleetText, 'acme/on-time-rate', 0, 8));
      // The plan runs 579 days from 91 on 2026-05-31 (the first observation) to 97 on 2027-12-31;
      // on 2026-08-31, 92 days in, it expects 16% of the way and stands at 91 + 6 x 92 / 579.
      assert.equal(
        h.value,
        [
          '**KPI** `acme/on-time-rate`: Share of parcels delivered on the promised day',
          'Owner: coo',
          'Target: 97 percent by 2027-12-31 (increase)',
          'Status: **on track** as of 2026-11-24: progress 33%, 16% expected by the plan.',
          'Last: 93 percent on 2026-08-31, plan 91.953 percent, progress 33% (16% expected).',
          'Stale: measured monthly, but nothing observed since 2026-08-31, more than two periods before 2026-11-24.',
          'Reported at risk on 2026-08-31: "Hub move in August"',
          'No lever improves it.',
          'Path to the vision: `acme/on-time-rate` → `acme/on-time` → `acme/vision`',
        ].join('\n\n'),
      );
      assert.equal(h.range, r(rangeOf(fleetText, 'on-time-rate')));
      const sc = await hoverText(fleet, pos(fleetText, 'acme/on-time-rate', 0, 1));
      assert.equal(sc.value, '**Scorecard** `acme`: Acme Logistics\n\nOwner: ceo\n\nRoot scorecard.\n\n1 objectives, 1 KPIs, 0 levers, 0 disturbances.');
      assert.equal(sc.range, r(within(fleetText, 'acme/on-time-rate', 'acme')));
    });

    it('on a KPI id: its levers, disturbances and path to the vision', async () => {
      const h = await hoverText(depot, pos(depotText, 'id: dwell-time', 0, 5));
      assert.equal(
        h.value,
        [
          '**KPI** `depot/dwell-time`: Median dwell time in the depot',
          'Owner: depot-lead',
          'Target: 4 hours by 2027-06-30 (decrease)',
          'Status: **no data** as of 2026-11-24: no observation yet.',
          'Improved by: `depot/night-shift`',
          'Disturbed by: `depot/peak-season` (high)',
          'Path to the vision: `depot/dwell-time` → `acme/on-time-rate` → `acme/on-time` → `acme/vision`',
        ].join('\n\n'),
      );
    });

    it('on the keys of format 1.1, in list items written as flow mappings too: the schema description', async () => {
      const text = `${HUB}    tier: supporting\n    milestones:\n      - { value: 40, by: 2027-06-30 }\n    history:\n      - { date: 2026-10-31, value: 38, flag: preliminary }\nlevers:\n  - id: belts\n    name: Faster belts\n    due: 2027-03-31\n`;
      await c.change(hub, text);
      const described = async (key: string, description: string) => {
        const h = await hoverText(hub, pos(text, `${key}:`, 0, 1));
        assert.equal(h.value, `**${key}**\n\n${description}`, key);
        assert.equal(
          h.range,
          r(rangeOf(text, `${key}:`, 0)).replace(/-(\d+):(\d+)$/, (_m, l, ch) => `-${l}:${Number(ch) - 1}`),
          key,
        );
      };
      const kpi = schema.$defs.kpi.properties;
      await described('tier', kpi.tier.description);
      await described('by', kpi.milestones.items.properties.by.description);
      await described('flag', schema.$defs.historyEntry.properties.flag.description);
      await described('due', schema.$defs.lever.properties.due.description);
    });

    it('on a KPI whose figures come from its data file: a standing target and its hit rate, co-owners', async () => {
      fs.writeFileSync(path.join(c.dir, 'teams', 'waits.csv'), 'date,minutes,status\n2026-09-30,14,on-track\n2026-10-31,9,\n2026-11-20,12,\n');
      const text =
        'kpilens: 1.1\nscorecard:\n  id: calls\nkpis:\n  - id: wait\n    name: Call waiting time\n    owner: [cco, team-lead]\n    unit: minutes\n    direction: decrease\n    target: { value: 10, every: month }\n    noise: 1\n    data: { csv: waits.csv, column: minutes }\n';
      const calls = await c.open('teams/calls.kpi.yaml', 'kpi-yaml', text);
      const h = await hoverText(calls, pos(text, 'id: wait', 0, 5));
      assert.equal(
        h.value,
        [
          '**KPI** `calls/wait`: Call waiting time',
          'Owners: cco, team-lead',
          'Target: 10 minutes every month (decrease)',
          'Status: **off track** as of 2026-11-24: 12 misses 10 by 2, more than the noise 1.',
          'Last: 12 minutes on 2026-11-20, target met in 1 of the last 3 observations.',
          'No lever improves it.',
          'No path up to the vision.',
        ].join('\n\n'),
      );
      await c.connection.sendNotification('textDocument/didClose', { textDocument: { uri: calls } });
    });

    it('explains a rule from its docs page without the examples and options', () => {
      const text = ruleExplanation('unresolved-ref', readRuleDocs);
      assert.ok(text.length > 0);
      assert.doesNotMatch(text, /^#+ (Triggers|Options|Default severity)/m);
      assert.equal(ruleExplanation('no-such-rule', readRuleDocs), '');
    });
  });

  describe('completion', () => {
    const complete = async (text: string, at: Position) => {
      await c.change(hub, text);
      const res = await c.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: hub }, position: at });
      const items = Array.isArray(res) ? res : (res?.items ?? []);
      return items.sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
    };
    const labels = (items: CompletionItem[]) => items.map((i) => i.label);
    const edit = (i: CompletionItem | undefined) => {
      const e = i?.textEdit as TextEdit | undefined;
      return e && `${r(e.range)} ${JSON.stringify(e.newText)}`;
    };

    it('offers the keys of a KPI that are not there yet, replacing what is typed', async () => {
      const text = `${HUB}    dir`;
      const items = await complete(text, pos(text, 'dir', 0, 3));
      assert.ok(labels(items).includes('direction'));
      assert.ok(!labels(items).includes('name') && !labels(items).includes('id'), 'keys present are not offered again');
      assert.equal(edit(items.find((i) => i.label === 'direction')), `${r(rangeOf(text, 'dir'))} "direction: "`);
      assert.equal(edit(items.find((i) => i.label === 'target')), `${r(rangeOf(text, 'dir'))} "target:\\n      "`);
      assert.equal(edit(items.find((i) => i.label === 'contributes')), `${r(rangeOf(text, 'dir'))} "contributes: [$1]"`);
    });

    it('offers enum values and poles from the schema', async () => {
      let text = `${HUB}    direction: `;
      assert.deepEqual(labels(await complete(text, pos(text, 'direction: ', 0, 11))), ['decrease', 'increase', 'maintain']);
      text = `${HUB}    poles: [ta`;
      const poles = await complete(text, pos(text, '[ta', 0, 3));
      assert.deepEqual(labels(poles).sort(), [
        'act',
        'challenge',
        'change',
        'competence',
        'direct',
        'empower',
        'reflect',
        'relationship',
        'stability',
        'support',
        'task',
        'warmth',
      ]);
      assert.equal(edit(poles.find((i) => i.label === 'task')), `${r(within(text, '[ta', 'ta'))} "task"`);
    });

    it('says what each enum value means, from the schema', async () => {
      const text = `${HUB}    direction: `;
      const items = await complete(text, pos(text, 'direction: ', 0, 11));
      const index = schema.$defs.direction.enum.indexOf('maintain');
      assert.deepEqual(items.find((i) => i.label === 'maintain')?.documentation, {
        kind: 'markdown',
        value: schema.$defs.direction.markdownEnumDescriptions[index],
      });
      assert.match(schema.$defs.direction.markdownEnumDescriptions[index], /^Best close to the target/);
    });

    it('offers objectives for `objective`, the parent scorecard first, qualified across files', async () => {
      const text = `${HUB}    objective: `;
      assert.deepEqual(labels(await complete(text, pos(text, 'objective: ', 0, 11))), ['acme/on-time', 'depot/fast-dispatch', 'fleet/reliable-vans']);
    });

    it('offers KPIs for `contributes`, local ones first, and scorecard ids for `parent`', async () => {
      let text = `${HUB}    contributes: [acme/`;
      const kpis = await complete(text, pos(text, 'acme/', 0, 5));
      assert.deepEqual(labels(kpis), ['sort-rate', 'acme/on-time-rate', 'depot/dwell-time', 'fleet/breakdowns', 'fleet/van-age']);
      assert.equal(edit(kpis[1]), `${r(rangeOf(text, 'acme/'))} "acme/on-time-rate"`);
      text = HUB.replace('parent: acme', 'parent: ');
      assert.deepEqual(labels(await complete(text, pos(text, 'parent: ', 0, 8))).sort(), ['acme', 'depot', 'fleet']);
    });

    it('offers dates from the as-of date for `by`', async () => {
      const text = `${HUB}    target: { value: 5, by: `;
      assert.deepEqual(labels(await complete(text, pos(text, 'by: ', 0, 4))), ['2026-11-24', '2026-12-31', '2027-03-31', '2027-12-31']);
    });

    it('offers the values of the format 1.1 fields from the schema, in list items written as flow mappings too', async () => {
      const cases: [string, string[]][] = [
        ['    tier: ', ['key', 'supporting']],
        ['    measure:\n      window: ', ['day', 'month', 'quarter', 'week', 'year']],
        ['    target: { value: 99.9, every: ', ['day', 'month', 'quarter', 'week', 'year']],
        ['    history:\n      - { date: 2026-10-31, value: 38, flag: ', ['preliminary', 'projected', 'revised']],
        ['    history:\n      - { date: 2026-10-31, value: 38, status: ', ['at-risk', 'off-track', 'on-track']],
        ['levers:\n  - id: belts\n    name: Faster belts\n    state: ', ['active', 'done', 'planned', 'stalled']],
        ['objectives:\n  - id: flow\n    title: Parcels flow\n    perspective: ', ['customer', 'financial', 'learning', 'process']],
      ];
      for (const [tail, expected] of cases) {
        const text = `${HUB}${tail}`;
        assert.deepEqual(labels(await complete(text, pos(text, tail.slice(-8), 0, 8))), expected, tail);
      }
    });

    it("offers dates for a lever's `due`, a milestone's `by` and a baseline's `date`", async () => {
      const dates = ['2026-11-24', '2026-12-31', '2027-03-31', '2027-12-31'];
      for (const tail of [
        'levers:\n  - id: belts\n    name: Faster belts\n    due: ',
        '    milestones:\n      - { value: 40, by: ',
        '    baseline: { value: 30, date: ',
      ]) {
        const text = `${HUB}${tail}`;
        assert.deepEqual(labels(await complete(text, pos(text, tail.slice(-4), 0, 4))), dates, tail);
      }
    });

    it('offers owners for a list of co-owners, leaving out those it names already', async () => {
      let text = `${HUB}    owner: [coo, `;
      const items = await complete(text, pos(text, '[coo, ', 0, 6));
      assert.deepEqual(labels(items), ['ceo', 'depot-lead']);
      assert.equal(
        edit(items[0]),
        `${r(rangeOf(text, '[coo, ', 0)).replace(/^\d+:\d+/, `${pos(text, '[coo, ', 0, 6).line}:${pos(text, '[coo, ', 0, 6).character}`)} "ceo"`,
      );
      text = `${HUB}    owner:\n      - depot-lead\n      - \n      - ceo # deputy\n`;
      assert.deepEqual(labels(await complete(text, pos(text, '- \n', 0, 2))), ['coo']);
    });

    it('offers a standing target among the keys of a KPI, and a milestone in its milestones', async () => {
      let text = `${HUB}    tar`;
      let items = await complete(text, pos(text, 'tar', 0, 3));
      assert.equal(
        edit(items.find((i) => i.label === 'Standing target')),
        `${r(rangeOf(text, 'tar'))} "target: { value: \${1:0}, every: \${2|day,week,month,quarter,year|} }"`,
      );
      text = `${HUB}    target: { value: 50, by: 2027-06-30 }\n    tar`;
      assert.ok(!labels(await complete(text, pos(text, '    tar', 1, 7))).includes('Standing target'), 'not when the KPI has a target');
      text = `${HUB}    milestones:\n      `;
      items = await complete(text, { line: 8, character: 6 });
      assert.equal(edit(items.find((i) => i.label === 'New milestone')), '8:6-8:6 "- { value: ${1:0}, by: ${2:2026-12-31} }"');
      text = `${HUB}    milestones:\n      - { value: 40, by: 2027-06-30 }\n      - `;
      items = await complete(text, { line: 9, character: 8 });
      assert.equal(edit(items.find((i) => i.label === 'New milestone')), '9:8-9:8 "{ value: ${1:0}, by: ${2:2026-12-31} }"');
    });

    it('offers rule ids in suppression comments', async () => {
      const text = `${HUB}    # kpilens-disable-next-line kpi-owner, unre`;
      const items = await complete(text, pos(text, 'unre', 0, 4));
      assert.ok(labels(items).includes('unresolved-ref'));
      assert.ok(!labels(items).includes('kpi-owner'));
      assert.equal(items.length, RULES.length - 1);
    });

    it('offers KPI snippets in the kpis list and a scorecard snippet of format 1.1 in an empty file', async () => {
      const text = `${HUB}  `;
      const items = await complete(text, { line: 7, character: 2 });
      const kpi = items.find((i) => i.label === 'New KPI');
      assert.equal(
        edit(kpi),
        `7:2-7:2 ${JSON.stringify(
          [
            '- id: ${1:new-kpi}',
            '    name: ${2:What is measured}',
            '    objective: $3',
            '    owner: $4',
            '    unit: $5',
            '    direction: ${6|increase,decrease,maintain|}',
            '    baseline: ${7:0}',
            '    target: { value: ${8:0}, by: ${9:2026-12-31} }',
            '    cadence: ${10|daily,weekly,biweekly,monthly,quarterly,yearly|}',
          ].join('\n'),
        )}`,
      );
      const measured = items.find((i) => i.label === 'New measured KPI');
      assert.equal(
        edit(measured),
        `7:2-7:2 ${JSON.stringify(
          [
            '- id: ${1:new-kpi}',
            '    name: ${2:What is measured}',
            '    measure: { of: ${3:quantity}, stat: ${4|mean,median,sum,count,rate,ratio,min,max,last|}, window: ${5|day,week,month,quarter,year|} }',
            '    objective: $6',
            '    owner: $7',
            '    unit: $8',
            '    direction: ${9|increase,decrease,maintain|}',
            '    baseline: { value: ${10:0}, date: ${11:2026-11-24} }',
            '    target: { value: ${12:0}, by: ${13:2026-12-31} }',
            '    cadence: ${14|daily,weekly,biweekly,monthly,quarterly,yearly|}',
            '    history:',
            '      - { date: ${11}, value: ${10} }',
          ].join('\n'),
        )}`,
      );
      const empty = await complete('', { line: 0, character: 0 });
      assert.ok(labels(empty).includes('New scorecard'));
      assert.ok(labels(empty).includes('kpilens') && labels(empty).includes('scorecard'));
      assert.match(edit(empty.find((i) => i.label === 'New scorecard'))!, /^0:0-0:0 "kpilens: 1\.1\\nscorecard:\\n {2}id: \$\{1:hub\}/);
    });
  });

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
