// The rules of format 1.1 about values and plans: value-domain, lever-overdue, milestone-missing
// and perspective-balance, with their exact messages and ranges.
import * as assert from 'node:assert/strict';
import { lineCol, lintFiles } from '../../server/src/engine';
import type { DataRead } from '../../server/src/engine';

const AS_OF = '2026-11-24';
const HEAD = 'kpilens: 1.1\nscorecard:\n  id: s\n';

/** One rule's findings in a scorecard as `line:col-line:col message [items]`. */
function lint(text: string, rule: string, opts: { asOf?: string; data?: Record<string, DataRead | undefined> } = {}): string[] {
  const { findings } = lintFiles([{ uri: 's.kpi.yaml', text }], {
    asOf: opts.asOf ?? AS_OF,
    readData: (_uri, csv) => opts.data?.[csv],
    onRuleError: (r, _u, e) => {
      throw new Error(`${r}: ${String(e)}`);
    },
  });
  const starts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];
  const at = (o: number) => {
    const p = lineCol(starts, o, text.length);
    return `${p.line}:${p.column}`;
  };
  return (findings.get('s.kpi.yaml') ?? [])
    .filter((f) => f.rule === rule)
    .map((f) => `${at(f.span.start)}-${at(f.span.end)} ${f.message} [${(f.items ?? []).join(', ')}]`);
}

