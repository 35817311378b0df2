import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { Finding, parseScorecard, RuleSettings, Workspace } from '../../server/src/engine';
import { buildViewModel, ViewModel } from '../../server/src/engine/view';

const dir = join(__dirname, '..', 'fixtures', 'view', 'workspace');
const NW = 'mem:northwind.kpi.yaml';
const HUB = 'mem:hub.kpi.yaml';

function load(name: string): string {
  return readFileSync(join(dir, name), 'utf8');
}

function workspaceOf(files: Record<string, string>): Workspace {
  return new Workspace(Object.entries(files).map(([uri, text]) => parseScorecard(uri, text).scorecard));
}

const texts = { [NW]: load('northwind.kpi.yaml'), [HUB]: load('hub.kpi.yaml') };

/** A finding at the first occurrence of `needle` (after `after`) in a text. */
function findingAt(text: string, needle: string, rule: string, severity: Finding['severity'], after = ''): Finding {
  const start = text.indexOf(needle, after ? text.indexOf(after) : 0);
  assert.ok(start >= 0, `fixture has no ${needle}`);
  return { rule, severity, span: { start, end: start + needle.length }, message: `${rule} at ${needle}` };
}

function short(key: string): string {
  return key.replace('mem:', '').replace('.kpi.yaml', '');
}

