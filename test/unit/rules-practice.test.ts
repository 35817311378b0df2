import * as assert from 'node:assert/strict';
import { applyFixes, lineCol, lintFiles } from '../../server/src/engine';
import type { Finding } from '../../server/src/engine';
import { addDays, addMonths, dayNumber } from '../../server/src/engine/dates';

const AS_OF = '2026-11-24';

function lint(text: string, rules?: string[], others: { uri: string; text: string }[] = []) {
  const files = [{ uri: 'a.kpi.yaml', text }, ...others];
  const { findings } = lintFiles(files, { asOf: AS_OF, onRuleError: (r, _u, e) => { throw new Error(`${r}: ${String(e)}`); } });
  const all = [...findings].flatMap(([uri, fs]) => fs.map((f) => ({ uri, f })));
  return all.filter(({ f }) => !rules || rules.includes(f.rule));
}

/** `line:col-line:col rule message`, for exact assertions. */
function show(text: string, f: Finding): string {
  const starts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];
  const a = lineCol(starts, f.span.start, text.length);
  const b = lineCol(starts, f.span.end, text.length);
  return `${a.line}:${a.column}-${b.line}:${b.column} ${f.rule} ${f.message}`;
}

function findingsOf(text: string, rule: string): string[] {
  return lint(text, [rule]).map(({ f }) => show(text, f));
}

/** Applies every fix of the rule, then lints again: the rule is silent and the YAML still parses and fits the schema. */
function fixAndRelint(text: string, rule: string): string {
  const found = lint(text, [rule]).map(({ f }) => f);
  assert.ok(found.length > 0, 'nothing to fix');
  const fixed = applyFixes(text, found).text;
  const after = lint(fixed, [rule, 'yaml-syntax', 'schema']).map(({ f }) => show(fixed, f));
  assert.deepEqual(after, []);
  return fixed;
}

const HEAD = 'kpilens: 1\nscorecard:\n  id: s\n';

