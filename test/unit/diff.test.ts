import { strict as assert } from 'assert';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { lintFiles, RULES } from '../../server/src/engine';
import type { SourceFile } from '../../server/src/engine';
import { ambitionOf, diffStrategy } from '../../server/src/engine/review';
import type { DiffSide, StrategyDiff } from '../../server/src/engine/review/diff';

const root = join(__dirname, '..', 'fixtures', 'diff');
// Structure rules only, so that the expected findings do not move as selection rules evolve.
const rules = RULES.filter((r) => ['yaml-syntax', 'unresolved-ref', 'duplicate-id'].includes(r.meta.id));

function side(files: SourceFile[]): DiffSide {
  const r = lintFiles(files, { asOf: '2026-11-25', rules });
  return { scorecards: r.workspace.scorecards, findings: r.findings };
}

function folder(dir: string): SourceFile[] {
  return readdirSync(dir)
    .sort()
    .map((f) => ({ uri: f, text: readFileSync(join(dir, f), 'utf8') }));
}

function fixture(name: string): StrategyDiff {
  return diffStrategy(side(folder(join(root, name, 'before'))), side(folder(join(root, name, 'after'))));
}

/** The report as lines: a header per scorecard, its changes, then findings introduced (+) and resolved (-). */
function report(d: StrategyDiff): string[] {
  return d.scorecards.flatMap((s) => [
    `${s.id} (${s.status})`,
    ...s.changes.map((c) => `  ${c.text}`),
    ...s.introduced.map((f) => `  + ${f.uri}:${f.line}:${f.column} ${f.rule} [${f.items.join(', ')}] ${f.message}`),
    ...s.resolved.map((f) => `  - ${f.uri}:${f.line}:${f.column} ${f.rule} [${f.items.join(', ')}] ${f.message}`),
  ]);
}