describe('view model: cascade', () => {
  let vm: ViewModel;
  before(() => {
    vm = buildViewModel(workspaceOf(texts), new Map(), HUB);
  });

  it('lists the scorecards in cascade order, with parent, depth and counts', () => {
    assert.deepEqual(
      vm.cascade.groups.map((g) => ({
        key: short(g.key),
        id: g.id,
        title: g.title,
        owner: g.owner,
        parent: g.parent && short(g.parent),
        depth: g.depth,
        counts: g.counts,
      })),
      [
        {
          key: 'northwind',
          id: 'northwind',
          title: 'Northwind Parcels',
          owner: 'ceo',
          parent: undefined,
          depth: 0,
          counts: { objectives: 2, kpis: 3, levers: 1, disturbances: 0, findings: 0 },
        },
        {
          key: 'hub',
          id: 'hub',
          title: 'Sorting hub',
          owner: 'hub-manager',
          parent: 'northwind',
          depth: 1,
          counts: { objectives: 1, kpis: 2, levers: 1, disturbances: 2, findings: 0 },
        },
      ],
    );
    assert.equal(vm.focus, HUB);
  });

  it('has one node per vision, objective, KPI and lever, with owner and status', () => {
    assert.deepEqual(
      vm.cascade.nodes.map((n) => [short(n.key), n.kind, n.label, n.owner ?? null, n.kpi?.status ?? null]),
      [
        ['northwind#:vision', 'vision', 'Every parcel arrives when we said it would.', null, null],
        ['northwind#on-time', 'objective', 'Parcels arrive on the promised day', null, null],
        ['northwind#safe-work', 'objective', 'Nobody gets hurt at work', null, null],
        ['northwind#on-time-rate', 'kpi', 'On-time delivery rate', 'coo', 'ok'],
        ['northwind#lost-time-injuries', 'kpi', 'Lost-time injuries per million hours', 'hse-lead', 'warn'],
        ['northwind#claims-cost', 'kpi', 'Damage claims cost', 'cfo', 'alert'],
        ['northwind#route-planning', 'lever', 'Dynamic route planning', 'coo', null],
        ['hub#fast-sort', 'objective', 'Parcels leave the hub within four hours', null, null],
        ['hub#dwell-time', 'kpi', 'Median dwell time in the hub', 'hub-manager', 'unknown'],
        ['hub#missorts', 'kpi', 'Missorted parcels', 'shift-lead', 'unknown'],
        ['hub#extra-shift', 'lever', 'Extra night shift', 'hub-manager', null],
      ],
    );
  });

  it('has an edge per resolved ref, from the item that writes it to the item it names', () => {
    assert.deepEqual(
      vm.cascade.edges.map((e) => [e.kind, short(e.from), short(e.to), e.level ?? null]),
      [
        ['supports', 'northwind#on-time', 'northwind#:vision', null],
        ['supports', 'northwind#safe-work', 'northwind#:vision', null],
        ['objective', 'northwind#on-time-rate', 'northwind#on-time', null],
        ['objective', 'northwind#lost-time-injuries', 'northwind#safe-work', null],
        ['objective', 'northwind#claims-cost', 'northwind#on-time', null],
        ['improves', 'northwind#route-planning', 'northwind#on-time-rate', null],
        ['supports', 'hub#fast-sort', 'northwind#on-time', null],
        ['objective', 'hub#dwell-time', 'hub#fast-sort', null],
        ['contributes', 'hub#dwell-time', 'northwind#on-time-rate', null],
        ['improves', 'hub#extra-shift', 'hub#dwell-time', null],
        ['improves', 'hub#extra-shift', 'hub#missorts', null],
        ['worsens', 'hub#extra-shift', 'northwind#lost-time-injuries', null],
      ],
    );
  });

  it('gives KPIs their facts and the disturbances that affect them, medium when no level is given', () => {
    const dwell = vm.cascade.nodes.find((n) => n.key === `${HUB}#dwell-time`)!;
    assert.deepEqual(dwell.kpi, {
      unit: 'hours',
      direction: 'decrease',
      baseline: 6,
      target: 4,
      targetBy: '2027-03-31',
      status: 'unknown',
      standing: { status: 'no-data', reason: 'no observation yet', stale: false, met: false, missed: false, trend: [] },
      poles: ['act'],
      disturbances: [
        { key: `${HUB}#peak-season`, level: 'high' },
        { key: `${HUB}#storms`, level: 'medium' },
      ],
    });
    const rate = vm.cascade.nodes.find((n) => n.key === `${NW}#on-time-rate`)!;
    assert.deepEqual(rate.kpi?.last, { date: '2026-09-14', value: 94.5 });
    assert.deepEqual(
      vm.cascade.disturbances.map((d) => [short(d.key), d.label]),
      [
        ['hub#peak-season', 'Peak season volume'],
        ['hub#storms', 'Storms'],
      ],
    );
  });

  it('keeps source ranges: the whole item for the cursor, the id for a click', () => {
    const text = texts[HUB];
    const dwell = vm.cascade.nodes.find((n) => n.key === `${HUB}#dwell-time`)!;
    const idAt = text.indexOf('dwell-time\n');
    assert.deepEqual(dwell.select, { start: idAt, end: idAt + 'dwell-time'.length });
    assert.equal(dwell.span.start, text.indexOf('id: dwell-time'));
    assert.equal(dwell.span.end, text.indexOf('  - id: missorts'));
    const group = vm.cascade.groups[1];
    assert.deepEqual(group.select, { start: text.indexOf('hub\n'), end: text.indexOf('hub\n') + 3 });
    const vision = vm.cascade.nodes[0];
    assert.equal(texts[NW].slice(vision.select.start, vision.select.end), 'Every parcel arrives when we said it would.');
  });

  it('puts each finding on the innermost node that holds its start, and the rest on the scorecard', () => {
    const hub = texts[HUB];
    const nw = texts[NW];
    const findings = new Map<string, Finding[]>([
      [
        HUB,
        [
          findingAt(hub, 'hub', 'review-overdue', 'warning', 'id: hub'),
          findingAt(hub, 'dwell-time', 'smart-target', 'warning', '- id: dwell-time'),
          findingAt(hub, 'hours', 'noise-sensitive', 'error', 'unit: hours'),
          findingAt(hub, 'storms', 'kpi-owner', 'info', '- id: storms'),
        ],
      ],
      [NW, [findingAt(nw, 'act: 6', 'polarity-overuse', 'info'), findingAt(nw, 'reliability', 'vision-missing', 'hint')]],
    ]);
    const m = buildViewModel(workspaceOf(texts), findings);
    const node = (key: string) => m.cascade.nodes.find((n) => n.key === key)!;
    assert.deepEqual(
      node(`${HUB}#dwell-time`).findings.map((f) => [f.rule, f.severity, f.line, f.column]),
      [
        ['smart-target', 'warning', 13, 9],
        ['noise-sensitive', 'error', 17, 11],
      ],
    );
    assert.equal(node(`${HUB}#dwell-time`).worst, 'error');
    assert.equal(node(`${HUB}#missorts`).worst, undefined);
    assert.deepEqual(
      m.cascade.disturbances[1].findings.map((f) => f.rule),
      ['kpi-owner'],
    );
    assert.equal(m.cascade.disturbances[1].worst, 'info');
    const [nwGroup, hubGroup] = m.cascade.groups;
    assert.deepEqual(
      hubGroup.findings.map((f) => f.rule),
      ['review-overdue'],
    );
    assert.equal(hubGroup.counts.findings, 4);
    assert.equal(hubGroup.worst, 'error', 'a group is as bad as its worst node');
    assert.deepEqual(
      nwGroup.findings.map((f) => f.rule),
      ['polarity-overuse'],
    );
    assert.deepEqual(
      node(`${NW}#:vision`).findings.map((f) => f.rule),
      ['vision-missing'],
    );
    assert.equal(m.focus, undefined);
  });

  it('draws scorecards outside any chain after the cascade, and survives a parent cycle', () => {
    const ws = workspaceOf({
      'mem:a.kpi.yaml': 'kpilens: 1\nscorecard: { id: a, parent: b }\n',
      'mem:b.kpi.yaml': 'kpilens: 1\nscorecard: { id: b, parent: a }\n',
      'mem:c.kpi.yaml': 'kpilens: 1\nscorecard: { id: c, parent: nowhere }\n',
      'mem:d.kpi.yaml': 'kpilens: 1\nscorecard: { id: d }\n',
      'mem:e.kpi.yaml': 'kpilens: 1\nscorecard: { id: e, parent: d }\n',
    });
    const m = buildViewModel(ws, new Map());
    assert.deepEqual(
      m.cascade.groups.map((g) => [g.id, g.depth, g.parent ?? null]),
      [
        ['d', 0, null],
        ['e', 1, 'mem:d.kpi.yaml'],
        ['a', 0, null],
        ['b', 1, 'mem:a.kpi.yaml'],
        ['c', 0, null],
      ],
    );
    assert.deepEqual(
      m.cascade.nodes.map((n) => n.key),
      ['mem:d.kpi.yaml#:vision'],
      'only a root gets a vision node, even without a vision block',
    );
  });

  it('keys duplicate ids apart and copes with a file that is not a scorecard', () => {
    const ws = workspaceOf({
      'mem:dup.kpi.yaml': 'kpilens: 1\nscorecard: { id: dup }\nkpis:\n  - { id: x, name: First }\n  - { id: x, name: Second }\n',
      'mem/broken.kpi.yaml': '- just\n- a list\n',
    });
    const m = buildViewModel(ws, new Map());
    assert.deepEqual(
      m.cascade.nodes.filter((n) => n.kind === 'kpi').map((n) => [n.key, n.label]),
      [
        ['mem:dup.kpi.yaml#x', 'First'],
        ['mem:dup.kpi.yaml#x:2', 'Second'],
      ],
    );
    const broken = m.cascade.groups.find((g) => g.key === 'mem/broken.kpi.yaml')!;
    assert.equal(broken.title, 'broken.kpi.yaml');
    assert.equal(broken.id, undefined);
  });

  it('takes the status from the CSV when the KPI has no history, as lint does', () => {
    const ws = workspaceOf({
      'mem:csv.kpi.yaml':
        'kpilens: 1\nscorecard: { id: csv }\nkpis:\n  - id: k\n    name: K\n    direction: increase\n    thresholds: { warn: 10, alert: 5 }\n    data: { csv: k.csv, column: k }\n',
    });
    const read = (uri: string, csv: string) => (uri === 'mem:csv.kpi.yaml' && csv === 'k.csv' ? 'date,k\n2026-01-02,3\n2026-01-01,50\n' : undefined);
    const m = buildViewModel(ws, new Map(), undefined, { readData: read });
    assert.deepEqual(m.cascade.nodes[1].kpi?.last, { date: '2026-01-02', value: 3 });
    assert.equal(m.cascade.nodes[1].kpi?.status, 'alert');
    assert.equal(buildViewModel(ws, new Map()).cascade.nodes[1].kpi?.status, 'unknown');
  });
});

