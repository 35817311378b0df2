import * as assert from 'node:assert/strict';
import { lineCol, lintFiles } from '../../server/src/engine';
import type { Finding } from '../../server/src/engine';
import { pathToVision } from '../../server/src/engine/model/coupling';

const AS_OF = '2026-11-24';

interface Shown {
  rule: string;
  at: string;
  message: string;
  related?: string[];
  items?: string[];
}

/** Lints the files and shows one rule's findings as `uri:line:col-line:col` with their messages. */
function lint(files: Record<string, string>, rule: string, data: Record<string, string> = {}): Shown[] {
  const list = Object.entries(files).map(([uri, text]) => ({ uri, text }));
  const { findings } = lintFiles(list, { asOf: AS_OF, readData: (_uri, csv) => data[csv] });
  const where = (uri: string, span: { start: number; end: number }) => {
    const text = files[uri];
    const starts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];
    const a = lineCol(starts, span.start, text.length);
    const b = lineCol(starts, span.end, text.length);
    return `${uri}:${a.line}:${a.column}-${b.line}:${b.column}`;
  };
  return [...findings].flatMap(([uri, fs]: [string, Finding[]]) =>
    fs
      .filter((f) => f.rule === rule)
      .map((f) => ({
        rule: f.rule,
        at: where(uri, f.span),
        message: f.message,
        ...(f.related ? { related: f.related.map((r) => `${where(r.location.uri, r.location.span)} ${r.message}`) } : {}),
        ...(f.items ? { items: f.items } : {}),
      })),
  );
}

