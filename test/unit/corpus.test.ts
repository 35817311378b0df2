import * as assert from 'node:assert/strict';
import { belowFloor, corpusMarkers, Floor, readFloor, scoreCorpus, scoreFolder, tallyRules, totals } from '../corpus/score';
import type { Seen } from '../corpus/score';

const finding = (line: number, rule: string, severity: Seen['severity'] = 'warning'): Seen => ({
  file: 'a.kpi.yaml',
  line,
  rule,
  severity,
  message: `${rule} on ${line}`,
});

describe('corpus scoring', () => {
  it('reads expect and expect-not markers, a rule named twice expecting two findings', () => {
    const text = [
      'kpis:',
      '  - id: a # expect: redundant-kpis, redundant-kpis',
      '    target: 5 # expect-not: smart-target, threshold-noise',
      '# expect is not a marker',
    ].join('\n');
    assert.deepEqual(corpusMarkers('a.kpi.yaml', text), [
      { file: 'a.kpi.yaml', line: 2, rule: 'redundant-kpis', not: false },
      { file: 'a.kpi.yaml', line: 2, rule: 'redundant-kpis', not: false },
      { file: 'a.kpi.yaml', line: 3, rule: 'smart-target', not: true },
      { file: 'a.kpi.yaml', line: 3, rule: 'threshold-noise', not: true },
    ]);
  });

  it('counts hits, extra findings of a marked rule, findings on expect-not lines and misses; ignores rules no marker names', () => {
    const markers = corpusMarkers(
      'a.kpi.yaml',
      ['x # expect: redundant-kpis, redundant-kpis', 'y # expect-not: smart-target', 'z # expect: smart-target'].join('\n'),
    );
    const r = scoreFolder('f', markers, [finding(1, 'redundant-kpis'), finding(2, 'smart-target'), finding(2, 'schema', 'error'), finding(4, 'smart-target')]);
    assert.deepEqual(
      r.hits.map((h) => `${h.line} ${h.rule}`),
      ['1 redundant-kpis'],
    );
    assert.deepEqual(
      r.falsePositives.map((h) => `${h.line} ${h.rule} ${h.markedNot ?? false}`),
      ['2 smart-target true', '4 smart-target false'],
    );
    assert.deepEqual(
      r.misses.map((h) => `${h.line} ${h.rule}`),
      ['1 redundant-kpis', '3 smart-target'],
    );
    const rules = tallyRules([r], markers, new Set(['smart-target']));
    assert.deepEqual(
      rules.map((x) => [x.rule, x.tp, x.fp, x.miss, x.pending, x.judgement]),
      [
        ['redundant-kpis', 1, 0, 1, true, true],
        ['smart-target', 0, 2, 1, false, false],
      ],
    );
    const t = totals(rules);
    assert.deepEqual(t.judgement, { tp: 1, fp: 0, miss: 1 });
    assert.deepEqual(t.judgementHere, { tp: 0, fp: 0, miss: 0 });
    assert.deepEqual(t.warningsErrors, { tp: 1, fp: 2, miss: 2 });
  });

  it('names each rule that lost a true positive or gained a false positive, and totals under their floor', () => {
    const markers = corpusMarkers('a.kpi.yaml', 'x # expect: owner-load');
    const score = {
      folders: ['f'],
      hits: [],
      falsePositives: [],
      misses: [],
      rules: tallyRules([scoreFolder('f', markers, [finding(2, 'owner-load')])], markers, new Set(['owner-load'])),
    };
    const floor: Floor = { rules: { 'owner-load': { tp: 1, fp: 0 } }, precisionWarningsErrors: 0.9, recallJudgement: 0.5 };
    assert.deepEqual(belowFloor(score, floor), [
      "owner-load: 0 true positives, fewer than the floor's 1.",
      "owner-load: 1 false positives, more than the floor's 0.",
      "Precision on warnings and errors 0.0%, under the floor's 90.0%.",
      "Recall of the judgement findings 0.0%, under the floor's 50.0%.",
    ]);
  });

  it('the published scorecards score at or above test/corpus/floor.json (npm run corpus shows the table)', () => {
    assert.deepEqual(belowFloor(scoreCorpus(), readFloor()), []);
  });
});
