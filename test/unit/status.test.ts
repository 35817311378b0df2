// Where a KPI stands (FORMAT.md, "Status"): each case of the spec, with its exact figures.
import * as assert from 'node:assert/strict';
import { kpiStatus, parseScorecard } from '../../server/src/engine';
import type { KpiStatus } from '../../server/src/engine';

/** A KPI written as its fields (one per line, as in a block mapping) and an optional history. */
function kpiOf(fields: string, history: string[] = []) {
  const body = fields
    .split('\n')
    .filter(Boolean)
    .map((l) => `    ${l}`)
    .join('\n');
  const hist = history.length ? `\n    history:\n${history.map((h) => `      - ${h}`).join('\n')}` : '';
  const sc = parseScorecard('mem:s', `kpilens: 1.1\nscorecard: { id: s }\nkpis:\n  - id: k\n    name: K\n${body}${hist}\n`).scorecard;
  assert.equal(sc.kpis.length, 1);
  return sc.kpis[0];
}

function status(fields: string, history: string[], asOf?: string, csv?: string): KpiStatus {
  return kpiStatus(kpiOf(fields, history), (file) => (file === 'k.csv' ? csv : undefined), asOf);
}

const obs = (date: string, value: number, extra = '') => `{ date: ${date}, value: ${value}${extra} }`;

// A plan that is easy to read: from 0 on 2026-01-01 to 100 on 2026-04-11, 100 days later, so
// that on day d of the plan its value is d.
const DATED = 'direction: increase\nbaseline: { value: 0, date: 2026-01-01 }\ntarget: { value: 100, by: 2026-04-11 }';
/** Day 50 of the plan: 2026-02-20. */
const DAY50 = '2026-02-20';