describe('KPI selection rules', () => {
  describe('vision-coupling', () => {
    const root = `kpilens: 1
scorecard: { id: co }
vision: { statement: S, values: [v] }
objectives:
  - id: grow
    title: Grow
    supports: [vision]
  - id: drift
    title: Drift
kpis:
  - id: sales
    name: Sales
    objective: grow
  - id: stray
    name: Stray
    objective: drift
`;
    const team = `kpilens: 1
scorecard: { id: team, parent: co }
kpis:
  - id: leads
    name: Leads
    contributes: [co/sales]
`;

    it('reports on the item id with the reason', () => {
      assert.deepEqual(lint({ 'co.kpi.yaml': root, 'team.kpi.yaml': team }, 'vision-coupling'), [
        {
          rule: 'vision-coupling',
          at: 'co.kpi.yaml:8:9-8:14',
          message: 'Objective "drift" has no path up to the vision: it supports nothing.',
          items: ['co/drift'],
        },
        {
          rule: 'vision-coupling',
          at: 'co.kpi.yaml:14:9-14:14',
          message: 'KPI "stray" has no path up to the vision: its objective "drift" supports nothing.',
          items: ['co/stray'],
        },
      ]);
    });

    it('gives the path up to the vision for the hover', () => {
      const { workspace: ws } = lintFiles(
        [
          { uri: 'co.kpi.yaml', text: root },
          { uri: 'team.kpi.yaml', text: team },
        ],
        { asOf: AS_OF },
      );
      const [co, t] = ws.scorecards;
      assert.deepEqual(pathToVision(ws, t, t.kpis[0]), ['team/leads', 'co/sales', 'co/grow', 'co/vision']);
      assert.equal(pathToVision(ws, co, co.kpis[1]), undefined);
    });
  });
  describe('uncontrolled-kpi and conflicting-lever', () => {
    const co = `kpilens: 1
scorecard: { id: co }
kpis:
  - id: speed
    name: Speed
  - id: damage
    name: Damage
  - id: idle
    name: Idle
levers:
  - id: belts
    name: Belts
    improves: [speed, damage]
    worsens: [damage, team/errors]
`;
    const team = `kpilens: 1
scorecard: { id: team, parent: co }
kpis:
  - { id: errors, name: Errors }
levers:
  - { id: scan, name: Scan, improves: [co/idle] }
`;
    const files = { 'co.kpi.yaml': co, 'team.kpi.yaml': team };

    it('counts levers of every scorecard, so only a KPI nobody names is uncontrolled', () => {
      assert.deepEqual(lint({ ...files, 'team.kpi.yaml': team.replace('co/idle', 'errors') }, 'uncontrolled-kpi'), [
        {
          rule: 'uncontrolled-kpi',
          at: 'co.kpi.yaml:8:9-8:13',
          message: 'KPI "idle" is moved by no lever: no lever in the workspace improves or worsens it.',
          items: ['co/idle'],
        },
      ]);
      assert.deepEqual(lint(files, 'uncontrolled-kpi'), []);
    });

    it('reports a lever on both sides, naming the KPI it both improves and worsens', () => {
      assert.deepEqual(lint(files, 'conflicting-lever'), [
        {
          rule: 'conflicting-lever',
          at: 'co.kpi.yaml:11:9-11:14',
          message: 'Lever "belts" improves "speed", "damage" but worsens "team/errors", and both improves and worsens "damage": make the trade-off explicit.',
          related: ['co.kpi.yaml:14:15-14:21 "belts" worsens "damage" here.', 'co.kpi.yaml:14:23-14:34 "belts" worsens "team/errors" here.'],
          items: ['co/belts'],
        },
      ]);
    });
  });
  describe('too-many-outputs', () => {
    it('names the KPIs a maximum matching leaves without a lever, on the scorecard id', () => {
      const text = `kpilens: 1
scorecard: { id: ret }
kpis:
  - { id: churn, name: Churn }
  - { id: nrr, name: NRR }
  - { id: grr, name: GRR }
  - { id: nps, name: NPS }
levers:
  - { id: calls, name: Calls, improves: [churn, nrr] }
  - { id: upsell, name: Upsell, improves: [nrr], worsens: [ret/grr, other/nps] }
`;
      assert.deepEqual(lint({ 'ret.kpi.yaml': text }, 'too-many-outputs'), [
        {
          rule: 'too-many-outputs',
          at: 'ret.kpi.yaml:2:18-2:21',
          message: '3 steered KPIs but the levers can move only 2 independently: "grr" has no lever of its own.',
          related: ['ret.kpi.yaml:6:11-6:14 "grr" has no lever of its own.'],
          items: ['ret/grr'],
        },
      ]);
      // A third lever for grr matches every steered KPI.
      assert.deepEqual(lint({ 'ret.kpi.yaml': `${text}  - { id: audit, name: Audit, improves: [grr] }\n` }, 'too-many-outputs'), []);
    });

    const messages = (text: string) => lint({ 'ret.kpi.yaml': text }, 'too-many-outputs').map((f) => f.message);

    it('counts a KPI that contributes to another KPI of the scorecard as an inner loop of it, not an output', () => {
      const text = `kpilens: 1.1
scorecard: { id: ret }
kpis:
  - { id: churn, name: Churn }
  - { id: calls-made, name: Calls made, contributes: [churn] }
  - { id: call-quality, name: Call quality, contributes: [calls-made] }
levers:
  - { id: calls, name: Calls, improves: [calls-made, churn, call-quality] }
`;
      assert.deepEqual(messages(text), []);
      // Without the contributes links, three outputs share one lever.
      assert.deepEqual(messages(text.replace(', contributes: [churn]', '').replace(', contributes: [calls-made]', '')), [
        '3 steered KPIs but the levers can move only 1 independently: "calls-made" and "call-quality" have no lever of their own.',
      ]);
    });

    it('counts KPIs with the same measure.of as one output', () => {
      const text = `kpilens: 1.1
scorecard: { id: ret }
kpis:
  - { id: wait-mean, name: Mean wait, measure: { of: wait, stat: mean } }
  - { id: wait-p80, name: 80th percentile wait, measure: { of: wait, stat: p80 } }
levers:
  - { id: staff, name: Staff, improves: [wait-mean, wait-p80] }
`;
      assert.deepEqual(messages(text), []);
      assert.deepEqual(messages(text.replace('of: wait, stat: p80', 'of: wait-tail, stat: p80')), [
        '2 steered KPIs but the levers can move only 1 independently: "wait-p80" has no lever of its own.',
      ]);
    });

    it('does not count a low edge as steering', () => {
      const text = `kpilens: 1.1
scorecard: { id: ret }
kpis:
  - { id: ed, name: ED }
  - { id: fsa, name: FSA }
levers:
  - { id: theatres, name: Theatres, improves: { ed: high, fsa: low } }
`;
      assert.deepEqual(messages(text), []);
      assert.deepEqual(messages(text.replace('fsa: low', 'fsa: medium')), [
        '2 steered KPIs but the levers can move only 1 independently: "fsa" has no lever of its own.',
      ]);
    });
  });
  describe('noise-sensitive', () => {
    it('reports a target within 2 x noise on the target value, and a high disturbance with no lever on the KPI id', () => {
      const text = `kpilens: 1
scorecard: { id: port }
kpis:
  - id: moves
    name: Moves
    baseline: 40
    target: { value: 35 }
    noise: 3
  - { id: tide-wait, name: Tide wait }
disturbances:
  - { id: tide, name: Tide, affects: { tide-wait: high } }
`;
      assert.deepEqual(lint({ 'port.kpi.yaml': text }, 'noise-sensitive'), [
        {
          rule: 'noise-sensitive',
          at: 'port.kpi.yaml:7:22-7:24',
          message: 'KPI "moves": target 35 is only 5 from the baseline 40, less than 2 × noise 3 (declared) = 6: reaching it could be luck.',
          items: ['port/moves'],
        },
        {
          rule: 'noise-sensitive',
          at: 'port.kpi.yaml:9:11-9:20',
          message: 'KPI "tide-wait" is moved strongly by disturbance "tide" (high) and no lever can answer: its target is left to chance.',
          related: ['port.kpi.yaml:11:40-11:49 "tide" affects "tide-wait" with level high.'],
          items: ['port/tide', 'port/tide-wait'],
        },
      ]);
    });

    it('estimates the noise from the data CSV when none is declared', () => {
      const text = `kpilens: 1
scorecard: { id: port }
kpis:
  - id: moves
    name: Moves
    baseline: 10
    target: { value: 12 }
    data: { csv: moves.csv, column: moves }
`;
      const csv = 'date,moves\n' + [10, 11, 10, 11, 10, 11, 10, 13].map((v, i) => `2026-03-0${i + 1},${v}`).join('\n');
      assert.deepEqual(
        lint({ 'port.kpi.yaml': text }, 'noise-sensitive', { 'moves.csv': csv }).map((f) => f.message),
        [
          'KPI "moves": target 12 is only 2 from the baseline 10, less than 2 × noise 1.069 (estimated from the last 8 observations) = 2.138: reaching it could be luck.',
        ],
      );
      // Without the CSV there is no noise figure and so no verdict.
      assert.deepEqual(lint({ 'port.kpi.yaml': text }, 'noise-sensitive'), []);
    });

    it('gives a count its Poisson noise from three observations, and says so', () => {
      const text = `kpilens: 1.1
scorecard: { id: port }
kpis:
  - id: incidents
    name: Incidents a year
    unit: count
    direction: decrease
    baseline: 47
    target: { value: 40, by: 2027-12-31 }
    history: [{ date: 2023-12-31, value: 47 }, { date: 2024-12-31, value: 40 }, { date: 2025-12-31, value: 45 }]
`;
      assert.deepEqual(
        lint({ 'port.kpi.yaml': text }, 'noise-sensitive').map((f) => f.message),
        [
          'KPI "incidents": target 40 is only 7 from the baseline 47, less than 2 × noise 6.633 (Poisson noise of a count averaging 44 over 3 observations) = 13.266: reaching it could be luck.',
        ],
      );
    });

    it('leaves a target that asks for nothing to target-direction', () => {
      const text = `kpilens: 1.1
scorecard: { id: port }
kpis:
  - { id: moves, name: Moves, direction: increase, baseline: 40, target: { value: 39 }, noise: 3 }
`;
      assert.deepEqual(lint({ 'port.kpi.yaml': text }, 'noise-sensitive'), []);
      assert.deepEqual(
        lint({ 'port.kpi.yaml': text }, 'target-direction').map((f) => f.message),
        ['KPI "moves": target 39 for an increase is below the baseline 40: already met, or set backwards.'],
      );
    });
  });
  describe('redundant-kpis', () => {
    it('compares the histories of at most 400 KPIs of a scorecard, so the pairwise work stays bounded', () => {
      const dates = Array.from({ length: 8 }, (_, i) => `2026-0${i + 1}-01`);
      const history = (values: number[]) => `[${values.map((v, i) => `{ date: ${dates[i]}, value: ${v} }`).join(', ')}]`;
      const flat = history(dates.map(() => 1));
      const rising = history([1, 3, 2, 5, 4, 8, 6, 9]);
      // Constant histories count towards the bound but never correlate; the pair comes last.
      const card = (constants: number) =>
        `kpilens: 1\nscorecard: { id: big }\nkpis:\n${Array.from({ length: constants }, (_, i) => `  - { id: c${i}, name: C, history: ${flat} }\n`).join('')}` +
        `  - { id: first, name: A, history: ${rising} }\n  - { id: second, name: B, history: ${rising} }\n`;
      assert.deepEqual(
        lint({ 'big.kpi.yaml': card(398) }, 'redundant-kpis').map((f) => f.message),
        [
          '"first" and "second" carry the same information: their changes correlate, r = 1.00 over 8 shared dates (p < 0.001), and |r| stays at least 1.00 whichever date is left out.',
        ],
      );
      assert.deepEqual(lint({ 'big.kpi.yaml': card(399) }, 'redundant-kpis'), []);
    });

    const hist = (values: number[]) => `    history: [${values.map((v, i) => `{ date: 2026-01-1${i}, value: ${v} }`).join(', ')}]\n`;

    it('reports a measured pair once, on its first member, with r and the shared dates', () => {
      const text = `kpilens: 1
scorecard: { id: lab }
kpis:
  - id: vulns
    name: Vulns
${hist([10, 12, 11, 15, 14, 18, 17, 20])}  - id: vuln-age
    name: Age
${hist([5, 7, 6, 10, 9, 13, 12, 16])}`;
      assert.deepEqual(lint({ 'lab.kpi.yaml': text }, 'redundant-kpis'), [
        {
          rule: 'redundant-kpis',
          at: 'lab.kpi.yaml:4:9-4:14',
          message:
            '"vulns" and "vuln-age" carry the same information: their changes correlate, r = 0.99 over 8 shared dates (p < 0.001), and |r| stays at least 0.98 whichever date is left out.',
          related: ['lab.kpi.yaml:7:9-7:17 "vuln-age" carries the same information as "vulns".'],
          items: ['lab/vuln-age', 'lab/vulns'],
        },
      ]);
      // Seven shared dates are below minPoints: no verdict.
      assert.deepEqual(lint({ 'lab.kpi.yaml': text.replace('{ date: 2026-01-17, value: 16 }', '{ date: 2026-02-17, value: 16 }') }, 'redundant-kpis'), []);
    });

    it('reports two KPIs with the same measure.of once, on the first by path, unless one feeds the other', () => {
      const ops = `kpilens: 1.1
scorecard: { id: ops }
kpis:
  - { id: wait-mean, name: Mean wait, measure: { of: wait, stat: mean } }
  - { id: wait-p80, name: 80th percentile wait, measure: { of: wait, stat: p80 } }
`;
      const hq = `kpilens: 1.1
scorecard: { id: hq }
kpis:
  - { id: wait, name: Wait, measure: { of: wait } }
`;
      assert.deepEqual(lint({ 'ops.kpi.yaml': ops, 'hq.kpi.yaml': hq }, 'redundant-kpis'), [
        {
          rule: 'redundant-kpis',
          at: 'ops.kpi.yaml:4:11-4:20',
          message: '"wait-mean" and "wait-p80" carry the same information: both measure "wait"; keep one, or say with `contributes` which one feeds the other.',
          related: ['ops.kpi.yaml:5:11-5:19 "wait-p80" also measures "wait".'],
          items: ['ops/wait-mean', 'ops/wait-p80'],
        },
        {
          rule: 'redundant-kpis',
          at: 'hq.kpi.yaml:4:11-4:15',
          message: '"wait" and "ops/wait-mean" carry the same information: both measure "wait"; keep one, or say with `contributes` which one feeds the other.',
          related: ['ops.kpi.yaml:4:11-4:20 "ops/wait-mean" also measures "wait".'],
          items: ['hq/wait', 'ops/wait-mean'],
        },
        {
          rule: 'redundant-kpis',
          at: 'hq.kpi.yaml:4:11-4:15',
          message: '"wait" and "ops/wait-p80" carry the same information: both measure "wait"; keep one, or say with `contributes` which one feeds the other.',
          related: ['ops.kpi.yaml:5:11-5:19 "ops/wait-p80" also measures "wait".'],
          items: ['hq/wait', 'ops/wait-p80'],
        },
      ]);
      // The team's statistics feed the headquarters' KPI, one through the other: parts, not duplicates.
      const linked = ops
        .replace('stat: mean } }', 'stat: mean }, contributes: [hq/wait] }')
        .replace('stat: p80 } }', 'stat: p80 }, contributes: [wait-mean] }');
      assert.deepEqual(lint({ 'ops.kpi.yaml': linked, 'hq.kpi.yaml': hq }, 'redundant-kpis'), []);
    });

    it('no longer takes the same objective, unit and levers for the same information', () => {
      const text = `kpilens: 1
scorecard: { id: lab }
objectives:
  - { id: safe, title: Safe }
kpis:
  - { id: a, name: A, objective: safe, unit: count }
  - { id: b, name: B, objective: [safe], unit: count }
levers:
  - { id: patch, name: Patch, improves: [a, b] }
`;
      assert.deepEqual(lint({ 'lab.kpi.yaml': text }, 'redundant-kpis'), []);
    });

    it('puts a declared pair of other scorecards on the between value of the declaring scorecard', () => {
      const ops = `kpilens: 1
scorecard: { id: ops }
kpis:
  - { id: x, name: X }
  - { id: y, name: Y }
`;
      const hq = `kpilens: 1
scorecard: { id: hq }
correlations:
  - { between: [ops/y, ops/x], r: 0.85 }
`;
      assert.deepEqual(lint({ 'hq.kpi.yaml': hq, 'ops.kpi.yaml': ops }, 'redundant-kpis'), [
        {
          rule: 'redundant-kpis',
          at: 'hq.kpi.yaml:4:17-4:29',
          message: '"ops/y" and "ops/x" carry the same information: declared r = 0.85.',
          related: ['ops.kpi.yaml:5:11-5:12 "ops/y" is one of the pair.', 'ops.kpi.yaml:4:11-4:12 "ops/x" is one of the pair.'],
          items: ['ops/x', 'ops/y'],
        },
      ]);
    });
  });
});

describe('unresolved-ref suggestions', () => {
  it('suggests only well-formed ids, so that taking the suggestion keeps the YAML valid', () => {
    const text = 'kpilens: 1\nscorecard: { id: s }\nkpis:\n  - id: misrou[c0tes\n  - id: sort-rate\nlevers:\n  - id: l\n    improves: [sort-rate, misroutes]\n';
    const { findings } = lintFiles([{ uri: 's.kpi.yaml', text }], { asOf: AS_OF });
    const refs = findings.get('s.kpi.yaml')!.filter((f) => f.rule === 'unresolved-ref');
    assert.deepEqual(
      refs.map((f) => [f.message, f.suggestions]),
      [['Unresolved reference "misroutes" in `improves` of "l": no KPI "misroutes".', undefined]],
    );
  });
});
