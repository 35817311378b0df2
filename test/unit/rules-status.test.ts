// The rules that come from a KPI's status (RULES.md, Version 1.1): exact messages and ranges.
// Where each finding starts, case by case, is in test/fixtures/rules/stale-data and status-mismatch.
import * as assert from 'node:assert/strict';
import { lineCol, lineStarts, lintFiles } from '../../server/src/engine';

function findingsOf(text: string, rule: string, asOf = '2026-11-24', csv?: string): string[] {
  const { findings } = lintFiles([{ uri: 'a.kpi.yaml', text }], {
    asOf,
    readData: (_uri, file) => (file === 'k.csv' ? csv : undefined),
    onRuleError: (r, _u, e) => {
      throw new Error(`${r}: ${String(e)}`);
    },
  });
  const starts = lineStarts(text);
  return (findings.get('a.kpi.yaml') ?? [])
    .filter((f) => f.rule === rule)
    .map((f) => {
      const a = lineCol(starts, f.span.start, text.length);
      const b = lineCol(starts, f.span.end, text.length);
      return `${a.line}:${a.column}-${b.line}:${b.column} ${f.message}`;
    });
}

const HEAD = 'kpilens: 1.1\nscorecard:\n  id: s\nkpis:\n';

describe('stale-data', () => {
  it('sits on the date of the latest observation and says how old it is', () => {
    const text = `${HEAD}  - id: churn\n    name: Churn\n    cadence: monthly\n    history:\n      - { date: 2026-07-31, value: 3 }\n      - { date: 2026-08-31, value: 4 }\n`;
    assert.deepEqual(findingsOf(text, 'stale-data'), [
      '10:17-10:27 KPI "churn" is measured monthly, but its latest observation is from 2026-08-31, more than two periods before 2026-11-24: its status is out of date.',
    ]);
    assert.deepEqual(findingsOf(text, 'stale-data', '2026-10-31'), [], 'exactly two months before as-of is not stale');
  });

  it('sits on the csv value when the observations come from a data file', () => {
    const text = `${HEAD}  - id: churn\n    name: Churn\n    cadence: quarterly\n    data: { csv: k.csv, column: v }\n`;
    assert.deepEqual(findingsOf(text, 'stale-data', '2026-11-24', 'date,v\n2026-03-31,4\n'), [
      '8:18-8:23 KPI "churn" is measured quarterly, but its latest observation is from 2026-03-31, more than two periods before 2026-11-24: its status is out of date.',
    ]);
    assert.deepEqual(findingsOf(text, 'stale-data', '2026-11-24', undefined), [], 'an unreadable file gives no data, and no data is not stale');
  });
});

describe('status-mismatch', () => {
  it('sits on the reported status and gives the status the data says, with why', () => {
    const text = `${HEAD}  - id: nps\n    name: NPS\n    direction: increase\n    thresholds: { warn: 30, alert: 25 }\n    history:\n      - { date: 2026-10-31, value: 24, status: at-risk, note: "Survey changed" }\n`;
    assert.deepEqual(findingsOf(text, 'status-mismatch'), [
      '10:48-10:55 KPI "nps" was reported at risk on 2026-10-31, but its data says off track: 24, at or below the alert threshold 25.',
    ]);
  });

  it('explains a plan or a missed target in the same words as the status', () => {
    const plan = `${HEAD}  - id: cost\n    name: Cost\n    direction: decrease\n    baseline: { value: 40, date: 2026-01-01 }\n    target: { value: 20, by: 2027-01-01 }\n    history:\n      - { date: 2026-07-02, value: 36, status: on-track }\n`;
    assert.deepEqual(findingsOf(plan, 'status-mismatch'), [
      '11:48-11:56 KPI "cost" was reported on track on 2026-07-02, but its data says off track: progress 20%, 50% expected by the plan.',
    ]);
    const missed = plan.replace('2027-01-01', '2026-09-30');
    assert.deepEqual(findingsOf(missed, 'status-mismatch'), [
      '11:48-11:56 KPI "cost" was reported on track on 2026-07-02, but its data says off track: target 20 by 2026-09-30 missed: 36 on 2026-07-02.',
    ]);
  });
});