describe('status: a dated target with a baseline', () => {
  const at50 = (value: number, fields = DATED) => status(fields, [obs('2026-01-10', 5), obs(DAY50, value)], '2026-03-01');

  it('gives the plan value, progress and expected progress at the date of the latest observation', () => {
    assert.deepEqual(at50(45), {
      status: 'on-track',
      reason: 'progress 45%, 50% expected by the plan',
      stale: false,
      last: { date: DAY50, value: 45 },
      plan: 50,
      progress: 0.45,
      expected: 0.5,
      met: false,
      missed: false,
      trend: [5, 45],
    });
  });

  it('on track down to 0.1 behind the plan, at risk down to 0.25 behind, then off track', () => {
    assert.deepEqual(
      [40, 39.9, 25, 24.9].map((v) => [v, at50(v).status, at50(v).reason]),
      [
        [40, 'on-track', 'progress 40%, 50% expected by the plan'],
        [39.9, 'at-risk', 'progress 40%, 50% expected by the plan'],
        [25, 'at-risk', 'progress 25%, 50% expected by the plan'],
        [24.9, 'off-track', 'progress 25%, 50% expected by the plan'],
      ],
    );
  });

  it('on track within the noise of the plan value, however far behind in progress', () => {
    const noisy = `${DATED}\nnoise: 11`;
    assert.deepEqual(
      [39, 38.9].map((v) => [at50(v, noisy).status, at50(v, noisy).reason]),
      [
        ['on-track', "39 against the plan's 50, within the noise 11"],
        ['at-risk', 'progress 39%, 50% expected by the plan'],
      ],
    );
    assert.equal(at50(39, noisy).noise, 11);
  });

  it('decrease: progress counts downwards', () => {
    const s = status('direction: decrease\nbaseline: { value: 40, date: 2026-01-01 }\ntarget: { value: 20, by: 2026-04-11 }', [obs(DAY50, 33)], '2026-03-01');
    assert.deepEqual([s.status, s.plan, s.progress, s.expected], ['at-risk', 30, 0.35, 0.5]);
  });

  it('met before time: on track, with met', () => {
    const s = at50(100);
    assert.deepEqual([s.status, s.reason, s.met, s.progress, s.expected], ['on-track', 'target 100 already met', true, 1, 0.5]);
  });

  it('after the target date: on track when met, else off track, missed', () => {
    const after = (value: number) => status(DATED, [obs('2026-04-10', value)], '2026-04-12');
    assert.deepEqual(after(100), {
      status: 'on-track',
      reason: 'target 100 by 2026-04-11 met',
      stale: false,
      last: { date: '2026-04-10', value: 100 },
      plan: 99,
      progress: 1,
      expected: 0.99,
      met: true,
      missed: false,
      trend: [100],
    });
    const missed = after(99.5);
    assert.deepEqual(
      [missed.status, missed.reason, missed.missed, missed.met],
      ['off-track', 'target 100 by 2026-04-11 missed: 99.5 on 2026-04-10', true, false],
    );
    // On the target date itself there is still time: the plan decides.
    assert.equal(status(DATED, [obs('2026-04-10', 99.5)], '2026-04-11').status, 'on-track');
  });

  it('dates a baseline written as a number at the first observation', () => {
    const s = status('direction: increase\nbaseline: 0\ntarget: { value: 100, by: 2026-04-11 }', [obs('2026-01-01', 0), obs(DAY50, 30)], '2026-03-01');
    assert.deepEqual([s.status, s.plan, s.progress, s.expected], ['at-risk', 50, 0.3, 0.5]);
  });

  it('has no plan without a baseline: unknown until the target is met or its date has passed', () => {
    const fields = 'direction: increase\ntarget: { value: 100, by: 2026-04-11 }';
    const s = status(fields, [obs(DAY50, 30)], '2026-03-01');
    assert.deepEqual([s.status, s.reason, s.plan, s.progress], ['unknown', 'no baseline to draw the plan from', undefined, undefined]);
    assert.equal(status(fields, [obs(DAY50, 100)], '2026-03-01').status, 'on-track');
    assert.equal(status(fields, [obs(DAY50, 30)], '2026-05-01').status, 'off-track');
  });

  it('a target equal to its baseline has no progress: on track within the noise of the plan, else off track', () => {
    const flat = (v: number) =>
      status('direction: increase\nbaseline: { value: 50, date: 2026-01-01 }\ntarget: { value: 50, by: 2026-04-11 }\nnoise: 2', [obs(DAY50, v)], '2026-03-01');
    assert.deepEqual(
      [48, 47.9].map((v) => [flat(v).status, flat(v).reason, flat(v).progress, flat(v).expected]),
      [
        ['on-track', "48 against the plan's 50, within the noise 2", undefined, undefined],
        ['off-track', "47.9 against the plan's 50", undefined, undefined],
      ],
    );
  });

  it('a target without a date: on track once met, else unknown', () => {
    assert.deepEqual(
      [30, 100].map((v) => status('direction: increase\nbaseline: 0\ntarget: { value: 100 }', [obs(DAY50, v)], '2026-03-01')).map((s) => [s.status, s.reason]),
      [
        ['unknown', 'the target has no date'],
        ['on-track', 'target 100 already met'],
      ],
    );
  });
});

describe('status: milestones', () => {
  // 0 on 2026-01-01, 20 by 2026-03-02 (day 60), 100 by 2026-04-11 (day 100).
  const fields = `${DATED}\nmilestones:\n  - { value: 20, by: 2026-03-02 }`;
  const at = (date: string, value: number) => status(fields, [obs(date, value)], '2026-04-01');

  it('draws the plan through each milestone', () => {
    const early = at(DAY50, 10);
    assert.deepEqual([early.plan?.toFixed(4), early.expected?.toFixed(4), early.status], ['16.6667', '0.1667', 'on-track']);
    // Day 80 (2026-03-22): half way from 20 to 100.
    assert.deepEqual(
      [50, 49.9, 35, 34.9].map((v) => [at('2026-03-22', v).plan, at('2026-03-22', v).expected, at('2026-03-22', v).status]),
      [
        [60, 0.6, 'on-track'],
        [60, 0.6, 'at-risk'],
        [60, 0.6, 'at-risk'],
        [60, 0.6, 'off-track'],
      ],
    );
  });

  it('ignores milestones outside the plan and takes them in date order', () => {
    const shuffled = `${DATED}\nmilestones:\n  - { value: 60, by: 2026-03-22 }\n  - { value: 5, by: 2025-06-30 }\n  - { value: 20, by: 2026-03-02 }`;
    const s = status(shuffled, [obs('2026-03-12', 40)], '2026-04-01');
    assert.deepEqual([s.plan, s.expected, s.status], [40, 0.4, 'on-track']);
  });
});

