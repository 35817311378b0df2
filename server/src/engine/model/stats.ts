import { parse } from 'csv-parse/sync';
import { OBSERVATION_FLAGS, REPORTED_STATUSES } from './model';
import type { Kpi, Observation, ObservationFlag, ReportedStatus } from './model';
import { compareStrings } from '../text';
import type { DataRead } from '../types';

// Numeric helpers of the KPI selection rules. Pure: text and numbers in, numbers out; never throws.

/** Observations the noise is estimated from: the latest ones, as a process drifts (RULES.md 1.1). */
export const NOISE_WINDOW = 12;
/** Fewest observations before the noise of a series is estimated from its differences. */
export const MIN_NOISE_POINTS = 5;
/** Fewest observations before the Poisson noise of a count is used. */
export const MIN_COUNT_POINTS = 3;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The median of some numbers, in any order; undefined for none. */
export function medianOf(values: readonly number[]): number | undefined {
  return values.length ? median([...values].sort((a, b) => a - b)) : undefined;
}

export function firstDifferences(values: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < values.length; i++) out.push(values[i] - values[i - 1]);
  return out;
}

/** The sample standard deviation (n - 1); undefined below two values. */
function sampleSd(values: readonly number[]): number | undefined {
  const n = values.length;
  if (n < 2) return undefined;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  return Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
}

/**
 * The noise of a series, from its last NOISE_WINDOW values (oldest first): the standard deviation
 * of the first differences divided by sqrt(2), since a difference carries the noise of two
 * observations; from MIN_NOISE_POINTS values on. For a count, at least the Poisson noise
 * sqrt(mean), from MIN_COUNT_POINTS values on: a count of rare events moves by that much by
 * chance alone, however steady the last few years happened to be. Undefined below those.
 */
export function estimateNoise(values: readonly number[], count = false): number | undefined {
  const last = values.slice(-NOISE_WINDOW);
  const sd = last.length >= MIN_NOISE_POINTS ? sampleSd(firstDifferences(last)) : undefined;
  const fromDiffs = sd === undefined ? undefined : sd / Math.SQRT2;
  if (!count || last.length < MIN_COUNT_POINTS) return fromDiffs;
  const mean = last.reduce((a, b) => a + b, 0) / last.length;
  const poisson = Math.sqrt(Math.max(0, mean));
  return fromDiffs === undefined ? poisson : Math.max(fromDiffs, poisson);
}

/** A KPI of counts of events: unit `count`, or a measure whose statistic is a count. */
export function isCount(kpi: Kpi): boolean {
  return kpi.unit?.value === 'count' || kpi.measure?.stat?.value === 'count';
}

export interface Noise {
  value: number;
  /** How it was found, as a reader should see it: "declared", "estimated from 9 observations", "Poisson noise of a count averaging 161.3". */
  source: string;
}

/** The noise of a KPI: declared, or estimated from its series (see estimateNoise); undefined when neither. */
export function kpiNoise(kpi: Kpi, series: readonly Observation[]): Noise | undefined {
  if (kpi.noise) return { value: kpi.noise.value, source: 'declared' };
  const values = series.map((o) => o.value);
  const count = isCount(kpi);
  const value = estimateNoise(values, count);
  if (value === undefined) return undefined;
  const last = values.slice(-NOISE_WINDOW);
  const fromDiffs = estimateNoise(values);
  if (count && (fromDiffs === undefined || value > fromDiffs)) {
    const mean = last.reduce((a, b) => a + b, 0) / last.length;
    return { value, source: `Poisson noise of a count averaging ${round(mean)} over ${last.length} observations` };
  }
  return { value, source: `estimated from the last ${last.length} observations` };
}

/** At most three decimals, without trailing zeros: how the rules write numbers in messages. */
export function round(x: number): string {
  return String(Number(x.toFixed(3)));
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

/** The values two series share, by date. Both series must be sorted by date with one value per date, as kpiSeries gives them. */
export function sharedValues(a: readonly Observation[], b: readonly Observation[]): { xs: number[]; ys: number[] } {
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
  return { xs, ys };
}

/**
 * Pearson's r of the first differences of two series at the dates both share (differencing
 * removes the common trend that makes any two growing series look alike). `shared` is the number
 * of shared dates; `r` is undefined when a side does not vary.
 */
export function correlateSeries(a: readonly Observation[], b: readonly Observation[]): { shared: number; r?: number } {
  const { xs, ys } = sharedValues(a, b);
  return { shared: xs.length, r: pearson(firstDifferences(xs), firstDifferences(ys)) };
}

/**
 * The smallest abs(r) of the first differences when any one shared date is left out (its two
 * differences then merge into one), and the date index that gives it. One leverage point (a year
 * both series jumped) can make two unrelated series correlate; without it they do not.
 */
export function leaveOneOut(xs: readonly number[], ys: readonly number[]): { r: number; without: number } {
  let worst = { r: Infinity, without: -1 };
  for (let k = 0; k < xs.length; k++) {
    const x = xs.filter((_, i) => i !== k);
    const y = ys.filter((_, i) => i !== k);
    const r = Math.abs(pearson(firstDifferences(x), firstDifferences(y)) ?? 0);
    if (r < worst.r) worst = { r, without: k };
  }
  return worst;
}

/**
 * The two-sided p-value of Pearson's r over n pairs, under no correlation: t = r sqrt((n-2) /
 * (1-r^2)) with n-2 degrees of freedom. Undefined below 3 pairs.
 */
export function correlationP(r: number, n: number): number | undefined {
  const df = n - 2;
  if (df < 1 || !Number.isFinite(r)) return undefined;
  if (Math.abs(r) >= 1) return 0;
  return tTwoSidedP(Math.abs(r) * Math.sqrt(df / (1 - r * r)), df);
}

/**
 * P(|T| >= t) for Student's t with a whole number df of degrees of freedom, by the finite series
 * of Abramowitz and Stegun 26.7.3 and 26.7.4: exact, with no special function to approximate.
 */
export function tTwoSidedP(t: number, df: number): number {
  const theta = Math.atan(Math.abs(t) / Math.sqrt(df));
  const c2 = Math.cos(theta) ** 2;
  const s = Math.sin(theta);
  let a: number;
  if (df % 2 === 1) {
    // A = 2/pi (theta + sin cos (1 + 2/3 cos^2 + 2.4/(3.5) cos^4 + ... up to cos^(df-3))).
    let term = 1;
    let sum = df > 1 ? 1 : 0;
    for (let k = 1; 2 * k + 1 <= df - 2; k++) {
      term *= ((2 * k) / (2 * k + 1)) * c2;
      sum += term;
    }
    a = (2 / Math.PI) * (theta + s * Math.cos(theta) * sum);
  } else {
    // A = sin (1 + 1/2 cos^2 + 1.3/(2.4) cos^4 + ... up to cos^(df-2)).
    let term = 1;
    let sum = 1;
    for (let k = 1; 2 * k <= df - 2; k++) {
      term *= ((2 * k - 1) / (2 * k)) * c2;
      sum += term;
    }
    a = s * sum;
  }
  return Math.min(1, Math.max(0, 1 - a));
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
