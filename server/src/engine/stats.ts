import { parse } from 'csv-parse/sync';
import { OBSERVATION_FLAGS, REPORTED_STATUSES } from './model';
import type { Kpi, Observation, ObservationFlag, ReportedStatus } from './model';
import { compareStrings } from './text';
import type { DataRead } from './types';

// Numeric helpers of the KPI selection rules. Pure: text and numbers in, numbers out; never throws.

/** Fewest history points before the noise of a KPI is estimated from them (FORMAT.md). */
export const MIN_NOISE_POINTS = 8;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function firstDifferences(values: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < values.length; i++) out.push(values[i] - values[i - 1]);
  return out;
}

/**
 * The noise of a series: 1.4826 x the median absolute deviation of its first differences,
 * divided by sqrt(2) because a difference carries the noise of two observations. Undefined
 * below MIN_NOISE_POINTS values.
 */
export function estimateNoise(values: readonly number[]): number | undefined {
  if (values.length < MIN_NOISE_POINTS) return undefined;
  const diffs = firstDifferences(values).sort((a, b) => a - b);
  const m = median(diffs);
  const mad = median(diffs.map((d) => Math.abs(d - m)).sort((a, b) => a - b));
  return (1.4826 * mad) / Math.SQRT2;
}

/** Pearson's r; undefined when the lengths differ, there are fewer than two pairs, or a side has no variance. */
export function pearson(xs: readonly number[], ys: readonly number[]): number | undefined {
  const n = xs.length;
  if (n < 2 || ys.length !== n) return undefined;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i];
    my += ys[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx;
    const dy = ys[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return undefined;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/**
 * Pearson's r of the first differences of two series at the dates both share (differencing
 * removes the common trend that makes any two growing series look alike). Both series must be
 * sorted by date with one value per date, as kpiSeries gives them. `shared` is the number of
 * shared dates; `r` is undefined when a side does not vary.
 */
export function correlateSeries(a: readonly Observation[], b: readonly Observation[]): { shared: number; r?: number } {
  // A merge of the two sorted series: rules compare every pair of KPIs, so this avoids
  // building an index per pair.
  const xs: number[] = [];
  const ys: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i].date < b[j].date) i++;
    else if (a[i].date > b[j].date) j++;
    else {
      xs.push(a[i++].value);
      ys.push(b[j++].value);
    }
  }
  return { shared: xs.length, r: pearson(firstDifferences(xs), firstDifferences(ys)) };
}

/** Observations sorted by date, one per date (the last one written wins). */
function normalize(obs: readonly Observation[]): Observation[] {
  const byDate = new Map<string, Observation>();
  for (const o of obs) byDate.set(o.date, o);
  return [...byDate.values()].sort((a, b) => compareStrings(a.date, b.date));
}

/**
 * The `date` and `column` columns of a CSV text with a header row, and the optional `note`,
 * `status` and `flag` columns. Rows without a YYYY-MM-DD date or a number in the column are
 * skipped, as are blank lines and rows the CSV parser rejects; a file without both columns
 * gives no observations.
 */
export function parseCsvSeries(text: string, column: string): Observation[] {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true, skip_records_with_error: true });
  } catch {
    return [];
  }
  const header = rows[0] ?? [];
  const di = header.indexOf('date');
  const vi = header.indexOf(column);
  if (di < 0 || vi < 0) return [];
  const ni = header.indexOf('note');
  const si = header.indexOf('status');
  const fi = header.indexOf('flag');
  const out: Observation[] = [];
  for (const row of rows.slice(1)) {
    const date = row[di] ?? '';
    const raw = row[vi] ?? '';
    const value = Number(raw);
    if (!DATE.test(date) || raw === '' || !Number.isFinite(value)) continue;
    const o: Observation = { date, value };
    const note = ni >= 0 ? row[ni] : undefined;
    const status = si >= 0 ? row[si] : undefined;
    const flag = fi >= 0 ? row[fi] : undefined;
    if (note) o.note = note;
    if (status && (REPORTED_STATUSES as readonly string[]).includes(status)) o.status = status as ReportedStatus;
    if (flag && (OBSERVATION_FLAGS as readonly string[]).includes(flag)) o.flag = flag as ObservationFlag;
    out.push(o);
  }
  return out;
}

/** The series of every KPI without history or data: most of a large scorecard's. */
const NO_SERIES: readonly Observation[] = Object.freeze([]);

/** Every observation of a KPI, sorted by date, projections included: its `history`, or else its `data` CSV. */
export function kpiObservations(kpi: Kpi, readData: (csv: string) => DataRead | undefined): readonly Observation[] {
  if (kpi.history.length) return normalize(kpi.history);
  if (!kpi.data) return NO_SERIES;
  const text = readData(kpi.data.csv.value);
  return typeof text === 'string' ? normalize(parseCsvSeries(text, kpi.data.column.value)) : NO_SERIES;
}

/** The measured observations of a KPI, sorted by date: projections are forecasts and count for no statistic. */
export function kpiSeries(kpi: Kpi, readData: (csv: string) => DataRead | undefined): readonly Observation[] {
  const all = kpiObservations(kpi, readData);
  return all.some((o) => o.flag === 'projected') ? all.filter((o) => o.flag !== 'projected') : all;
}

/**
 * A maximum bipartite matching by Kuhn's augmenting paths. `edges[l]` lists the right vertices
 * of left vertex l in the order they are tried; left vertices are tried in index order, so the
 * result is deterministic. Returns, per left vertex, its matched right vertex or -1.
 */
export function maxMatching(edges: readonly (readonly number[])[]): number[] {
  const leftOf = new Map<number, number>();
  const match = edges.map(() => -1);
  const augment = (l: number, seen: Set<number>): boolean => {
    for (const r of edges[l]) {
      if (seen.has(r)) continue;
      seen.add(r);
      const other = leftOf.get(r);
      if (other === undefined || augment(other, seen)) {
        leftOf.set(r, l);
        match[l] = r;
        return true;
      }
    }
    return false;
  };
  for (let l = 0; l < edges.length; l++) augment(l, new Set());
  return match;
}