describe('status: a standing target', () => {
  const fields = 'direction: increase\ntarget: { value: 95, every: month }\nnoise: 1';
  // 13 months: the first one falls out of the last 12.
  const months = [
    '2025-11-30',
    '2025-12-31',
    '2026-01-31',
    '2026-02-28',
    '2026-03-31',
    '2026-04-30',
    '2026-05-31',
    '2026-06-30',
    '2026-07-31',
    '2026-08-31',
    '2026-09-30',
    '2026-10-31',
    '2026-11-30',
  ];
  const values = [99, 96, 94, 95, 97, 93, 96, 95.5, 92, 96, 97, 98];
  const run = (lastValue: number) =>
    status(
      fields,
      months.map((d, i) => obs(d, i < 12 ? values[i] : lastValue)),
      '2026-12-01',
    );

  it('on track when the latest value meets it, with the hit rate of the last 12 observations', () => {
    const s = run(95);
    assert.deepEqual(s, {
      status: 'on-track',
      reason: '95 meets the standing target 95',
      stale: false,
      last: { date: '2026-11-30', value: 95 },
      met: true,
      missed: false,
      hitRate: 9 / 12,
      trend: [96, 94, 95, 97, 93, 96, 95.5, 92, 96, 97, 98, 95],
      noise: 1,
    });
  });

  it('at risk when it misses by no more than the noise, else off track', () => {
    assert.deepEqual(
      [94, 93.9].map((v) => [run(v).status, run(v).reason, run(v).hitRate]),
      [
        ['at-risk', '94 misses 95 by 1, within the noise 1', 8 / 12],
        ['off-track', '93.9 misses 95 by 1.1, more than the noise 1', 8 / 12],
      ],
    );
  });

  it('decrease: meets it at or below; without noise any miss is off track', () => {
    const s = (v: number) => status('direction: decrease\ntarget: { value: 5, every: week }', [obs('2026-11-20', v)], '2026-11-24');
    assert.deepEqual(
      [5, 5.1].map((v) => [s(v).status, s(v).reason, s(v).hitRate]),
      [
        ['on-track', '5 meets the standing target 5', 1],
        ['off-track', '5.1 misses 5 by 0.1', 0],
      ],
    );
  });
});

describe('status: maintain', () => {
  const at = (value: number, extra = 'noise: 2') =>
    status(`direction: maintain\ntarget: { value: 100, every: month }\n${extra}`, [obs('2026-11-20', value)], '2026-11-24');

  it('on track within the noise of the target, at risk within twice, else off track', () => {
    assert.deepEqual(
      [101, 98, 103, 96, 104.1].map((v) => [v, at(v).status, at(v).reason]),
      [
        [101, 'on-track', '101 is 1 from 100, within the noise 2'],
        [98, 'on-track', '98 is 2 from 100, within the noise 2'],
        [103, 'at-risk', '103 is 3 from 100, within twice the noise 2'],
        [96, 'at-risk', '96 is 4 from 100, within twice the noise 2'],
        [104.1, 'off-track', '104.1 is 4.1 from 100, more than twice the noise 2'],
      ],
    );
    assert.deepEqual([at(101).met, at(101).hitRate, at(103).met, at(103).plan], [true, 1, false, undefined]);
  });

  it('unknown without noise or thresholds, or without a target', () => {
    assert.deepEqual(
      [at(100, '').status, at(100, '').reason, at(100, '').met, at(100, '').hitRate],
      ['unknown', 'a maintained KPI needs a noise or thresholds', false, undefined],
    );
    const none = status('direction: maintain\nnoise: 2', [obs('2026-11-20', 1)], '2026-11-24');
    assert.deepEqual([none.status, none.reason], ['unknown', 'no target to maintain']);
  });
});

