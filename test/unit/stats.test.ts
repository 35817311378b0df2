import * as assert from 'node:assert/strict';
import { parseScorecard } from '../../server/src/engine';
import type { Kpi } from '../../server/src/engine';
import { correlateSeries, estimateNoise, kpiSeries, maxMatching, parseCsvSeries, pearson } from '../../server/src/engine/stats';

const obs = (values: number[]) => values.map((value, i) => ({ date: `2026-01-${String(i + 1).padStart(2, '0')}`, value }));

function kpi(yaml: string): Kpi {
  return parseScorecard('a.kpi.yaml', `kpilens: 1\nscorecard: { id: a }\nkpis:\n${yaml}`).scorecard.kpis[0];
}

describe('stats', () => {
  describe('estimateNoise', () => {
    it('is 1.4826 x MAD of the first differences / sqrt(2)', () => {
      // Differences 1, -1, 1, -1, 1, -1, 3: median 1, absolute deviations 0 2 0 2 0 2 2, MAD 2.
      const noise = estimateNoise([10, 11, 10, 11, 10, 11, 10, 13]);
      assert.equal(noise, (1.4826 * 2) / Math.SQRT2);
    });
    it('needs at least 8 points', () => {
      assert.equal(estimateNoise([1, 2, 4, 7, 11, 16, 22]), undefined);
      assert.notEqual(estimateNoise([1, 2, 4, 7, 11, 16, 22, 29]), undefined);
    });
    it('is 0 for a series that moves by the same step', () => {
      assert.equal(estimateNoise([1, 2, 3, 4, 5, 6, 7, 8]), 0);
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
      const a = [{ date: '2026-01-01', value: 1 }, { date: '2026-01-02', value: 50 }, { date: '2026-01-03', value: 3 }, { date: '2026-01-05', value: 2 }];
      const b = [{ date: '2025-12-31', value: 7 }, { date: '2026-01-01', value: 2 }, { date: '2026-01-03', value: 6 }, { date: '2026-01-04', value: -9 }, { date: '2026-01-05', value: 4 }];
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
      const text = '\uFEFFdate,"noise, weekly",vulns\r\n2026-01-05,1,"44"\r\n\r\n2026-01-12,2,41\r\nnot-a-date,3,40\r\n2026-01-26,4,n/a\r\n2026-02-02,5\r\n2026-02-09,6,37,extra\r\n';
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
      const k = kpi('  - id: k\n    name: K\n    history:\n      - { date: 2026-01-12, value: 2 }\n      - { date: 2026-01-05, value: 1 }\n      - { date: 2026-01-12, value: 3 }\n');
      assert.deepEqual(kpiSeries(k, () => undefined), [
        { date: '2026-01-05', value: 1 },
        { date: '2026-01-12', value: 3 },
      ]);
    });
    it('reads the data CSV by the path as written', () => {
      const k = kpi('  - id: k\n    name: K\n    data: { csv: data/k.csv, column: k }\n');
      const seen: string[] = [];
      const series = kpiSeries(k, (csv) => (seen.push(csv), 'date,k\n2026-01-05,7\n'));
      assert.deepEqual(series, [{ date: '2026-01-05', value: 7 }]);
      assert.deepEqual(seen, ['data/k.csv']);
      assert.deepEqual(kpiSeries(k, () => undefined), []);
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
