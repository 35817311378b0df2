import * as assert from 'node:assert/strict';
import { parseScorecard } from '../../server/src/engine';
import type { Kpi } from '../../server/src/engine';
import {
  correlateSeries,
  correlationP,
  estimateNoise,
  firstDifferences,
  kpiNoise,
  kpiSeries,
  leaveOneOut,
  maxMatching,
  medianOf,
  parseCsvSeries,
  pearson,
  tTwoSidedP,
} from '../../server/src/engine/model/stats';

const obs = (values: number[]) => values.map((value, i) => ({ date: `2026-01-${String(i + 1).padStart(2, '0')}`, value }));

function kpi(yaml: string): Kpi {
  return parseScorecard('a.kpi.yaml', `kpilens: 1\nscorecard: { id: a }\nkpis:\n${yaml}`).scorecard.kpis[0];
}

describe('stats', () => {
  describe('estimateNoise', () => {
    it('is the sample SD of the first differences / sqrt(2)', () => {
      // Differences 1, -1, 1, -1, 3: mean 0.6, squared deviations 0.16 2.56 0.16 2.56 5.76 = 11.2, / 4 = 2.8.
      assert.equal(estimateNoise([10, 11, 10, 11, 10, 13]), Math.sqrt(2.8) / Math.SQRT2);
    });
    it('needs at least 5 observations', () => {
      assert.equal(estimateNoise([1, 2, 4, 7]), undefined);
      assert.equal(estimateNoise([1, 2, 4, 7, 11]), Math.sqrt(5 / 3) / Math.SQRT2);
    });
    it('uses the last 12 observations only', () => {
      const steady = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
      assert.equal(estimateNoise([100, -100, ...steady]), 0);
      assert.notEqual(estimateNoise([-100, ...steady.slice(1)]), 0);
    });
    it('is 0 for a series that moves by the same step', () => {
      assert.equal(estimateNoise([1, 2, 3, 4, 5, 6, 7, 8]), 0);
    });
    it('is at least the Poisson noise sqrt(mean) for a count, from 3 observations on', () => {
      assert.equal(estimateNoise([47, 40], true), undefined);
      assert.equal(estimateNoise([47, 40, 45], true), Math.sqrt(44));
      // Counts that happened to be steady: the differences say 0, chance alone says sqrt(44).
      assert.equal(estimateNoise([44, 44, 44, 44, 44], true), Math.sqrt(44));
      // Counts that move more than chance: the differences win.
      assert.equal(estimateNoise([10, 0, 10, 0, 10], true), estimateNoise([10, 0, 10, 0, 10]));
      assert.ok(estimateNoise([10, 0, 10, 0, 10])! > Math.sqrt(6));
    });
  });

  describe('kpiNoise', () => {
    it('takes the declared noise first, then the estimate, and says which', () => {
      const declared = kpi('  - { id: k, name: K, noise: 2, history: [{ date: 2026-01-01, value: 1 }] }\n');
      assert.deepEqual(kpiNoise(declared, []), { value: 2, source: 'declared' });
      const k = kpi('  - { id: k, name: K, unit: percent }\n');
      assert.deepEqual(kpiNoise(k, obs([10, 11, 10, 11, 10, 13])), { value: Math.sqrt(2.8) / Math.SQRT2, source: 'estimated from the last 6 observations' });
      assert.equal(kpiNoise(k, obs([10, 11, 10, 11])), undefined);
    });
    it('gives a count KPI (unit count or measure.stat count) its Poisson noise', () => {
      const count = kpi('  - { id: k, name: K, unit: count }\n');
      assert.deepEqual(kpiNoise(count, obs([47, 40, 45])), { value: Math.sqrt(44), source: 'Poisson noise of a count averaging 44 over 3 observations' });
      const stat = kpi('  - { id: k, name: K, unit: incidents, measure: { of: incidents, stat: count } }\n');
      assert.equal(kpiNoise(stat, obs([47, 40, 45]))?.value, Math.sqrt(44));
    });
  });

  describe('tTwoSidedP and correlationP', () => {
    it("agree with the tables of Student's t at 5% and 1%, for odd and even degrees of freedom", () => {
      const table: [number, number, number][] = [
        [12.706, 1, 0.05],
        [63.657, 1, 0.01],
        [4.303, 2, 0.05],
        [9.925, 2, 0.01],
        [3.182, 3, 0.05],
        [2.776, 4, 0.05],
        [4.032, 5, 0.01],
        [3.707, 6, 0.01],
        [2.228, 10, 0.05],
        [3.169, 10, 0.01],
        [2.086, 20, 0.05],
        [2.75, 30, 0.01],
      ];
      for (const [t, df, p] of table) assert.ok(Math.abs(tTwoSidedP(t, df) - p) < 5e-5, `t = ${t}, df = ${df}: ${tTwoSidedP(t, df)}`);
      assert.equal(tTwoSidedP(0, 7), 1);
    });
    it('gives the p-value of r over n pairs, and none below 3 pairs', () => {
      // r = 0.899 over 7 differences (8 shared dates): p = 0.0059 (test/corpus/royal-mail).
      assert.ok(Math.abs(correlationP(0.899, 7)! - 0.0059) < 1e-4);
      assert.ok(Math.abs(correlationP(-0.877, 7)! - 0.0095) < 1e-4);
      assert.equal(correlationP(1, 7), 0);
      assert.equal(correlationP(0.5, 2), undefined);
    });
  });

  describe('leaveOneOut', () => {
    it('finds the date whose removal weakens a correlation most', () => {
      // Both series jump at index 6 and are unrelated otherwise.
      const xs = [6.6, 6.8, 6.7, 6.6, 6.2, 6.7, 10.7, 8.7];
      const ys = [3.6, 2.9, 3.1, 3.2, 3.5, 3.0, 5.1, 4.0];
      const { r, without } = leaveOneOut(xs, ys);
      assert.equal(without, 6);
      assert.ok(r < 0.6, String(r));
      assert.ok(Math.abs(pearson(firstDifferences(xs), firstDifferences(ys))!) > 0.8);
    });
  });

  describe('medianOf', () => {
    it('is the middle value, or the mean of the two middle ones', () => {
      assert.equal(medianOf([3, 1, 2]), 2);
      assert.equal(medianOf([4, 1, 3, 2]), 2.5);
      assert.equal(medianOf([]), undefined);
    });
  });

  describe('pearson', () => {
    it('is 1 and -1 for linear relations', () => {
      assert.equal(pearson([1, 2, 3], [2, 4, 6]), 1);
      assert.equal(pearson([1, 2, 3], [3, 2, 1]), -1);
    });
    it('gives no verdict without variance or pairs', () => {
      assert.equal(pearson([1, 1, 1], [1, 2, 3]), undefined);
      assert.equal(pearson([1], [1]), undefined);
      assert.equal(pearson([1, 2], [1, 2, 3]), undefined);
    });
  });

  describe('correlateSeries', () => {
    it('correlates first differences at shared dates only', () => {
      const a = obs([1, 3, 2, 5, 4]);
      // Same steps as a at the dates it shares, on a different level, plus an unshared date.
      const b = [...obs([11, 13, 12, 15, 14]), { date: '2026-02-01', value: 99 }];
      assert.deepEqual(correlateSeries(a, b), { shared: 5, r: 1 });
    });
    it('skips the dates only one side has, wherever they fall', () => {
      const a = [
        { date: '2026-01-01', value: 1 },
        { date: '2026-01-02', value: 50 },
        { date: '2026-01-03', value: 3 },
        { date: '2026-01-05', value: 2 },
      ];
      const b = [
        { date: '2025-12-31', value: 7 },
        { date: '2026-01-01', value: 2 },
        { date: '2026-01-03', value: 6 },
        { date: '2026-01-04', value: -9 },
        { date: '2026-01-05', value: 4 },
      ];
      assert.deepEqual(correlateSeries(a, b), { shared: 3, r: 1 });
    });
    it('ignores a shared trend', () => {
      // Both grow, but their steps are unrelated: r of the differences is 0.
      const r = correlateSeries(obs([0, 1, 3, 4, 6]), obs([0, 2, 3, 5, 6])).r!;
      assert.ok(Math.abs(r + 1) < 1e-12, `r = ${r}`);
    });
    it('gives no verdict for a constant side', () => {
      assert.deepEqual(correlateSeries(obs([1, 2, 3]), obs([5, 5, 5])), { shared: 3, r: undefined });
    });
  });

  describe('parseCsvSeries', () => {
    it('reads the date and the named column, tolerating CRLF, quotes, blank lines and bad rows', () => {
      const text =
        '\uFEFFdate,"noise, weekly",vulns\r\n2026-01-05,1,"44"\r\n\r\n2026-01-12,2,41\r\nnot-a-date,3,40\r\n2026-01-26,4,n/a\r\n2026-02-02,5\r\n2026-02-09,6,37,extra\r\n';
      assert.deepEqual(parseCsvSeries(text, 'vulns'), [
        { date: '2026-01-05', value: 44 },
        { date: '2026-01-12', value: 41 },
        { date: '2026-02-09', value: 37 },
      ]);
      assert.deepEqual(parseCsvSeries(text, 'noise, weekly').length, 5);
    });
    it('gives nothing when a column is missing', () => {
      assert.deepEqual(parseCsvSeries('day,vulns\n2026-01-05,1\n', 'vulns'), []);
      assert.deepEqual(parseCsvSeries('date,other\n2026-01-05,1\n', 'vulns'), []);
      assert.deepEqual(parseCsvSeries('', 'vulns'), []);
    });
  });

  describe('kpiSeries', () => {
    it('uses history, sorted by date, one value per date', () => {
      const k = kpi(
        '  - id: k\n    name: K\n    history:\n      - { date: 2026-01-12, value: 2 }\n      - { date: 2026-01-05, value: 1 }\n      - { date: 2026-01-12, value: 3 }\n',
      );
      assert.deepEqual(
        kpiSeries(k, () => undefined),
        [
          { date: '2026-01-05', value: 1 },
          { date: '2026-01-12', value: 3 },
        ],
      );
    });
    it('reads the data CSV by the path as written', () => {
      const k = kpi('  - id: k\n    name: K\n    data: { csv: data/k.csv, column: k }\n');
      const seen: string[] = [];
      const series = kpiSeries(k, (csv) => (seen.push(csv), 'date,k\n2026-01-05,7\n'));
      assert.deepEqual(series, [{ date: '2026-01-05', value: 7 }]);
      assert.deepEqual(seen, ['data/k.csv']);
      assert.deepEqual(
        kpiSeries(k, () => undefined),
        [],
      );
    });
  });

  describe('maxMatching', () => {
    it('augments to a maximum matching, trying vertices in order', () => {
      // Left 0 takes right 0 first; left 1 only has right 0, so left 0 moves to right 1.
      assert.deepEqual(maxMatching([[0, 1], [0]]), [1, 0]);
    });
    it('leaves the later of two vertices that share one right vertex unmatched', () => {
      assert.deepEqual(maxMatching([[0], [0], [1]]), [0, -1, 1]);
    });
    it('handles no edges', () => {
      assert.deepEqual(maxMatching([[], []]), [-1, -1]);
      assert.deepEqual(maxMatching([]), []);
    });
  });
});