describe('strategy diff', () => {
  it('names items added and removed, with what identifies them', () => {
    const d = fixture('items');
    assert.deepEqual(report(d), [
      'plant (changed)',
      '  KPI near-misses added: "Near misses reported" (owner hse-lead, target 120 count by 2027-12-31).',
      '  Lever safety-walks added: "Weekly safety walks" (owner shift-leads).',
      '  Objective lean-stock removed: "Stock turns fast".',
    ]);
    assert.deepEqual(d.summary.items, { added: 2, removed: 1, renamed: 0, changed: 0 });
    assert.deepEqual(d.scorecards[0].changes[2], {
      kind: 'removed',
      subject: 'objective',
      id: 'lean-stock',
      text: 'Objective lean-stock removed: "Stock turns fast".',
    });
  });

  it('reads an id change with everything else equal as a rename, and refs that follow it as no change', () => {
    const d = fixture('rename');
    assert.deepEqual(report(d), ['shop (changed)', '  KPI repurchase renamed to repeat-rate (nothing else changed).']);
    assert.deepEqual(d.scorecards[0].changes[0], {
      kind: 'renamed',
      subject: 'kpi',
      id: 'repeat-rate',
      before: 'repurchase',
      after: 'repeat-rate',
      text: 'KPI repurchase renamed to repeat-rate (nothing else changed).',
    });
  });

  it('reads a changed scorecard id in the same file as a rename: refs and findings that follow it are no change', () => {
    const hq = (id: string, objective: string) =>
      `kpilens: 1\nscorecard:\n  id: ${id}\nvision:\n  statement: V\n  values: [a]\nobjectives:\n  - id: ${objective}\n    title: Grow\n    supports: [vision]\nkpis:\n  - id: sales\n    name: Sales\n    objective: ${objective}\n    owner: ana\n`;
    const team = (parent: string, objective: string) =>
      `kpilens: 1\nscorecard:\n  id: team\n  parent: ${parent}\nobjectives:\n  - id: local\n    title: Local\n    supports: [${parent}/${objective}, ${parent}/gone]\nkpis:\n  - id: calls\n    name: Calls\n    objective: local\n    contributes: [${parent}/sales]\n`;
    const d = diffStrategy(
      side([
        { uri: 'hq.kpi.yaml', text: hq('hq', 'grow') },
        { uri: 'team.kpi.yaml', text: team('hq', 'grow') },
      ]),
      side([
        { uri: 'hq.kpi.yaml', text: hq('head-office', 'growth') },
        { uri: 'team.kpi.yaml', text: team('head-office', 'growth') },
      ]),
    );
    assert.deepEqual(report(d), [
      'head-office (changed)',
      '  Scorecard hq renamed to head-office.',
      '  Objective grow renamed to growth (nothing else changed).',
    ]);
    assert.deepEqual(d.scorecards[0].changes[0], {
      kind: 'renamed',
      subject: 'scorecard',
      id: 'head-office',
      before: 'hq',
      after: 'head-office',
      text: 'Scorecard hq renamed to head-office.',
    });
    assert.deepEqual(d.summary.scorecards, { compared: 2, added: 0, removed: 0, changed: 1 });
  });

  it('keeps refs that did not follow a rename as the same links (the unresolved ref is a finding)', () => {
    const text = (id: string) =>
      `kpilens: 1\nscorecard:\n  id: s\nkpis:\n  - id: ${id}\n    name: A\n  - id: b\n    name: B\nlevers:\n  - id: l\n    name: L\n    improves: [a]\ncorrelations:\n  - between: [a, b]\n    r: 0.5\n`;
    const d = diffStrategy(side([{ uri: 's.kpi.yaml', text: text('a') }]), side([{ uri: 's.kpi.yaml', text: text('a2') }]));
    assert.deepEqual(report(d), [
      's (changed)',
      '  KPI a renamed to a2 (nothing else changed).',
      '  + s.kpi.yaml:12:16 unresolved-ref [s/l] Unresolved reference "a" in `improves` of "l": no KPI "a". Did you mean "a2"?',
      '  + s.kpi.yaml:14:15 unresolved-ref [] Unresolved reference "a" in `between`: no KPI "a". Did you mean "a2"?',
    ]);
  });

  it('reads an id change together with another edit as a removal and an addition', () => {
    const before = 'kpilens: 1\nscorecard:\n  id: s\nkpis:\n  - id: a\n    name: A\n';
    const after = 'kpilens: 1\nscorecard:\n  id: s\nkpis:\n  - id: b\n    name: B\n';
    assert.deepEqual(report(diffStrategy(side([{ uri: 's.kpi.yaml', text: before }]), side([{ uri: 's.kpi.yaml', text: after }]))), [
      's (changed)',
      '  KPI b added: "B".',
      '  KPI a removed: "A".',
    ]);
  });

  it('says which way a target moved and whether it became more or less ambitious', () => {
    const d = fixture('targets');
    assert.deepEqual(report(d), [
      'sales (changed)',
      '  KPI win-rate: target 45 → 40 points, later by 3 months: less ambitious (date 2027-03-31 → 2027-06-30).',
      '  KPI cycle-time: target 60 → 50 days: more ambitious.',
      '  KPI pipeline: target 3 → 4, later by 3 months: mixed, a harder value but later (date 2027-06-30 → 2027-09-30).',
      '  KPI discount: target 12 → 10 percent: ambition not judged (direction maintain).',
      '  KPI churn: target date 2027-01-15 → 2026-12-01, earlier by 45 days: more ambitious.',
      '  KPI deal-size: target (none) → 30000 by 2027-12-31.',
    ]);
    assert.deepEqual(d.summary.targets, { more: 2, less: 1, mixed: 1, unclear: 2 });
    assert.deepEqual(d.scorecards[0].changes[0], {
      kind: 'target',
      subject: 'kpi',
      id: 'win-rate',
      field: 'target',
      ambition: 'less',
      before: { value: 45, by: '2027-03-31' },
      after: { value: 40, by: '2027-06-30' },
      text: 'KPI win-rate: target 45 → 40 points, later by 3 months: less ambitious (date 2027-03-31 → 2027-06-30).',
    });
  });

  it('judges ambition by direction and date', () => {
    assert.equal(ambitionOf('increase', { value: 40, by: '2027-06-30' }, { value: 45, by: '2027-03-31' }), 'more');
    assert.equal(ambitionOf('increase', { value: 40, by: '2027-06-30' }, { value: 45, by: '2027-06-30' }), 'more');
    assert.equal(ambitionOf('decrease', { value: 40, by: '2027-06-30' }, { value: 45, by: '2027-06-30' }), 'less');
    assert.equal(ambitionOf('decrease', { value: 40, by: '2027-06-30' }, { value: 40, by: '2027-07-01' }), 'less');
    assert.equal(ambitionOf('decrease', { value: 40, by: '2027-06-30' }, { value: 30, by: '2027-07-01' }), 'mixed');
    assert.equal(ambitionOf('increase', { value: 40, by: '2027-06-30' }, { value: 30, by: '2027-01-01' }), 'mixed');
    assert.equal(ambitionOf('maintain', { value: 40 }, { value: 30 }), 'unclear');
    assert.equal(ambitionOf(undefined, { value: 40 }, { value: 30 }), 'unclear');
    assert.equal(ambitionOf('increase', { value: 40 }, { value: 50, by: '2027-01-01' }), 'unclear');
    assert.equal(ambitionOf(undefined, { value: 40, by: '2027-06-30' }, { value: 40, by: '2027-01-01' }), 'more');
    const kpi = (target: string) => [
      { uri: 's.kpi.yaml', text: `kpilens: 1\nscorecard:\n  id: s\nkpis:\n  - id: k\n    name: K\n    direction: decrease\n    target: ${target}\n` },
    ];
    const d = diffStrategy(side(kpi('{ value: 10, by: 2027-06-30 }')), side(kpi('{ value: 12, by: 2027-06-15 }')));
    assert.equal(
      d.scorecards[0].changes[0].text,
      'KPI k: target 10 → 12, earlier by 15 days: mixed, an easier value but sooner (date 2027-06-30 → 2027-06-15).',
    );
  });

  it('shows owner, thresholds, cadence, indicator, horizon and every other field as old → new', () => {
    assert.deepEqual(report(fixture('fields')), [
      'care (changed)',
      '  Scorecard care: owner head-of-care → chief-nurse.',
      '  Scorecard care: review cadence quarterly → monthly.',
      '  Scorecard care: last review 2026-09-30 → 2026-11-30.',
      '  KPI wait-time: name "Median wait" → "Median wait to see a nurse".',
      '  KPI wait-time: definition (none) → "Minutes from check-in to first nurse contact".',
      '  KPI wait-time: owner front-desk → triage-lead.',
      '  KPI wait-time: baseline 35 → 32.',
      '  KPI wait-time: thresholds warn 25, alert 30 → warn 20, alert 30.',
      '  KPI wait-time: indicator lagging → leading.',
      '  KPI wait-time: horizon short → long.',
      '  KPI wait-time: cadence weekly → daily.',
      '  KPI wait-time: poles task → task, relationship.',
      '  KPI wait-time: history 2 → 3 observations, latest 2026-10-12 → 2026-10-19.',
      '  Lever triage: owner front-desk → triage-lead.',
      '  Lever triage: improves wait-time medium → high.',
    ]);
  });

  it('names the changes of format 1.1 in strategy terms: standing targets, milestones, co-owners, tier, lever state', () => {
    const d = fixture('format-1.1');
    assert.deepEqual(report(d), [
      'platform (changed)',
      '  Objective reliable: perspective customer → process.',
      '  KPI availability: co-owner sre-lead added.',
      '  KPI availability: tier key → supporting.',
      '  KPI availability: baseline 99.9 → 99.9 on 2025-12-31.',
      '  KPI availability: target became standing (99.95 every month, was 99.9 by 2026-12-31).',
      '  KPI lead-time: measure stat median → p90, window month → week.',
      '  KPI lead-time: lead owner delivery-lead → ops-lead, delivery-lead now co-owner.',
      '  KPI lead-time: milestone 2026-12-31: 60 → 55 hours: more ambitious.',
      '  KPI lead-time: milestone 2027-09-30 moved to 2028-03-31, later by 6 months: less ambitious.',
      '  KPI lead-time: milestone 36 hours by 2028-09-30 → 30 hours by 2029-09-30: mixed, a harder value but later.',
      '  KPI error-rate: co-owner infra-vp removed.',
      '  KPI error-rate: target 0.5 → 0.4 every month: more ambitious.',
      '  KPI error-rate: history edited (2 observations).',
      '  KPI deploys: target tbd by 2027-06-30 → 20 by 2027-06-30: ambition not judged (a value still to be decided or withheld).',
      '  Lever db-reliability: due 2026-06-30 → 2026-09-30, later by 3 months.',
      '  Lever db-reliability: state active → done.',
    ]);
    assert.deepEqual(d.summary.targets, { more: 2, less: 1, mixed: 1, unclear: 2 });
    const changes = d.scorecards[0].changes;
    assert.deepEqual(
      changes.find((c) => c.field === 'target' && c.id === 'availability'),
      {
        kind: 'target',
        subject: 'kpi',
        id: 'availability',
        field: 'target',
        ambition: 'unclear',
        before: { value: 99.9, by: '2026-12-31' },
        after: { value: 99.95, every: 'month' },
        text: 'KPI availability: target became standing (99.95 every month, was 99.9 by 2026-12-31).',
      },
    );
    assert.deepEqual(
      changes.find((c) => c.field === 'milestones' && c.ambition === 'less'),
      {
        kind: 'target',
        subject: 'kpi',
        id: 'lead-time',
        field: 'milestones',
        ambition: 'less',
        before: { value: 48, by: '2027-09-30' },
        after: { value: 48, by: '2028-03-31' },
        text: 'KPI lead-time: milestone 2027-09-30 moved to 2028-03-31, later by 6 months: less ambitious.',
      },
    );
    assert.deepEqual(
      changes.find((c) => c.field === 'owner' && c.id === 'availability'),
      {
        kind: 'changed',
        subject: 'kpi',
        id: 'availability',
        field: 'owner',
        before: 'infra-vp',
        after: ['infra-vp', 'sre-lead'],
        text: 'KPI availability: co-owner sre-lead added.',
      },
    );
  });

  it('reads a standing target turned dated, periods, milestones added and removed, and every change of co-owners', () => {
    const kpi = (fields: string) => [
      { uri: 's.kpi.yaml', text: `kpilens: 1.1\nscorecard:\n  id: s\nkpis:\n  - id: k\n    name: K\n    direction: increase\n    unit: percent\n${fields}` },
    ];
    const texts = (b: string, a: string) => report(diffStrategy(side(kpi(b)), side(kpi(a)))).slice(1);
    assert.deepEqual(texts('    target: { value: 99.95, every: month }\n', '    target: { value: 99.9, by: 2026-12-31 }\n'), [
      '  KPI k: target became dated (99.9 by 2026-12-31, was 99.95 every month).',
    ]);
    assert.deepEqual(texts('    target: { value: 99.9, every: month }\n', '    target: { value: 99.95, every: quarter }\n'), [
      '  KPI k: target 99.9 percent every month → 99.95 percent every quarter: ambition not judged (the period changed).',
    ]);
    assert.deepEqual(texts('    target: { value: 99.9, every: month }\n', '    target: { value: 99.5, every: month }\n'), [
      '  KPI k: target 99.9 → 99.5 percent every month: less ambitious.',
    ]);
    assert.deepEqual(texts('    target: { value: 50, by: 2027-06-30 }\n', '    target: { value: withheld, by: 2027-06-30 }\n'), [
      '  KPI k: target 50 percent by 2027-06-30 → withheld by 2027-06-30: ambition not judged (a value still to be decided or withheld).',
    ]);
    assert.deepEqual(
      texts(
        '    milestones:\n      - { value: 40, by: 2027-06-30 }\n',
        '    milestones:\n      - { value: 40, by: 2027-06-30 }\n      - { value: 45, by: 2028-06-30 }\n',
      ),
      ['  KPI k: milestone 45 percent by 2028-06-30 added.'],
    );
    assert.deepEqual(
      texts(
        '    milestones:\n      - { value: 40, by: 2027-06-30 }\n      - { value: 45, by: 2028-06-30 }\n',
        '    milestones:\n      - { value: 45, by: 2028-06-30 }\n',
      ),
      ['  KPI k: milestone 40 percent by 2027-06-30 removed.'],
    );
    assert.deepEqual(texts('    owner: [a, b, c]\n', '    owner: [d, b]\n'), ['  KPI k: lead owner a → d, co-owner c removed.']);
    assert.deepEqual(texts('    owner: [a, b, c]\n', '    owner: [a, c, b]\n'), ['  KPI k: co-owners reordered: a, c, b.']);
    assert.deepEqual(texts('    owner: a\n', '    owner: b\n'), ['  KPI k: owner a → b.']);
    assert.deepEqual(texts('    tier: key\n', ''), [], 'no tier is a key KPI');
    assert.deepEqual(texts('', '    measure: { of: uptime, stat: mean }\n'), ['  KPI k: measure (none) → of uptime, stat mean.']);
  });

  it('reports cascade links cut, added and moved, and a parent dropped', () => {
    const d = fixture('links');
    assert.deepEqual(report(d), [
      'branch (changed)',
      '  Scorecard branch: cascade link cut: parent hq removed, it is now a root.',
      '  Objective local-reach: cascade link moved: supports hq/reach → hq/depth.',
      '  KPI card-signups: cascade link cut: no longer contributes to hq/members.',
      '  Lever school-visits: link added: now worsens card-signups.',
    ]);
    assert.deepEqual(d.summary.links, { added: 1, cut: 2, moved: 1 });
    assert.deepEqual(d.summary.scorecards, { compared: 2, added: 0, removed: 0, changed: 1 });
  });

  it('reports a parent set and a parent moved as cascade links', () => {
    const card = (id: string, parent?: string) => ({
      uri: `${id}.kpi.yaml`,
      text: `kpilens: 1\nscorecard:\n  id: ${id}\n${parent ? `  parent: ${parent}\n` : ''}`,
    });
    const d = diffStrategy(side([card('a'), card('b', 'a'), card('c')]), side([card('a', 'c'), card('b', 'c'), card('c')]));
    assert.deepEqual(
      report(d).filter((l) => l.startsWith('  Scorecard')),
      ['  Scorecard a: cascade link added: parent (none) → c.', '  Scorecard b: cascade link moved: parent a → c.'],
    );
    assert.deepEqual(d.summary.links, { added: 1, cut: 0, moved: 1 });
  });

  it('reports the vision statement, its values and polarity scores edited', () => {
    assert.deepEqual(report(fixture('vision')), [
      'group (changed)',
      '  Scorecard group: vision statement "Ships leave on time, every time." → "Ships leave on time and crews come home safe.".',
      '  Scorecard group: vision values safety, reliability → safety, reliability, openness.',
      '  Polarity act-reflect: act 6 → 5, reflect 2 → 3.',
    ]);
  });

  it('lists findings introduced and resolved, matched by scorecard, rule and item ids across a rename', () => {
    const d = fixture('findings');
    assert.deepEqual(report(d), [
      'lab (changed)',
      '  KPI turnaround: cascade link moved: measures objective fast-resutls → fast-results.',
      '  KPI retests renamed to retest-rate (nothing else changed).',
      '  Lever automation added: "Sample automation".',
      '  + lab.kpi.yaml:19:16 unresolved-ref [lab/automation] Unresolved reference "turnarround" in `improves` of "automation": no KPI "turnarround". Did you mean "turnaround"?',
      '  - lab.kpi.yaml:11:16 unresolved-ref [lab/turnaround] Unresolved reference "fast-resutls" in `objective` of "turnaround": no objective "fast-resutls". Did you mean "fast-results"?',
    ]);
    assert.deepEqual(d.summary.findings, { introduced: 1, resolved: 1 });
    assert.deepEqual(d.scorecards[0].introduced[0], {
      rule: 'unresolved-ref',
      severity: 'error',
      uri: 'lab.kpi.yaml',
      line: 19,
      column: 16,
      endLine: 19,
      endColumn: 27,
      items: ['lab/automation'],
      message: 'Unresolved reference "turnarround" in `improves` of "automation": no KPI "turnarround". Did you mean "turnaround"?',
    });
  });

  it('keeps a finding whose message changed on the same item as the same finding', () => {
    const text = (ref: string) => `kpilens: 1\nscorecard:\n  id: s\nkpis:\n  - id: k\n    name: K\n    objective: ${ref}\n`;
    const d = diffStrategy(side([{ uri: 's.kpi.yaml', text: text('nowhere') }]), side([{ uri: 's.kpi.yaml', text: text('elsewhere') }]));
    assert.deepEqual(d.scorecards[0].introduced, []);
    assert.deepEqual(d.scorecards[0].resolved, []);
    assert.equal(d.scorecards[0].changes[0].text, 'KPI k: cascade link moved: measures objective nowhere → elsewhere.');
  });

  it('reports scorecards added and removed whole, with their findings', () => {
    const d = fixture('scorecards');
    assert.deepEqual(report(d), [
      'north (removed)',
      '  Scorecard north removed: "North region"; owner north-vp; parent corp; 1 KPI.',
      '  KPI north-revenue removed: "Revenue".',
      '  - north.kpi.yaml:6:11 unresolved-ref [] Unresolved parent "corp": no scorecard has this id.',
      'south (added)',
      '  Scorecard south added: "South region"; owner south-vp; parent corp; 1 objective, 1 KPI.',
      '  Objective south-growth added: "The south grows".',
      '  KPI south-revenue added: "Revenue" (owner south-vp).',
      '  + south.kpi.yaml:6:11 unresolved-ref [] Unresolved parent "corp": no scorecard has this id.',
      '  + south.kpi.yaml:10:16 unresolved-ref [south/south-growth] Unresolved reference "corp/growth" in `supports` of "south-growth": no scorecard has id "corp".',
    ]);
    assert.deepEqual(d.summary.scorecards, { compared: 2, added: 1, removed: 1, changed: 0 });
  });

  it('lists nothing for identical sides, and pairs scorecards without an id by file', () => {
    const files = folder(join(root, 'links', 'after'));
    assert.deepEqual(diffStrategy(side(files), side(files)).scorecards, []);
    const noId = [{ uri: 'x.kpi.yaml', text: 'kpilens: 1\ntitle: [\n' }];
    const d = diffStrategy(side(noId), side([{ uri: 'x.kpi.yaml', text: 'kpilens: 1\n' }]));
    assert.equal(d.scorecards.length, 1);
    assert.equal(d.scorecards[0].id, 'x.kpi.yaml');
    assert.equal(d.scorecards[0].status, 'unchanged');
    assert.equal(d.scorecards[0].resolved[0].rule, 'yaml-syntax');
  });

  it('never throws on broken input', () => {
    const junk = ['', '- a\n- b\n', 'kpilens: 1\nscorecard: [\n', 'scorecard: { id: "a" }\nkpis: [{ id: k, target: { value: x } }, 3]\n', '\u0000\u202e:::'];
    for (const b of junk) for (const a of junk) diffStrategy(side([{ uri: 'j.kpi.yaml', text: b }]), side([{ uri: 'j.kpi.yaml', text: a }]));
  });
});