describe('management practice rules', () => {
  describe('smart-target', () => {
    it('lists what is missing, on the KPI id', () => {
      const text = `${HEAD}kpis:\n  - id: nps\n    name: NPS\n    unit: points\n    baseline: 30\n    target: { value: 40 }\n`;
      assert.deepEqual(findingsOf(text, 'smart-target'), ['5:9-5:12 smart-target KPI "nps" is not SMART: no definition, no target date.']);
    });

    it('adds a target skeleton from the baseline, dated a year after as-of, in block style', () => {
      const text = `${HEAD}kpis:\n  - id: nps # the relationship survey\n    name: NPS\n    definition: Survey\n    unit: points\n    baseline: 30.5\n`;
      const fixed = fixAndRelint(text, 'smart-target');
      assert.equal(fixed, `${HEAD}kpis:\n  - id: nps # the relationship survey\n    name: NPS\n    definition: Survey\n    unit: points\n    baseline: 30.5\n    target: { value: 30.5, by: 2027-11-24 }\n`);
    });

    it('adds only a date when there is no baseline, in flow style, and keeps the next item intact', () => {
      const text = `${HEAD}kpis:\n  - { id: churn, name: Churn }\n  - id: other\n    name: Other\n`;
      const found = lint(text, ['smart-target']).map(({ f }) => f);
      const fixed = applyFixes(text, found).text;
      assert.equal(fixed, `${HEAD}kpis:\n  - { id: churn, name: Churn, target: { by: 2027-11-24 } }\n  - id: other\n    name: Other\n    target: { by: 2027-11-24 }\n`);
      assert.deepEqual(lint(fixed, ['yaml-syntax', 'schema']), []);
      assert.deepEqual(findingsOf(fixed, 'smart-target'), [
        '5:11-5:16 smart-target KPI "churn" is not SMART: no definition, no unit, no baseline, no target value.',
        '6:9-6:14 smart-target KPI "other" is not SMART: no definition, no unit, no baseline, no target value.',
      ]);
    });

    it('adds `by` to a block target that has a value, after a nested block value', () => {
      const text = `${HEAD}kpis:\n  - id: nps\n    name: NPS\n    definition: Survey\n    unit: points\n    baseline: 30\n    target:\n      value: 40\n    history:\n      - { date: 2026-01-01, value: 30 }\n`;
      const fixed = fixAndRelint(text, 'smart-target');
      assert.match(fixed, /\n {4}target:\n {6}value: 40\n {6}by: 2027-11-24\n {4}history:/);
    });

    it('adds `by` to a flow target and to an empty one', () => {
      const text = `${HEAD}kpis:\n  - { id: a, name: A, definition: D, unit: u, baseline: 1, target: { value: 2 } }\n  - { id: b, name: B, definition: D, unit: u, baseline: 1, target: {} }\n`;
      const found = lint(text, ['smart-target']).map(({ f }) => f);
      const fixed = applyFixes(text, found).text;
      assert.match(fixed, /target: \{ value: 2, by: 2027-11-24 \} \}/);
      assert.match(fixed, /target: \{ by: 2027-11-24 \} \}/);
      assert.deepEqual(lint(fixed, ['yaml-syntax', 'schema']), []);
    });

    it('offers no fix that would duplicate a `target` key that is not a mapping', () => {
      const text = `${HEAD}kpis:\n  - id: a\n    name: A\n    target: 5\n`;
      const [f] = lint(text, ['smart-target']).map(({ f }) => f);
      assert.equal(f.fix, undefined);
    });
  });

  describe('kpi-owner', () => {
    it('reports KPIs and levers and fixes both styles and an empty owner', () => {
      const text = `${HEAD}kpis:\n  - id: a\n    name: A\n  - { id: b, name: B }\n  - id: c\n    name: C\n    owner:\nlevers:\n  - id: l\n    name: L\n    improves: [a]\n`;
      assert.deepEqual(findingsOf(text, 'kpi-owner'), [
        '5:9-5:10 kpi-owner KPI "a" has no owner: name the person or role accountable for it.',
        '7:11-7:12 kpi-owner KPI "b" has no owner: name the person or role accountable for it.',
        '8:9-8:10 kpi-owner KPI "c" has no owner: name the person or role accountable for it.',
        '12:9-12:10 kpi-owner Lever "l" has no owner: name the person or role accountable for it.',
      ]);
      const fixed = fixAndRelint(text, 'kpi-owner');
      assert.equal(fixed, `${HEAD}kpis:\n  - id: a\n    name: A\n    owner: TODO\n  - { id: b, name: B, owner: TODO }\n  - id: c\n    name: C\n    owner: TODO\nlevers:\n  - id: l\n    name: L\n    improves: [a]\n    owner: TODO\n`);
    });

    it('replaces an owner that is not text, in both styles', () => {
      const text = `${HEAD}kpis:\n  - id: a\n    name: A\n    owner : 42  # who?\n  - { id: b, name: B, owner: { x: y } }\n`;
      assert.equal(fixAndRelint(text, 'kpi-owner'), `${HEAD}kpis:\n  - id: a\n    name: A\n    owner: TODO  # who?\n  - { id: b, name: B, owner: TODO }\n`);
    });

    it('keeps CRLF line endings', () => {
      const text = `${HEAD}kpis:\n  - id: a\n    name: A\n`.replace(/\n/g, '\r\n');
      assert.equal(fixAndRelint(text, 'kpi-owner'), `${HEAD}kpis:\n  - id: a\n    name: A\n    owner: TODO\n`.replace(/\n/g, '\r\n'));
    });
  });

  describe('owner-load', () => {
    it('names at most a dozen KPIs in its message, however many the owner holds', () => {
      const a = `kpilens: 1\nscorecard:\n  id: alpha\nkpis:\n${Array.from({ length: 14 }, (_, i) => `  - { id: k${i}, name: K, owner: dana }\n`).join('')}`;
      const [{ f }] = lint(a, ['owner-load']);
      assert.equal(f.message, '"dana" owns 14 KPIs across the workspace, more than 5: alpha/k0, alpha/k1, alpha/k2, alpha/k3, alpha/k4, alpha/k5, alpha/k6, alpha/k7, alpha/k8, alpha/k9, alpha/k10, alpha/k11 and 2 more.');
      assert.equal(f.related?.length, 13);
    });

    it('reports once, on the first KPI in workspace order, with the others related', () => {
      const a = `kpilens: 1\nscorecard:\n  id: alpha\nkpis:\n  - { id: k1, name: K, owner: dana }\n  - { id: k2, name: K, owner: dana }\n`;
      const b = `kpilens: 1\nscorecard:\n  id: beta\nkpis:\n${[3, 4, 5, 6].map((i) => `  - { id: k${i}, name: K, owner: dana }\n`).join('')}`;
      const found = lint(a, ['owner-load'], [{ uri: 'b.kpi.yaml', text: b }]);
      assert.equal(found.length, 1);
      const [{ uri, f }] = found;
      assert.equal(uri, 'a.kpi.yaml');
      assert.equal(show(a, f), '5:31-5:35 owner-load "dana" owns 6 KPIs across the workspace, more than 5: alpha/k1, alpha/k2, beta/k3, beta/k4, beta/k5, beta/k6.');
      const at = (uri: string, offset: number) => {
        const before = (uri === 'a.kpi.yaml' ? a : b).slice(0, offset);
        return `${uri}:${before.split('\n').length}:${offset - before.lastIndexOf('\n')}`;
      };
      assert.deepEqual(f.related?.map((r) => `${at(r.location.uri, r.location.span.start)} ${r.message}`), [
        'a.kpi.yaml:6:31 Also owned by "dana": alpha/k2',
        'b.kpi.yaml:5:31 Also owned by "dana": beta/k3',
        'b.kpi.yaml:6:31 Also owned by "dana": beta/k4',
        'b.kpi.yaml:7:31 Also owned by "dana": beta/k5',
        'b.kpi.yaml:8:31 Also owned by "dana": beta/k6',
      ]);
      assert.deepEqual(f.items, ['alpha/k1', 'alpha/k2', 'beta/k3', 'beta/k4', 'beta/k5', 'beta/k6']);
    });
  });

  describe('portfolio-size', () => {
    it('names the counts and the limits', () => {
      const text = `${HEAD}objectives:\n${[1, 2, 3, 4].map((i) => `  - { id: o${i}, title: O }\n`).join('')}`;
      assert.deepEqual(findingsOf(text, 'portfolio-size'), ['3:7-3:8 portfolio-size Scorecard "s" has 4 objectives, more than 3: focus on the few that matter most.']);
    });
  });

  describe('objective-without-kpi, indicator-balance, horizon-balance', () => {
    it('report with exact messages', () => {
      const text = `${HEAD}objectives:\n  - { id: o, title: O }\nkpis:\n  - { id: a, name: A, indicator: lagging, horizon: short }\n  - { id: b, name: B, indicator: lagging }\n`;
      assert.deepEqual(findingsOf(text, 'objective-without-kpi'), ['5:11-5:12 objective-without-kpi Objective "o" has no KPI: no KPI names it in its `objective`, so nobody can tell whether it is reached.']);
      assert.deepEqual(findingsOf(text, 'indicator-balance'), ['3:7-3:8 indicator-balance All 2 KPIs that declare an indicator are lagging: add a leading indicator.']);
      assert.deepEqual(findingsOf(text, 'horizon-balance'), ['3:7-3:8 horizon-balance The only KPI that declares a horizon ("a") is short-term: add a long-term KPI.']);
    });
  });

  describe('threshold-order', () => {
    it('names the order it needs and the values it got', () => {
      const text = `${HEAD}kpis:\n  - id: n\n    name: N\n    direction: decrease\n    target: { value: 20 }\n    thresholds: { warn: 15, alert: 25 }\n`;
      assert.deepEqual(findingsOf(text, 'threshold-order'), ['9:17-9:40 threshold-order Thresholds of "n" contradict its direction (decrease): need alert > warn > target, got alert 25, warn 15, target 20.']);
      assert.equal(lint(text, ['threshold-order'])[0].f.fix, undefined);
    });

    it('swaps an inverted pair, in flow and block style', () => {
      const flow = `${HEAD}kpis:\n  - id: n\n    name: N\n    direction: increase\n    target: { value: 45 }\n    thresholds: { warn: 28.0, alert: 35 }\n`;
      assert.match(fixAndRelint(flow, 'threshold-order'), /thresholds: \{ warn: 35, alert: 28\.0 \}/);
      const block = `${HEAD}kpis:\n  - id: n\n    name: N\n    direction: maintain\n    thresholds:\n      warn: 3\n      alert: 1\n`;
      assert.deepEqual(findingsOf(block, 'threshold-order'), ['9:7-11:1 threshold-order Thresholds of "n" contradict its direction (maintain): need 0 < warn < alert, got warn 3, alert 1.']);
      assert.match(fixAndRelint(block, 'threshold-order'), /warn: 1\n {6}alert: 3\n/);
    });
  });

  describe('threshold-noise', () => {
    it('compares the band with the factor times the noise', () => {
      const text = `${HEAD}kpis:\n  - { id: n, name: N, noise: 2, thresholds: { warn: 33, alert: 30 } }\n`;
      assert.deepEqual(findingsOf(text, 'threshold-noise'), ['5:45-5:68 threshold-noise The warn/alert band of "n" is 3 wide (warn 33, alert 30), under 2 x noise 2 (declared) = 4: the status would flap.']);
    });

    it('estimates the noise from eight history points', () => {
      const values = [10, 11, 14, 16, 21, 22, 26, 28];
      const history = values.map((v, i) => `      - { date: 2026-0${i + 1}-01, value: ${v} }\n`).join('');
      const text = `${HEAD}kpis:\n  - id: n\n    name: N\n    thresholds: { warn: 22, alert: 20 }\n    history:\n${history}`;
      assert.deepEqual(findingsOf(text, 'threshold-noise'), ['7:17-7:40 threshold-noise The warn/alert band of "n" is 2 wide (warn 22, alert 20), under 2 x noise 1.048 (estimated from 8 points) = 2.097: the status would flap.']);
    });
  });

  describe('review-overdue', () => {
    it('gives the due date and the days overdue, clamping to the end of the month', () => {
      const text = `${HEAD}review:\n  cadence: quarterly\n  last: 2026-08-20\n`;
      assert.deepEqual(findingsOf(text, 'review-overdue'), ['6:9-6:19 review-overdue The quarterly review of "s" is overdue: last 2026-08-20, due 2026-11-20, 4 days late as of 2026-11-24.']);
      const clamped = `${HEAD}review:\n  cadence: monthly\n  last: 2026-09-30\n`;
      assert.deepEqual(findingsOf(clamped, 'review-overdue'), ['6:9-6:19 review-overdue The monthly review of "s" is overdue: last 2026-09-30, due 2026-10-30, 25 days late as of 2026-11-24.']);
    });

    it('reports a missing block, a missing last date and KPIs without cadence', () => {
      assert.deepEqual(findingsOf(`${HEAD}kpis:\n  - { id: k, name: K }\n`, 'review-overdue'), [
        '3:7-3:8 review-overdue Scorecard "s" has no `review` block: add one with its cadence and the date of the last review.',
        '5:11-5:12 review-overdue KPI "k" has no `cadence`: say how often it is measured and reviewed.',
      ]);
      assert.deepEqual(findingsOf(`${HEAD}review: { cadence: weekly }\n`, 'review-overdue'), ['4:1-4:7 review-overdue The review of "s" has no `last` date: record when the scorecard was last reviewed.']);
    });

    it('says nothing about a file that is not a mapping', () => {
      assert.deepEqual(findingsOf('- just\n- a list\n', 'review-overdue'), []);
    });
  });

  describe('vanity-metric, polarity-overuse, polarity-balance, vision-missing', () => {
    it('report with exact messages', () => {
      const text = `${HEAD}kpis:\n  - { id: reach, name: Total Views, poles: [task] }\npolarities:\n  act-reflect: { act: 6, reflect: 2 }\n`;
      assert.deepEqual(findingsOf(text, 'vanity-metric'), ['5:11-5:16 vanity-metric KPI "reach" counts total: an activity, not an outcome; name the outcome KPI it feeds in `contributes`, or measure that outcome instead.']);
      assert.deepEqual(findingsOf(text, 'polarity-overuse'), ['7:16-7:38 polarity-overuse act 6 vs reflect 2: act is overused by 4 (gap 3).']);
      assert.deepEqual(findingsOf(text, 'polarity-balance'), ['3:7-3:8 polarity-balance Every KPI that names a task-relationship pole serves task (1 KPI), none relationship: add a KPI that serves relationship.']);
      assert.deepEqual(findingsOf(text, 'vision-missing'), ['3:7-3:8 vision-missing Root scorecard "s" has no vision statement: write the vision every objective and KPI below it serves.']);
      const noValues = `${HEAD}vision:\n  statement: Be trusted.\n`;
      assert.deepEqual(findingsOf(noValues, 'vision-missing'), ['4:1-4:7 vision-missing The vision of "s" has no values: list the values that guide how it is pursued.']);
    });

    it('put a scorecard without an id on line 1', () => {
      assert.deepEqual(findingsOf('kpilens: 1\n', 'vision-missing'), ['1:1-1:11 vision-missing Root scorecard "a.kpi.yaml" has no vision statement: write the vision every objective and KPI below it serves.']);
    });
  });
});

describe('dates', () => {
  it('adds calendar months, clamping to the last day of the month', () => {
    assert.equal(addMonths('2026-08-31', 3), '2026-11-30');
    assert.equal(addMonths('2024-02-29', 12), '2025-02-28');
    assert.equal(addMonths('2026-11-24', 12), '2027-11-24');
    assert.equal(addMonths('2026-12-15', 1), '2027-01-15');
  });

  it('adds days across months and years and counts days between dates', () => {
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(dayNumber('2026-11-24') - dayNumber('2026-08-20'), 96);
  });
});
