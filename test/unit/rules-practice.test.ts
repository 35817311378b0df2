import * as assert from 'node:assert/strict';
import { applyFixes, lineCol, lintFiles } from '../../server/src/engine';
import type { Finding } from '../../server/src/engine';
import { addDays, addMonths, dayNumber } from '../../server/src/engine/dates';

const AS_OF = '2026-11-24';

function lint(text: string, rules?: string[], others: { uri: string; text: string }[] = []) {
  const files = [{ uri: 'a.kpi.yaml', text }, ...others];
  const { findings } = lintFiles(files, {
    asOf: AS_OF,
    onRuleError: (r, _u, e) => {
      throw new Error(`${r}: ${String(e)}`);
    },
  });
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

    it('offers no fix: a fix would have to invent a date or a value', () => {
      const text = `${HEAD}kpis:\n  - id: nps\n    name: NPS\n    definition: Survey\n    unit: points\n    baseline: 30.5\n  - { id: churn, name: Churn, target: { value: 2 } }\n`;
      const found = lint(text, ['smart-target']).map(({ f }) => f);
      assert.equal(found.length, 2);
      assert.deepEqual(
        found.map((f) => [f.fix, f.suggestions]),
        [
          [undefined, undefined],
          [undefined, undefined],
        ],
      );
    });

    it('takes a standing target as time-bound, needing no baseline, and withheld as a value', () => {
      const text = `${HEAD}kpis:\n  - { id: a, name: A, definition: D, unit: percent, target: { value: 95, every: month } }\n  - { id: b, name: B, definition: D, unit: count, baseline: 1, target: { value: withheld, by: 2027-01-31 } }\n  - { id: c, name: C, definition: D, unit: count, target: { value: withheld, every: quarter } }\n`;
      assert.deepEqual(findingsOf(text, 'smart-target'), []);
    });

    it('counts `measure` as a definition', () => {
      const text = `${HEAD}kpis:\n  - { id: a, name: A, measure: { of: waits }, unit: percent, baseline: 1, target: { value: 2, by: 2027-01-31 } }\n`;
      assert.deepEqual(findingsOf(text, 'smart-target'), []);
    });

    it('reports a target value still to be decided on `tbd` when nothing else is missing, else with the rest on the id', () => {
      const text = `${HEAD}kpis:\n  - { id: a, name: A, definition: D, unit: percent, baseline: 1, target: { value: tbd, by: 2027-01-31 } }\n  - { id: b, name: B, definition: D, unit: percent, target: { value: tbd } }\n`;
      assert.deepEqual(findingsOf(text, 'smart-target'), [
        '5:83-5:86 smart-target KPI "a" is not SMART yet: target value still to be decided.',
        '6:11-6:12 smart-target KPI "b" is not SMART: no baseline, no target date, target value still to be decided.',
      ]);
    });

    it('counts a field the schema rejects as there: the schema finding is the one to fix', () => {
      const text = `${HEAD}kpis:\n  - { id: a, name: A, definition: 42, unit: [u], baseline: high, target: 95 }\n  - { id: b, name: B, definition: D, unit: u, baseline: 1, target: { value: "95%", by: next year } }\n  - { id: c, name: C, definition: D, unit: u, target: { value: 5, every: fortnight } }\n`;
      assert.deepEqual(findingsOf(text, 'smart-target'), []);
      assert.equal(lint(text, ['schema']).length, 7);
    });
  });

  describe('kpi-owner', () => {
    it('reports KPIs and levers without an owner, and placeholders as owners still to be named', () => {
      const text = `${HEAD}kpis:\n  - id: a\n    name: A\n  - { id: b, name: B }\n  - id: c\n    name: C\n    owner:\n  - { id: d, name: D, owner: TODO }\n  - { id: e, name: E, owner: [tbd, " "] }\n  - { id: f, name: F, owner: "" }\nlevers:\n  - id: l\n    name: L\n    improves: [a]\n`;
      assert.deepEqual(findingsOf(text, 'kpi-owner'), [
        '5:9-5:10 kpi-owner KPI "a" has no owner: name the person or role accountable for it.',
        '7:11-7:12 kpi-owner KPI "b" has no owner: name the person or role accountable for it.',
        '8:9-8:10 kpi-owner KPI "c": owner still to be named.',
        '11:30-11:34 kpi-owner KPI "d": owner still to be named.',
        '12:31-12:34 kpi-owner KPI "e": owner still to be named.',
        '13:30-13:32 kpi-owner KPI "f": owner still to be named.',
        '15:9-15:10 kpi-owner Lever "l" has no owner: name the person or role accountable for it.',
      ]);
      // An empty owner is no schema error: kpi-owner reports it, once.
      assert.deepEqual(findingsOf(text, 'schema'), []);
    });

    it('offers `owner: TODO` in the editor only, after which the finding stays', () => {
      const text = `${HEAD}kpis:\n  - id: a\n    name: A\n  - { id: b, name: B }\n`;
      const found = lint(text, ['kpi-owner']).map(({ f }) => f);
      assert.deepEqual(
        found.map((f) => [f.fix, f.suggestions?.map((x) => x.title)]),
        [
          [undefined, ['Add `owner: TODO`']],
          [undefined, ['Add `owner: TODO`']],
        ],
      );
      assert.equal(applyFixes(text, found).text, text, '--fix writes no placeholder');
      const suggested = applyFixes(
        text,
        found.map((f) => ({ ...f, fix: f.suggestions?.[0] })),
      ).text;
      assert.equal(suggested, `${HEAD}kpis:\n  - id: a\n    name: A\n    owner: TODO\n  - { id: b, name: B, owner: TODO }\n`);
      assert.deepEqual(findingsOf(suggested, 'kpi-owner'), [
        '7:12-7:16 kpi-owner KPI "a": owner still to be named.',
        '8:30-8:34 kpi-owner KPI "b": owner still to be named.',
      ]);
      assert.deepEqual(lint(suggested, ['yaml-syntax', 'schema']), []);
    });

    it('leaves an owner the schema rejects to the schema', () => {
      const text = `${HEAD}kpis:\n  - id: a\n    name: A\n    owner : 42  # who?\n  - { id: b, name: B, owner: { x: y } }\n  - { id: c, name: C, owner: [] }\n`;
      assert.deepEqual(findingsOf(text, 'kpi-owner'), []);
      assert.equal(lint(text, ['schema']).length, 3);
    });

    it('keeps CRLF line endings in its suggestion', () => {
      const text = `${HEAD}kpis:\n  - id: a\n    name: A\n`.replace(/\n/g, '\r\n');
      const [{ f }] = lint(text, ['kpi-owner']);
      assert.equal(applyFixes(text, [{ ...f, fix: f.suggestions![0] }]).text, `${HEAD}kpis:\n  - id: a\n    name: A\n    owner: TODO\n`.replace(/\n/g, '\r\n'));
    });
  });

  describe('owner-load', () => {
    it('names at most a dozen KPIs in its message, however many the owner holds', () => {
      const a = `kpilens: 1\nscorecard:\n  id: alpha\nkpis:\n${Array.from({ length: 14 }, (_, i) => `  - { id: k${i}, name: K, owner: dana }\n`).join('')}`;
      const [{ f }] = lint(a, ['owner-load']);
      assert.equal(
        f.message,
        '"dana" owns 14 KPIs across the workspace, more than 5: alpha/k0, alpha/k1, alpha/k2, alpha/k3, alpha/k4, alpha/k5, alpha/k6, alpha/k7, alpha/k8, alpha/k9, alpha/k10, alpha/k11 and 2 more.',
      );
      assert.equal(f.related?.length, 13);
    });

    it('reports once, on the first KPI in workspace order, with the others related', () => {
      const a = `kpilens: 1\nscorecard:\n  id: alpha\nkpis:\n  - { id: k1, name: K, owner: dana }\n  - { id: k2, name: K, owner: dana }\n`;
      const b = `kpilens: 1\nscorecard:\n  id: beta\nkpis:\n${[3, 4, 5, 6].map((i) => `  - { id: k${i}, name: K, owner: dana }\n`).join('')}`;
      const found = lint(a, ['owner-load'], [{ uri: 'b.kpi.yaml', text: b }]);
      assert.equal(found.length, 1);
      const [{ uri, f }] = found;
      assert.equal(uri, 'a.kpi.yaml');
      assert.equal(
        show(a, f),
        '5:31-5:35 owner-load "dana" owns 6 KPIs across the workspace, more than 5: alpha/k1, alpha/k2, beta/k3, beta/k4, beta/k5, beta/k6.',
      );
      const at = (uri: string, offset: number) => {
        const before = (uri === 'a.kpi.yaml' ? a : b).slice(0, offset);
        return `${uri}:${before.split('\n').length}:${offset - before.lastIndexOf('\n')}`;
      };
      assert.deepEqual(
        f.related?.map((r) => `${at(r.location.uri, r.location.span.start)} ${r.message}`),
        [
          'a.kpi.yaml:6:31 Also owned by "dana": alpha/k2',
          'b.kpi.yaml:5:31 Also owned by "dana": beta/k3',
          'b.kpi.yaml:6:31 Also owned by "dana": beta/k4',
          'b.kpi.yaml:7:31 Also owned by "dana": beta/k5',
          'b.kpi.yaml:8:31 Also owned by "dana": beta/k6',
        ],
      );
      assert.deepEqual(f.items, ['alpha/k1', 'alpha/k2', 'beta/k3', 'beta/k4', 'beta/k5', 'beta/k6']);
    });
  });

  describe('portfolio-size', () => {
    it('names the counts and the limits, counting key KPIs only', () => {
      const objectives = [1, 2, 3, 4, 5, 6].map((i) => `  - { id: o${i}, title: O }\n`).join('');
      const kpis = Array.from(
        { length: 12 },
        (_, i) => `  - { id: k${i}, name: K, objective: o${i < 5 ? 1 : 2}${i >= 10 ? ', tier: supporting' : ''} }\n`,
      ).join('');
      const text = `${HEAD}objectives:\n${objectives}kpis:\n${kpis}`;
      assert.deepEqual(findingsOf(text, 'portfolio-size'), [
        '3:7-3:8 portfolio-size Scorecard "s" has 6 objectives, more than 5: focus on the few that matter most.',
        '5:11-5:13 portfolio-size Objective "o1" is measured by 5 key KPIs, more than 4: choose the few that tell whether it is reached, and mark the others `tier: supporting`.',
        '6:11-6:13 portfolio-size Objective "o2" is measured by 5 key KPIs, more than 4: choose the few that tell whether it is reached, and mark the others `tier: supporting`.',
      ]);
      const more = `${text}  - { id: k12, name: K, objective: o3 }\n`;
      assert.deepEqual(
        findingsOf(more, 'portfolio-size')[0],
        '3:7-3:8 portfolio-size Scorecard "s" has 11 key KPIs, more than 10: keep the few that steer it, and mark the others `tier: supporting` or move them to team scorecards.',
      );
    });
  });

  describe('objective-without-kpi, indicator-balance, horizon-balance', () => {
    it('report with exact messages', () => {
      const text = `${HEAD}objectives:\n  - { id: o, title: O }\nkpis:\n  - { id: a, name: A, indicator: lagging, horizon: short }\n  - { id: b, name: B, indicator: lagging }\n`;
      assert.deepEqual(findingsOf(text, 'objective-without-kpi'), [
        '5:11-5:12 objective-without-kpi Objective "o" has no KPI: no KPI names it in its `objective`, so nobody can tell whether it is reached.',
      ]);
      assert.deepEqual(findingsOf(text, 'indicator-balance'), [
        '3:7-3:8 indicator-balance All 2 KPIs that declare an indicator are lagging: add a leading indicator.',
      ]);
      assert.deepEqual(findingsOf(text, 'horizon-balance'), [
        '3:7-3:8 horizon-balance The only KPI that declares a horizon ("a") is short-term: add a long-term KPI.',
      ]);
    });
  });

  describe('threshold-order', () => {
    it('names the order it needs and the values it got', () => {
      const text = `${HEAD}kpis:\n  - id: n\n    name: N\n    direction: decrease\n    target: { value: 20 }\n    thresholds: { warn: 15, alert: 25 }\n`;
      assert.deepEqual(findingsOf(text, 'threshold-order'), [
        '9:17-9:40 threshold-order Thresholds of "n" contradict its direction (decrease): need alert > warn > target, got alert 25, warn 15, target 20.',
      ]);
      assert.equal(lint(text, ['threshold-order'])[0].f.fix, undefined);
    });

    it('swaps an inverted pair, in flow and block style', () => {
      const flow = `${HEAD}kpis:\n  - id: n\n    name: N\n    direction: increase\n    target: { value: 45 }\n    thresholds: { warn: 28.0, alert: 35 }\n`;
      assert.match(fixAndRelint(flow, 'threshold-order'), /thresholds: \{ warn: 35, alert: 28\.0 \}/);
      const block = `${HEAD}kpis:\n  - id: n\n    name: N\n    direction: maintain\n    thresholds:\n      warn: 3\n      alert: 1\n`;
      assert.deepEqual(findingsOf(block, 'threshold-order'), [
        '9:7-11:1 threshold-order Thresholds of "n" contradict its direction (maintain): need 0 < warn < alert, got warn 3, alert 1.',
      ]);
      assert.match(fixAndRelint(block, 'threshold-order'), /warn: 1\n {6}alert: 3\n/);
    });
  });

  describe('threshold-noise', () => {
    it('compares the band with the factor times the noise', () => {
      const text = `${HEAD}kpis:\n  - { id: n, name: N, noise: 2, thresholds: { warn: 33, alert: 30 } }\n`;
      assert.deepEqual(findingsOf(text, 'threshold-noise'), [
        '5:45-5:68 threshold-noise The warn/alert band of "n" is 3 wide (warn 33, alert 30), under 2 × noise 2 (declared) = 4: the status would flap.',
      ]);
    });

    it('estimates the noise from the history', () => {
      const values = [10, 11, 14, 16, 21, 22, 26, 28];
      const history = values.map((v, i) => `      - { date: 2026-0${i + 1}-01, value: ${v} }\n`).join('');
      const text = `${HEAD}kpis:\n  - id: n\n    name: N\n    thresholds: { warn: 22, alert: 20 }\n    history:\n${history}`;
      assert.deepEqual(findingsOf(text, 'threshold-noise'), [
        '7:17-7:40 threshold-noise The warn/alert band of "n" is 2 wide (warn 22, alert 20), under 2 × noise 1.069 (estimated from the last 8 observations) = 2.138: the status would flap.',
      ]);
    });
  });

  describe('threshold-noise, standing targets', () => {
    it('reports a standing target within the noise of the usual level, on the target value', () => {
      const history = [94.7, 95.9, 95.7, 94.6, 94.31].map((v, i) => `{ date: ${2009 + i}-06-30, value: ${v} }`).join(', ');
      const text = `${HEAD}kpis:\n  - { id: on-time, name: On time, target: { value: 95, every: year }, history: [${history}] }\n`;
      assert.deepEqual(findingsOf(text, 'threshold-noise'), [
        '5:52-5:54 threshold-noise KPI "on-time": the standing target 95 is only 0.3 from the usual level 94.7 (median of the last 5 observations), within the noise 0.675 (estimated from the last 5 observations): its status would flip between met and missed by chance.',
      ]);
    });
  });

  describe('one mistake, one finding', () => {
    it('reads an objective id with regular expression characters in it literally when text YAML could not parse names it', () => {
      // Found by the fuzz: an id such as `o**-time` made objective-without-kpi throw.
      const text = `${HEAD}objectives:\n  - { id: o**-time, title: O, supports: [vision] }\nkpis:\n  - id: k\n    name: "K without its closing quote\n    objective: o**-time\n`;
      const errors: string[] = [];
      lintFiles([{ uri: 'a.kpi.yaml', text }], { asOf: AS_OF, onRuleError: (rule, _uri, e) => errors.push(`${rule}: ${String(e)}`) });
      assert.deepEqual(errors, []);
    });

    it('reports a cadence the schema rejects once, as a schema error', () => {
      const text = `${HEAD}review: { cadence: monthly, last: 2026-11-01 }\nkpis:\n  - { id: k, name: K, cadence: Monthly }\n`;
      assert.deepEqual(
        lint(text)
          .map(({ f }) => f.rule)
          .filter((r) => r !== 'uncontrolled-kpi' && r !== 'vision-missing' && r !== 'vision-coupling' && r !== 'kpi-owner' && r !== 'smart-target'),
        ['schema'],
      );
    });

    it('reports nothing but the syntax error inside text YAML could not parse', () => {
      const text = `${HEAD}vision: { statement: V, values: [v] }\nreview: { cadence: monthly, last: 2026-11-01 }\nobjectives:\n  - { id: o, title: O, supports: [vision] }\nkpis:\n  - id: k1\n    name: K1\n    objective: o\n    owner: ann\n    definition: D\n    unit: count\n    baseline: 1\n    cadence: monthly\n    target: { value: 2, by: 2027-01-01 }\n  - id: k2\n    name: "K2 without its closing quote\n    objective: o\n    owner: bob\n  - id: k3\n    name: K3\n`;
      assert.deepEqual(
        lint(text).map(({ f }) => show(text, f)),
        [
          '9:9-9:11 uncontrolled-kpi KPI "k1" is moved by no lever: no lever in the workspace improves or worsens it.',
          '24:1-24:1 yaml-syntax Missing closing "quote.',
        ],
      );
    });

    it('leaves the items on the line of an error to yaml-syntax, and checks the others', () => {
      const text = `${HEAD}kpis:\n  - { id: a, name: A, owner: ann }\n  - id: b\n    name: B\n   misindented: x\n  - { id: c, name: C, owner: ann }\n`;
      assert.deepEqual(
        lint(text, ['yaml-syntax', 'schema', 'kpi-owner', 'smart-target']).map(({ f }) => show(text, f)),
        [
          '5:11-5:12 smart-target KPI "a" is not SMART: no definition, no unit, no baseline, no target value, no target date.',
          '8:1-8:2 yaml-syntax Sequence item without - indicator.',
          '9:11-9:12 smart-target KPI "c" is not SMART: no definition, no unit, no baseline, no target value, no target date.',
        ],
      );
    });

    it('does not take a review block or a vision lost in an unterminated quote for a missing one', () => {
      const text = `${HEAD}objectives:\n  - { id: o, title: "O }\nvision: { statement: V, values: [v] }\nreview: { cadence: monthly, last: 2026-11-01 }\n`;
      // The yaml parser reports two errors for this one quote: the quote, and the flow mapping it leaves open.
      assert.deepEqual(
        lint(text).map(({ f }) => f.rule),
        ['yaml-syntax', 'yaml-syntax'],
      );
    });
  });

  describe('review-overdue', () => {
    it('gives the due date and the days overdue, clamping to the end of the month', () => {
      const text = `${HEAD}review:\n  cadence: quarterly\n  last: 2026-08-20\n`;
      assert.deepEqual(findingsOf(text, 'review-overdue'), [
        '6:9-6:19 review-overdue The quarterly review of "s" is overdue: last 2026-08-20, due 2026-11-20, 4 days late as of 2026-11-24.',
      ]);
      const clamped = `${HEAD}review:\n  cadence: monthly\n  last: 2026-09-30\n`;
      assert.deepEqual(findingsOf(clamped, 'review-overdue'), [
        '6:9-6:19 review-overdue The monthly review of "s" is overdue: last 2026-09-30, due 2026-10-30, 25 days late as of 2026-11-24.',
      ]);
    });

    it('reports a missing block, a missing last date and KPIs without cadence', () => {
      assert.deepEqual(findingsOf(`${HEAD}kpis:\n  - { id: k, name: K }\n`, 'review-overdue'), [
        '3:7-3:8 review-overdue Scorecard "s" has no `review` block: add one with its cadence and the date of the last review.',
        '5:11-5:12 review-overdue KPI "k" has no `cadence`: say how often it is measured and reviewed.',
      ]);
      assert.deepEqual(findingsOf(`${HEAD}review: { cadence: weekly }\n`, 'review-overdue'), [
        '4:1-4:7 review-overdue The review of "s" has no `last` date: record when the scorecard was last reviewed.',
      ]);
    });

    it('says nothing about a file that is not a mapping', () => {
      assert.deepEqual(findingsOf('- just\n- a list\n', 'review-overdue'), []);
    });
  });

  describe('vanity-metric, polarity-overuse, polarity-balance, vision-missing', () => {
    it('report with exact messages', () => {
      const text = `${HEAD}kpis:\n  - { id: reach, name: Total Views, poles: [task] }\npolarities:\n  act-reflect: { act: 6, reflect: 2 }\n`;
      assert.deepEqual(findingsOf(text, 'vanity-metric'), [
        '5:11-5:16 vanity-metric KPI "reach" counts total: an activity, not an outcome; name the outcome KPI it feeds in `contributes`, or measure that outcome instead.',
      ]);
      assert.deepEqual(findingsOf(text, 'polarity-overuse'), [
        '7:16-7:38 polarity-overuse The act/reflect assessment leans to act: act 6, reflect 2, 4 apart (3 or more is overuse). Overused, act shows its downside: invest in reflect.',
      ]);
      assert.deepEqual(findingsOf(text, 'polarity-balance'), [
        '3:7-3:8 polarity-balance Every KPI that names a task-relationship pole serves task (1 KPI), none relationship: add a KPI that serves relationship.',
      ]);
      assert.deepEqual(findingsOf(text, 'vision-missing'), [
        '3:7-3:8 vision-missing Root scorecard "s" has no vision statement: write the vision every objective and KPI below it serves.',
      ]);
      const noValues = `${HEAD}vision:\n  statement: Be trusted.\n`;
      assert.deepEqual(findingsOf(noValues, 'vision-missing'), [
        '4:1-4:7 vision-missing The vision of "s" has no values: list the values that guide how it is pursued.',
      ]);
    });

    it('put a scorecard without an id on line 1', () => {
      assert.deepEqual(findingsOf('kpilens: 1\n', 'vision-missing'), [
        '1:1-1:11 vision-missing Root scorecard "a.kpi.yaml" has no vision statement: write the vision every objective and KPI below it serves.',
      ]);
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