describe('status: thresholds', () => {
  const at = (fields: string, value: number) => status(fields, [obs('2026-11-20', value)], '2026-11-24');

  it('decide when present, oriented by the direction, before any plan', () => {
    const inc = `${DATED.replace('2026-04-11', '2027-04-11')}\nthresholds: { warn: 93, alert: 90 }`;
    assert.deepEqual(
      [89, 90, 93, 93.1].map((v) => [v, at(inc, v).status, at(inc, v).reason]),
      [
        [89, 'off-track', '89, at or below the alert threshold 90'],
        [90, 'off-track', '90, at or below the alert threshold 90'],
        [93, 'at-risk', '93, at or below the warn threshold 93'],
        [93.1, 'on-track', '93.1, clear of the warn threshold 93'],
      ],
    );
    // The plan's figures are still given: 93.1 is far ahead of a plan that has barely started.
    assert.ok(at(inc, 93.1).progress! > 0.9 && at(inc, 93.1).expected! < 0.9);
    const dec = 'direction: decrease\nthresholds: { warn: 4, alert: 5 }';
    assert.deepEqual(
      [5, 4, 3.9].map((v) => at(dec, v).status),
      ['off-track', 'at-risk', 'on-track'],
    );
    assert.deepEqual(
      [4, 6].map((v) => at('direction: increase\nthresholds: { alert: 5 }', v).status),
      ['off-track', 'on-track'],
    );
  });

  it('maintain: warn and alert are distances from the target', () => {
    const m = 'direction: maintain\ntarget: { value: 100, every: month }\nthresholds: { warn: 10, alert: 20 }';
    assert.deepEqual(
      [109, 90, 120].map((v) => [at(m, v).status, at(m, v).reason]),
      [
        ['on-track', '109 is 9 from 100, clear of the warn threshold 10'],
        ['at-risk', '90 is 10 from 100, at or above the warn threshold 10'],
        ['off-track', '120 is 20 from 100, at or above the alert threshold 20'],
      ],
    );
    const withheld = at('direction: maintain\ntarget: { value: withheld, every: month }\nthresholds: { warn: 10, alert: 20 }', 100);
    assert.deepEqual([withheld.status, withheld.reason], ['unknown', 'the thresholds of a maintained KPI are distances from its target, which is withheld']);
  });
});

describe('status: tbd, withheld and no direction', () => {
  const at = (fields: string) => status(fields, [obs('2026-11-20', 7)], '2026-11-24');

  it('unknown for a pending target without thresholds; a withheld target takes its status from the thresholds', () => {
    assert.deepEqual(
      ['tbd', 'withheld'].map((p) => at(`direction: decrease\ntarget: { value: ${p}, by: 2027-06-30 }`)).map((s) => [s.status, s.reason, s.met]),
      [
        ['unknown', 'the target is still to be decided and there are no thresholds', false],
        ['unknown', 'the target is withheld and there are no thresholds', false],
      ],
    );
    assert.equal(at('direction: decrease\ntarget: { value: withheld, by: 2027-06-30 }\nthresholds: { warn: 6, alert: 9 }').status, 'at-risk');
  });

  it('unknown without a direction, thresholds or not', () => {
    assert.deepEqual(
      [at('thresholds: { warn: 6, alert: 9 }'), at('target: { value: 5, by: 2027-06-30 }')].map((s) => [s.status, s.reason]),
      [
        ['unknown', 'the KPI has no direction'],
        ['unknown', 'the KPI has no direction'],
      ],
    );
    assert.deepEqual([at('direction: increase').status, at('direction: increase').reason], ['unknown', 'no target and no thresholds']);
  });
});

