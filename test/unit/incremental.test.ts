// The editor's parse: piece by piece for a whole file, then only the items an edit touches.
import * as assert from 'node:assert/strict';
import { lintParsed, parseScorecard } from '../../server/src/engine';
import { parseForEditing } from '../../server/src/engine/syntax/incremental';
import { reparse, reparsePart } from '../../server/src/engine/syntax/reparse';
import { shiftItem } from '../../server/src/engine/syntax/shift';
import { itemsOf } from '../../server/src/engine/model/model';
import { assertSame, at, BASE, edit, fresh } from '../helpers/incremental';

describe('incremental parsing', () => {
  it('sends an item nested past the safe depth to the full parse, which refuses it with a finding', () => {
    const text = edit(BASE, at('120'), 3, '['.repeat(100_000));
    assert.equal(reparsePart(fresh(), text), undefined, 'no fast path for it');
    assert.deepEqual(
      reparse(fresh(), text).limits.map((l) => l.message),
      ['Nesting deeper than 256 levels: the file is not checked.'],
    );
  });

  it('parses the fixture exactly as a full parse does, with the block locator', () => {
    assertSame(fresh(), BASE);
  });

  it('re-parses one KPI for an edit inside it and moves the spans after it', () => {
    const text = edit(BASE, at('120'), 3, '1250');
    const first = fresh();
    const [objective, lever] = [first.scorecard.objectives[0], first.scorecard.levers[0]];
    const leverIdSpan = { ...lever.idSpan };
    const next = reparsePart(first, text);
    assert.ok(next, 'the fast path applies');
    assertSame(next, text);
    assert.equal(next.scorecard.kpis[0].target?.value?.value, 1250);
    // Items keep their identity: those before the edit as they were, those after it moved.
    assert.equal(next.scorecard.objectives[0], objective);
    assert.equal(next.scorecard.levers[0], lever);
    assert.deepEqual(lever.idSpan, { start: leverIdSpan.start + 1, end: leverIdSpan.end + 1 });
  });

  it('moves every span of a fully populated item of each kind', () => {
    const text = [
      'kpilens: 1',
      'scorecard: { id: t }',
      'objectives:',
      '  - id: o',
      '    title: O',
      '    description: Why',
      '    perspective: customer',
      '    supports: [vision]',
      'kpis:',
      '  - id: k',
      '    name: K',
      '    definition: D',
      '    measure: { of: m, stat: p90, numerator: a, denominator: b, window: month }',
      '    objective: o',
      '    owner: [a, b]',
      '    tier: key',
      '    unit: u',
      '    direction: increase',
      '    baseline: { value: 1, date: 2025-12-31 }',
      '    target: { value: 5, by: 2027-01-01 }',
      '    milestones:',
      '      - { value: 3, by: 2026-06-30 }',
      '    thresholds: { warn: 3, alert: 2 }',
      '    indicator: leading',
      '    horizon: short',
      '    cadence: weekly',
      '    noise: 1',
      '    contributes: [k2]',
      '    poles: [task]',
      '    history:',
      '      - { date: 2026-01-01, value: 1, status: at-risk, note: N, flag: preliminary }',
      '  - id: k2',
      '    name: K2',
      '    owner: c',
      '    baseline: 4',
      '    target: { value: tbd, every: month }',
      '    data: { csv: a.csv, column: v }',
      'levers:',
      '  - id: l',
      '    name: L',
      '    owner: a',
      '    improves: [k]',
      '    worsens: [k2]',
      '    due: 2026-06-30',
      '    state: active',
      'disturbances:',
      '  - id: d',
      '    name: D',
      '    affects: { k: high }',
      '',
    ].join('\n');
    // The reference: every {start, end} and every lastValueEnd found anywhere in the item, moved by 7.
    const moveAll = (v: unknown): number => {
      if (v === null || typeof v !== 'object') return 0;
      const o = v as Record<string, unknown>;
      if (typeof o.start === 'number' && typeof o.end === 'number') {
        o.start += 7;
        o.end = o.end + 7;
        return 1;
      }
      if (typeof o.lastValueEnd === 'number') o.lastValueEnd += 7;
      return Object.values(o).reduce((n: number, x) => n + moveAll(x), 0);
    };
    const items = itemsOf(parseScorecard('t.kpi.yaml', text).scorecard);
    assert.deepEqual(
      items.map((i) => i.kind),
      ['objective', 'kpi', 'kpi', 'lever', 'disturbance'],
    );
    let spans = 0;
    for (const item of items) {
      const expected = structuredClone(item);
      spans += moveAll(expected);
      shiftItem(item, { oldEnd: 0, delta: 7, oldItemEnd: -1, newItemEnd: -1 });
      assert.deepEqual(item, expected, item.id);
    }
    assert.ok(spans > 60, `${spans} spans`);
  });

  it('leaves the findings of the previous text where they were', () => {
    const first = fresh();
    const findings = lintParsed([first], { asOf: '2026-11-25' }).findings.get('team.kpi.yaml') ?? [];
    const after = findings.filter((f) => f.span.start > at('120'));
    assert.ok(after.length > 0, 'findings after the edit');
    const before = JSON.stringify(findings);
    assert.ok(reparsePart(first, edit(BASE, at('120'), 3, '1250')));
    assert.equal(JSON.stringify(findings), before);
  });

  it('handles an item that gains or loses its id, and the items without one', () => {
    const gains = edit(BASE, at('  - name: No id yet'), 0, '  - id: fresh\n  ');
    const withId = edit(BASE, at('name: No id yet'), 0, 'id: fresh\n    ');
    assert.equal(reparsePart(fresh(), gains), undefined, 'two items in one region is not the fast path');
    const next = reparsePart(fresh(), withId);
    assert.ok(next);
    assertSame(next, withId);
    assert.deepEqual(
      next.scorecard.kpis.map((k) => [k.id, k.index]),
      [
        ['signups', 0],
        ['fresh', 1],
        ['churn', 3],
      ],
    );
    const loses = edit(withId, at('id: fresh\n    ', withId), 'id: fresh\n    '.length, '');
    const back = reparsePart(next, loses);
    assert.ok(back);
    assertSame(back, loses);
  });

  it('re-parses the items an edit adds, deletes or replaces, and moves the rest', () => {
    const signups = at('  - id: signups');
    const noId = at('  - name: No id yet');
    const cases: [string, string, [string, number][]][] = [
      [
        'a new objective',
        edit(BASE, at('  - { id: keep'), 0, '  - id: new\n    title: New\n'),
        [
          ['signups', 0],
          ['churn', 3],
        ],
      ],
      ['a KPI deleted', edit(BASE, signups, noId - signups, ''), [['churn', 2]]],
      [
        'two KPIs pasted',
        edit(BASE, at('  - id: churn'), 0, '  - id: a\n    name: A\n  # between\n  - { id: b, name: B }\n'),
        [
          ['signups', 0],
          ['a', 3],
          ['b', 4],
          ['churn', 5],
        ],
      ],
      [
        'an item replaced by two',
        edit(BASE, at('  - just a string'), '  - just a string'.length, '  - id: c\n  - id: d'),
        [
          ['signups', 0],
          ['c', 2],
          ['d', 3],
          ['churn', 4],
        ],
      ],
      [
        'the last lever deleted',
        edit(BASE, at('- id: pricing'), at('disturbances:') - at('- id: pricing'), ''),
        [
          ['signups', 0],
          ['churn', 3],
        ],
      ],
      ['the last two KPIs deleted', edit(BASE, at('  - just a string'), at('levers:') - at('  - just a string'), ''), [['signups', 0]]],
      [
        'two items deleted',
        edit(BASE, noId, at('  - id: churn') - noId, ''),
        [
          ['signups', 0],
          ['churn', 1],
        ],
      ],
    ];
    for (const [what, text, kpis] of cases) {
      const next = reparsePart(fresh(), text);
      assert.ok(next, `${what}: the fast path`);
      assertSame(next, text);
      if (what !== 'a new objective')
        assert.deepEqual(
          next.scorecard.kpis.map((k) => [k.id, k.index]),
          kpis,
          what,
        );
    }
  });

  it('re-parses alone a top-level block that holds the edit, other than the item lists, the one that ends the file too', () => {
    const cases = [
      edit(BASE, at('id: team') + 4, 4, 'teams'),
      edit(BASE, at('  title: "Team'), 0, '  owner: cto\n'),
      edit(BASE, at('  parent: company\n'), '  parent: company\n'.length, ''),
      edit(BASE, at('Grow with customers'), 4, 'Thrive'),
      edit(BASE, at('  values: [trust, speed]'), 0, '  # the values\n'),
      edit(BASE, at('2026-09-30'), 4, '2027'),
      edit(BASE, at('0.4'), 3, '0.5'),
      edit(BASE, at('  - between'), 0, '  - between: [churn, signups]\n'),
      edit(BASE, at('task: 6'), 7, '9'),
      edit(BASE, 'kpilens: '.length + at('kpilens: 1'), 1, '2'),
      edit(BASE, at('[a, b, c'), 1, 'z'),
      edit(BASE, at('  responsibilities'), 0, '  # who\n'),
      `${BASE}  # the end\n`,
    ];
    for (const text of cases) {
      const next = reparsePart(fresh(), text);
      assert.ok(next, text.slice(0, 200));
      assertSame(next, text);
    }
  });

  it('re-parses a block whose key is also a name of every object (constructor, __proto__) like any other', () => {
    for (const key of ['constructor', '__proto__', 'toString']) {
      const base = BASE.replace('vision:', `${key}: 1\nvision:`);
      const text = base.replace(`${key}: 1`, `${key}: 2`);
      const next = reparsePart(parseForEditing('team.kpi.yaml', base), text);
      assert.ok(next, key);
      assertSame(next, text);
    }
  });

  it('falls back to a full parse for edits across items and blocks, in list headers, emptying a list, or making a syntax error or an anchor', () => {
    const cases = [
      edit(BASE, at('kpis:\n') + 4, 0, ' '),
      edit(BASE, at('  - id: season'), at('correlations:') - at('  - id: season'), ''),
      edit(BASE, at('  id: team'), 6, 'teams'),
      edit(BASE, at('r: 0.4'), 6, '0.5'),
      edit(BASE, at('Grow with customers'), 0, 'x\nreview: {}\n'),
      edit(BASE, at('  last: 2026'), 0, 'wheel: {}\n'),
      edit(BASE, at('Weekly signups'), 0, '{'),
      edit(BASE, at('- id: churn'), 0, '- &a id: x\n  '),
      edit(BASE, at('Seasons'), 0, '*x '),
      edit(BASE, at('Grow with customers'), 0, '*x '),
      edit(BASE, at('[company/customers]\n\n'), '[company/customers]'.length, ''),
    ];
    for (const text of cases) {
      const first = fresh();
      assert.equal(reparsePart(first, text), undefined);
      assertSame(reparse(first, text), text);
    }
  });

  it('parses piece by piece exactly as a whole-file parse, whatever ends or shapes the lists', () => {
    const texts = [
      'kpilens: 1\nscorecard: { id: t }\nkpis:\n  - id: a\n    name: A\n  - { id: b, name: B }  # last\n  # trailing\n',
      'kpilens: 1\nkpis:\n- id: a\n  name: A\n- just text\nlevers: []\n',
      '# leading comment\n\nkpilens: 1\nkpis:\n  - id: a\n    name: A',
      'kpilens: 1\nkpis:\nlevers:\n  - id: l\n    name: L\n    improves: [a]\nreview:\n',
      '---\nkpilens: 1\nkpis:\n  - id: a\n',
      'kpilens: 1\n"kpis":\n  - id: a\n',
      'kpilens: 1\nkpis:\n  - id: a\n  -\n  - id: b\n',
      ' a# not a comment\nkpilens: 1\nkpis:\n  - id: a\n',
      '- a\nkpilens: 1\n',
      '  # an indented comment\nkpilens: 1\nkpis:\n  - id: a\n',
      'kpilens: 1\nkpis:\n  - id: a\n    unit: # to do\n\n  # next\n  - id: b\nlevers:\n  - id: l\n    improves:\n  - id: m\n',
      'kpilens: 1\nkpis:\n  - id: a\n    unit: # to do  # next\n  - id: b\n    history:\n      - { date: 2026-01-01, value: 1 }\n',
    ];
    for (const text of texts) assertSame(parseForEditing('team.kpi.yaml', text), text);
  });

  it('takes a full parse for an edit in the item that ends the file, and the fast path for the one before', () => {
    const tail = 'kpilens: 1\nscorecard: { id: t }\nkpis:\n  - id: a\n    name: A\n  - id: b\n    name: B\n';
    const p = parseForEditing('team.kpi.yaml', tail);
    const inLast = edit(tail, at('name: B', tail) + 6, 1, 'Bee');
    const inFirst = edit(tail, at('name: A', tail) + 6, 1, 'Ay');
    assert.equal(reparsePart(p, inLast), undefined);
    assertSame(reparse(p, inLast), inLast);
    const next = reparsePart(p, inFirst);
    assert.ok(next);
    assertSame(next, inFirst);
  });

  it('keeps the parse of a text that did not change, even a whole-file one (a file indexed from disk, then opened)', () => {
    const entangled = edit(BASE, at('- id: churn'), 0, '- &a id: x\n  ');
    const whole = parseForEditing('team.kpi.yaml', entangled);
    assert.equal(reparse(whole, entangled), whole);
  });

  it('keeps a file with CRLF line ends on full parses', () => {
    const crlf = BASE.replace(/\n/g, '\r\n');
    const p = parseForEditing('team.kpi.yaml', crlf);
    assert.equal(reparsePart(p, edit(crlf, at('120', crlf), 3, '121')), undefined);
    assertSame(reparse(p, edit(crlf, at('120', crlf), 3, '121')), edit(crlf, at('120', crlf), 3, '121'));
  });
});