describe('format 1.1 rules on values and plans', () => {
  describe('value-domain', () => {
    const kpi = (unit: string, rest: string) => `${HEAD}kpis:\n  - id: on-time\n    name: On time\n    unit: ${unit}\n${rest}`;

    it('names the KPI, the value, what it was meant to be and the domain, on the value', () => {
      const text = kpi('percent', '    direction: increase\n    baseline: 96\n    target: { value: 104, by: 2027-12-31 }\n');
      assert.deepEqual(lint(text, 'value-domain'), [
        '10:22-10:25 KPI "on-time" is in percent, so 104 cannot be its target: percent lies in 0..100. [s/on-time]',
      ]);
    });

    it('accepts 100 and 0 as percent, and refuses 100.5 and -0.1', () => {
      const text = kpi(
        'percent',
        '    baseline: 0\n    target: { value: 100, by: 2027-12-31 }\n    milestones:\n      - { value: 100.5, by: 2027-06-30 }\n      - { value: -0.1, by: 2027-09-30 }\n',
      );
      assert.deepEqual(lint(text, 'value-domain'), [
        '11:18-11:23 KPI "on-time" is in percent, so 100.5 cannot be its milestone for 2027-06-30: percent lies in 0..100. [s/on-time]',
        '12:18-12:22 KPI "on-time" is in percent, so -0.1 cannot be its milestone for 2027-09-30: percent lies in 0..100. [s/on-time]',
      ]);
    });

    it('accepts 3 and 0 as a count, and refuses 3.5 and -1', () => {
      const text = kpi(
        'count',
        '    direction: decrease\n    baseline: { value: 3.5, date: 2025-12-31 }\n    target: { value: 0, by: 2027-12-31 }\n    thresholds: { warn: 3, alert: -1 }\n',
      );
      assert.deepEqual(lint(text, 'value-domain'), [
        '9:24-9:27 KPI "on-time" is a count, so 3.5 cannot be its baseline: a count is a whole number, 0 or more. [s/on-time]',
        '11:35-11:37 KPI "on-time" is a count, so -1 cannot be its alert threshold: a count is a whole number, 0 or more. [s/on-time]',
      ]);
    });

    it('refuses a negative ratio and reads the unit without regard to case', () => {
      assert.deepEqual(lint(kpi('Ratio', '    baseline: -0.5\n    target: { value: 2.5, by: 2027-12-31 }\n'), 'value-domain'), [
        '8:15-8:19 KPI "on-time" is a ratio, so -0.5 cannot be its baseline: a ratio is 0 or more. [s/on-time]',
      ]);
    });

    it('checks no unit without a domain, and no threshold of a maintain KPI (they are distances)', () => {
      assert.deepEqual(lint(kpi('days', '    baseline: -5\n    target: { value: 104, by: 2027-12-31 }\n'), 'value-domain'), []);
      assert.deepEqual(
        lint(kpi('percent', '    direction: maintain\n    target: { value: 99, every: month }\n    thresholds: { warn: 120, alert: 150 }\n'), 'value-domain'),
        [],
      );
      assert.deepEqual(lint(`${HEAD}kpis:\n  - id: k\n    name: K\n    baseline: -5\n`, 'value-domain'), []);
    });

    it('checks each observation written in the scorecard, projections and block entries included, on its value', () => {
      const text = kpi(
        'percent',
        [
          '    history:',
          '      - { date: 2026-09-30, value: 100 }',
          '      - { date: 2026-10-31, value: 100.5, status: at-risk }',
          '      - date: 2026-11-30',
          '        value: 120',
          '        flag: projected',
          '      - { date: 2026-12-31, value: "104" }',
          '      - not an observation',
          '      - { value: 130 }',
          '',
        ].join('\n'),
      );
      assert.deepEqual(lint(text, 'value-domain'), [
        '10:36-10:41 KPI "on-time" is in percent, so 100.5 cannot be the value observed on 2026-10-31: percent lies in 0..100. [s/on-time]',
        '12:16-12:19 KPI "on-time" is in percent, so 120 cannot be the value observed on 2026-11-30: percent lies in 0..100. [s/on-time]',
        '16:18-16:21 KPI "on-time" is in percent, so 130 cannot be an observed value: percent lies in 0..100. [s/on-time]',
      ]);
    });

    it('points at the alias of an observation written elsewhere, inside the KPI', () => {
      const text = `${HEAD}x-shared: &bad { date: 2026-10-31, value: 150 }\nkpis:\n  - id: k\n    name: K\n    unit: percent\n    history:\n      - { date: 2026-09-30, value: 50 }\n      - *bad\n`;
      assert.deepEqual(lint(text, 'value-domain'), [
        '11:9-11:13 KPI "k" is in percent, so 150 cannot be the value observed on 2026-10-31: percent lies in 0..100. [s/k]',
      ]);
    });

    it('reports the values of a CSV file once, on the `csv` value, naming the first row and counting the others', () => {
      const text = `${HEAD}kpis:\n  - id: k\n    name: K\n    unit: count\n    data: { csv: data/k.csv, column: k }\n`;
      const csv = 'date,k\n2026-08-31,4\n2026-09-30,2.5\n2026-10-31,3\n2026-11-30,-1\n2026-12-31,-2\n';
      assert.deepEqual(lint(text, 'value-domain', { data: { 'data/k.csv': csv } }), [
        '8:18-8:28 KPI "k" is a count, so 2.5 cannot be the value observed on 2026-09-30 in data/k.csv: a count is a whole number, 0 or more. 2 more rows of the file lie outside it. [s/k]',
      ]);
      assert.deepEqual(lint(text, 'value-domain', { data: { 'data/k.csv': 'date,k\n2026-08-31,4\n2026-09-30,-3\n' } }), [
        '8:18-8:28 KPI "k" is a count, so -3 cannot be the value observed on 2026-09-30 in data/k.csv: a count is a whole number, 0 or more. [s/k]',
      ]);
      assert.deepEqual(lint(text, 'value-domain', { data: { 'data/k.csv': 'date,k\n2026-08-31,4\n' } }), []);
      assert.deepEqual(lint(text, 'value-domain', { data: { 'data/k.csv': { refused: 'it is outside the workspace' } } }), []);
      assert.deepEqual(lint(text, 'value-domain'), [], "a file that cannot be read is unresolved-ref's");
    });

    it('never throws on a history or values of the wrong shape', () => {
      for (const history of [
        'history: 5',
        'history: { a: 1 }',
        'history: [1, [2], null]',
        'history:\n      - { date: 2026-01-01, value: .nan }',
        'history:\n      - { date: 2026-01-01, value: -.inf }',
      ]) {
        assert.deepEqual(
          lint(
            kpi('percent', `    ${history}\n    target: { value: [104] }\n    baseline: { value: "x" }\n    milestones: 3\n    thresholds: [1]\n`),
            'value-domain',
          ),
          [],
          history,
        );
      }
    });
  });

  describe('lever-overdue', () => {
    const lever = (rest: string) => `${HEAD}levers:\n  - id: db\n    name: Database programme\n    owner: dbre-lead\n${rest}`;

    it('reports a lever due before as-of and not done, on `due`, saying where it stands', () => {
      assert.deepEqual(lint(lever('    due: 2026-11-23\n    state: active\n'), 'lever-overdue'), [
        '8:10-8:20 Lever "db" was due on 2026-11-23 and is still active: 1 day overdue as of 2026-11-24. [s/db]',
      ]);
      assert.deepEqual(lint(lever('    due: 2026-06-30\n    state: stalled\n'), 'lever-overdue'), [
        '8:10-8:20 Lever "db" was due on 2026-06-30 and is stalled: 147 days overdue as of 2026-11-24. [s/db]',
      ]);
      assert.deepEqual(lint(lever('    due: 2026-11-01\n    state: planned\n'), 'lever-overdue'), [
        '8:10-8:20 Lever "db" was due on 2026-11-01 and is still planned: 23 days overdue as of 2026-11-24. [s/db]',
      ]);
    });

    it('counts a lever without a state as not done, and says so', () => {
      assert.deepEqual(lint(lever('    due: 2026-11-23\n'), 'lever-overdue'), [
        '8:10-8:20 Lever "db" was due on 2026-11-23 and has no `state`, so it counts as not done: 1 day overdue as of 2026-11-24. [s/db]',
      ]);
    });

    it('is silent on the due day itself, for a lever done, without a due date, or with a state the schema rejects', () => {
      assert.deepEqual(lint(lever('    due: 2026-11-24\n    state: active\n'), 'lever-overdue'), []);
      assert.deepEqual(lint(lever('    due: 2020-01-31\n    state: done\n'), 'lever-overdue'), []);
      assert.deepEqual(lint(lever('    state: planned\n'), 'lever-overdue'), []);
      assert.deepEqual(lint(lever('    due: 2020-01-31\n    state: Done\n'), 'lever-overdue'), []);
      assert.deepEqual(lint(lever('    due: soon\n'), 'lever-overdue'), []);
    });

    it('counts from the as-of date', () => {
      assert.deepEqual(lint(lever('    due: 2026-11-23\n'), 'lever-overdue', { asOf: '2026-11-23' }), []);
    });
  });

  describe('milestone-missing', () => {
    const kpi = (target: string, milestones = '') => `${HEAD}kpis:\n  - id: arr\n    name: ARR\n    target: ${target}\n${milestones}`;

    it('reports a dated target more than 18 months after as-of with no milestone in between, on `by`', () => {
      assert.deepEqual(lint(kpi('{ value: 7500, by: 2028-05-25 }'), 'milestone-missing'), [
        '7:32-7:42 KPI "arr" aims for 7500 by 2028-05-25, more than 18 months after 2026-11-24, with no milestone in between: progress cannot be checked on the way. [s/arr]',
      ]);
      assert.deepEqual(lint(kpi('{ value: 7500, by: 2028-05-24 }'), 'milestone-missing'), [], 'exactly 18 months');
    });

    it('counts 18 calendar months, a day past the end of a month being its last day', () => {
      assert.deepEqual(lint(kpi('{ value: 1, by: 2028-02-29 }'), 'milestone-missing', { asOf: '2026-08-31' }), []);
      assert.equal(lint(kpi('{ value: 1, by: 2028-03-01 }'), 'milestone-missing', { asOf: '2026-08-31' }).length, 1);
    });

    it('counts only milestones after as-of and before the target date', () => {
      const at = (by: string) =>
        lint(kpi('{ value: 7500, by: 2030-09-30 }', `    milestones:\n      - { value: 3000, by: ${by} }\n`), 'milestone-missing').length;
      assert.deepEqual(['2026-11-24', '2026-11-25', '2030-09-29', '2030-09-30'].map(at), [1, 0, 0, 1]);
    });

    it('leaves standing targets, targets still to be decided or withheld, and milestones the schema rejects alone', () => {
      for (const target of ['{ value: 99.9, every: month }', '{ value: tbd, by: 2030-09-30 }', '{ value: withheld, by: 2030-09-30 }', '{ by: 2030-09-30 }']) {
        assert.deepEqual(lint(kpi(target), 'milestone-missing'), [], target);
      }
      assert.deepEqual(lint(kpi('{ value: 10, by: 2030-09-30 }', '    milestones:\n      - { value: 5, by: later }\n'), 'milestone-missing'), []);
    });
  });

  describe('perspective-balance', () => {
    const card = (objectives: string[]) =>
      `${HEAD}objectives:\n${objectives.map((o, i) => `  - { id: o${i}, title: O${i}${o ? `, perspective: ${o}` : ''} }\n`).join('')}`;

    it('names the perspectives left out and those covered, on scorecard.id', () => {
      assert.deepEqual(lint(card(['customer', 'process', 'learning', '']), 'perspective-balance'), [
        '3:7-3:8 The objectives of "s" leave out the financial perspective (they cover customer, process and learning): add an objective for it. [s/o0, s/o1, s/o2]',
      ]);
      assert.deepEqual(lint(card(['process', 'process']), 'perspective-balance'), [
        '3:7-3:8 The objectives of "s" leave out the financial, customer and learning perspectives (they cover process): add an objective for each. [s/o0, s/o1]',
      ]);
    });

    it('is silent when all four are covered, when no objective declares one, and when one cannot be read', () => {
      assert.deepEqual(lint(card(['learning', 'financial', 'customer', 'process']), 'perspective-balance'), []);
      assert.deepEqual(lint(card(['', '']), 'perspective-balance'), []);
      assert.deepEqual(lint(card(['customer', 'Financial']), 'perspective-balance'), []);
    });

    it('sits on line 1 of a file without a scorecard id', () => {
      const text = 'kpilens: 1.1\nobjectives:\n  - { id: o, title: O, perspective: customer }\n';
      assert.deepEqual(lint(text, 'perspective-balance'), [
        '1:1-1:13 The objectives of "s.kpi.yaml" leave out the financial, process and learning perspectives (they cover customer): add an objective for each. [s.kpi.yaml/o]',
      ]);
    });
  });
});