describe('status: which observations count', () => {
  it('leaves out projections and observations after as-of', () => {
    const s = status(DATED, [obs('2026-01-31', 20), obs(DAY50, 30), obs('2026-03-31', 90, ', flag: projected'), obs('2026-04-05', 95)], '2026-03-01');
    assert.deepEqual([s.last, s.trend, s.status], [{ date: DAY50, value: 30 }, [20, 30], 'at-risk']);
    // Preliminary and revised figures count.
    const p = status(DATED, [obs(DAY50, 30, ', flag: preliminary')], '2026-03-01');
    assert.deepEqual(p.last, { date: DAY50, value: 30 });
  });

  it('no data when nothing is observed by as-of', () => {
    const none = status(DATED, [], '2026-03-01');
    assert.deepEqual(none, { status: 'no-data', reason: 'no observation yet', stale: false, met: false, missed: false, trend: [] });
    assert.deepEqual(
      [status(DATED, [obs('2026-03-02', 1)], '2026-03-01').status, status(DATED, [obs(DAY50, 1, ', flag: projected')], '2026-03-01').status],
      ['no-data', 'no-data'],
    );
  });

  it('keeps the last 12 observations as the trend', () => {
    const days = Array.from({ length: 14 }, (_, i) => obs(`2026-01-${String(i + 1).padStart(2, '0')}`, i));
    assert.deepEqual(status('direction: increase', days, '2026-02-01').trend, [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });

  it('reads the data CSV, with its status and note columns', () => {
    const s = status(
      'direction: increase\nthresholds: { warn: 10, alert: 5 }\ndata: { csv: k.csv, column: v }',
      [],
      '2026-11-24',
      'date,v,status,note\n2026-11-02,12,at-risk,late invoices\n2026-10-05,3,,\n',
    );
    assert.deepEqual([s.last, s.status, s.reported, s.note, s.trend], [{ date: '2026-11-02', value: 12 }, 'on-track', 'at-risk', 'late invoices', [3, 12]]);
  });

  it('without as-of, as of the latest observation: every observation counts and none is stale', () => {
    const s = status(`${DATED}\ncadence: daily`, [obs('2026-05-01', 100)]);
    assert.deepEqual([s.status, s.reason, s.stale, s.staleBefore], ['on-track', 'target 100 by 2026-04-11 met', false, undefined]);
  });
});

describe('status: stale', () => {
  const at = (cadence: string, last: string, asOf: string) => status(`direction: increase\ncadence: ${cadence}`, [obs(last, 1)], asOf);

  it('stale when the latest observation is older than two cadence periods before as-of', () => {
    const cases: [string, string, string][] = [
      ['daily', '2026-11-22', '2026-11-21'],
      ['weekly', '2026-11-10', '2026-11-09'],
      ['biweekly', '2026-10-27', '2026-10-26'],
      ['monthly', '2026-09-24', '2026-09-23'],
      ['quarterly', '2026-05-24', '2026-05-23'],
      ['yearly', '2024-11-24', '2024-11-23'],
    ];
    for (const [cadence, fresh, stale] of cases) {
      assert.deepEqual([at(cadence, fresh, '2026-11-24').stale, at(cadence, fresh, '2026-11-24').staleBefore], [false, fresh], `${cadence} on the limit`);
      assert.equal(at(cadence, stale, '2026-11-24').stale, true, `${cadence} a day before it`);
    }
  });

  it('counts months back from the end of a month as the calendar does', () => {
    assert.deepEqual(
      [at('monthly', '2026-02-28', '2026-04-30').stale, at('monthly', '2026-02-27', '2026-04-30').stale, at('monthly', '2026-02-27', '2026-04-30').staleBefore],
      [false, true, '2026-02-28'],
    );
  });

  it('never stale without a cadence; no data is not stale', () => {
    assert.equal(status('direction: increase', [obs('2000-01-01', 1)], '2026-11-24').stale, false);
    assert.deepEqual([status('direction: increase\ncadence: daily', [], '2026-11-24').stale], [false]);
  });
});

describe('status: reported', () => {
  it('gives the status the team reported on the latest observation, and its note, whatever the computed one', () => {
    const s = status(
      DATED,
      [obs('2026-01-31', 20, ', status: off-track, note: "Old news"'), obs(DAY50, 45, ', status: at-risk, note: "Supplier late, recovery plan agreed"')],
      '2026-03-01',
    );
    assert.deepEqual([s.status, s.reported, s.note], ['on-track', 'at-risk', 'Supplier late, recovery plan agreed']);
    const bare = status(DATED, [obs('2026-01-31', 20, ', status: off-track, note: "Old news"'), obs(DAY50, 45)], '2026-03-01');
    assert.deepEqual([bare.reported, bare.note], [undefined, undefined]);
  });
});
