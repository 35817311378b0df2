// Completion in the language server: keys, values from the schema, ids across the workspace,
// dates, owners, rule ids in suppression comments and snippets.
import { strict as assert } from 'node:assert';
import { CompletionItem, CompletionRequest, Position, TextEdit } from 'vscode-languageserver-protocol/node';
import { RULES } from '../../server/src/engine';
import { TestClient } from './client';
import { HUB, pos, r, rangeOf, schema, within, withFeatures } from './features';

describe('lsp: features', function () {
  let c: TestClient, hub: string;
  withFeatures((f) => ({ c, hub } = f));

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
});