describe('view model: KPI status', () => {
  // The figures come from the engine's kpiStatus (test/unit/status.test.ts covers every case);
  // the view draws them in a band and gives them to the picture as they are.
  const ws = () => workspaceOf(texts);
  const kpi = (vm: ViewModel, id: string) => vm.cascade.nodes.find((n) => n.id === id)!.kpi!;

  it("computes each KPI's status as of the view's date, and draws no data as unknown", () => {
    const vm = buildViewModel(ws(), new Map(), undefined, { asOf: '2026-09-10' });
    assert.deepEqual(
      ['on-time-rate', 'lost-time-injuries', 'claims-cost', 'dwell-time'].map((id) => [
        id,
        kpi(vm, id).status,
        kpi(vm, id).standing.status,
        kpi(vm, id).last ?? null,
      ]),
      [
        // The observation of 2026-09-14 lies after as-of: 89 on 2026-09-07 is the latest.
        ['on-time-rate', 'alert', 'off-track', { date: '2026-09-07', value: 89 }],
        ['lost-time-injuries', 'warn', 'at-risk', { date: '2026-08-31', value: 4.2 }],
        ['claims-cost', 'alert', 'off-track', { date: '2026-08-31', value: 125000 }],
        ['dwell-time', 'unknown', 'no-data', null],
      ],
    );
  });

  it('gives the figures behind the status: plan, progress, stale, trend', () => {
    const rate = kpi(buildViewModel(ws(), new Map(), undefined, { asOf: '2026-11-24' }), 'on-time-rate');
    // The plan runs 296 days from 91 on 2026-09-07 (the first observation) to 97 on 2027-06-30; on
    // 2026-09-14, 7 days in, it stands at 91 + 6 x 7 / 296.
    assert.deepEqual(
      { ...rate.standing, plan: rate.standing.plan?.toFixed(3), progress: rate.standing.progress?.toFixed(3), expected: rate.standing.expected?.toFixed(3) },
      {
        status: 'on-track',
        reason: '94.5, clear of the warn threshold 93',
        stale: true,
        staleBefore: '2026-11-10',
        last: { date: '2026-09-14', value: 94.5 },
        plan: '91.142',
        progress: '0.583',
        expected: '0.024',
        met: false,
        missed: false,
        trend: [89, 94.5],
      },
    );
  });
});

describe('view model: polarity wheels', () => {
  it('has one wheel per scorecard with polarities or poles, with the numbers per pole', () => {
    const vm = buildViewModel(workspaceOf({ ...texts, 'mem:plain.kpi.yaml': 'kpilens: 1\nscorecard: { id: plain, parent: northwind }\n' }), new Map());
    assert.deepEqual(
      vm.wheels.map((w) => short(w.key)),
      ['northwind', 'hub'],
    );
    const [nw, hub] = vm.wheels;
    assert.equal(nw.gap, 3);
    assert.deepEqual(nw.capabilities, ['Focus', 'Drive', 'Clarity', 'Courage', 'Care', 'Trust']);
    assert.deepEqual(nw.responsibilities, ['Direction', 'Alignment', 'Commitment']);
    assert.deepEqual(
      nw.polarities.map((p) => [
        p.key,
        ...p.poles.map((x) => `${x.pole} ${x.score ?? '-'} from ${x.overuseFrom ?? '-'}${x.overused ? ' overused' : ''} [${x.kpis.join(' ')}]`),
      ]),
      [
        ['act-reflect', 'act 6 from 5 overused []', 'reflect 2 from 9 []'],
        ['stability-change', 'stability - from - [on-time-rate]', 'change - from - []'],
        ['challenge-support', 'challenge - from - []', 'support - from - [lost-time-injuries]'],
        ['competence-warmth', 'competence - from - []', 'warmth - from - []'],
        ['task-relationship', 'task 5 from 7 [on-time-rate claims-cost]', 'relationship 4 from 8 [lost-time-injuries]'],
        ['direct-empower', 'direct - from - []', 'empower - from - []'],
      ],
    );
    assert.ok(nw.polarities[0].explanation.length > 40);
    assert.equal(nw.polarities[0].span && texts[NW].slice(nw.polarities[0].span.start, nw.polarities[0].span.end), 'act-reflect: { act: 6, reflect: 2 }');
    assert.equal(nw.polarities[1].span, undefined);
    assert.deepEqual(
      hub.polarities.flatMap((p) => p.poles.filter((x) => x.kpis.length).map((x) => `${x.pole} [${x.kpis}]`)),
      ['act [dwell-time]'],
    );
    assert.equal(hub.capabilities, undefined);
  });

  it('takes the overuse gap from the rule settings and puts findings on their polarity', () => {
    const findings = new Map([[NW, [findingAt(texts[NW], 'act: 6', 'polarity-overuse', 'info')]]]);
    const vm = buildViewModel(workspaceOf(texts), findings, undefined, {
      settingsFor: (uri): RuleSettings => (uri === NW ? { 'polarity-overuse': { options: { gap: 5 } } } : {}),
    });
    const [nw, hub] = vm.wheels;
    assert.equal(nw.gap, 5);
    assert.deepEqual(
      nw.polarities[0].poles.map((p) => [p.overuseFrom, p.overused]),
      [
        [7, false],
        [11, false],
      ],
    );
    assert.deepEqual(
      nw.polarities[0].findings.map((f) => [f.rule, f.line]),
      [['polarity-overuse', 63]],
    );
    assert.equal(nw.polarities[0].worst, 'info');
    assert.equal(nw.polarities[4].worst, undefined);
    assert.equal(hub.gap, 3);
  });
});
