import type { Kpi, Milestone, Observation } from './model';
import { kpiNoise, round } from './stats';
import type { Noise } from './stats';
import type { Span } from '../types';

// Whether a KPI's target asks for an improvement (RULES.md 1.1, target-direction). The rule
// target-direction reports every other answer; noise-sensitive judges only targets that ask for
// an improvement, so one mistake in a target gives one finding.

/** What is wrong with a target or a milestone, where, and in the reader's words. */
export interface TargetProblem {
  span: Span;
  message: string;
}

export type TargetVerdict =
  /** A number to move towards, in the good direction (or no direction to judge it by). */
  | { asks: 'improvement' }
  /** On the wrong side of the baseline, equal to it, or already beaten. */
  | { asks: 'nothing'; problem: TargetProblem }
  /** No number to judge, or a `maintain` target. */
  | { asks: 'unknown' };

const sideWord = (up: boolean) => (up ? 'below' : 'above');

/** +1 when higher is better, -1 when lower is, undefined otherwise. */
function sign(k: Kpi): 1 | -1 | undefined {
  const d = k.direction?.value;
  return d === 'increase' ? 1 : d === 'decrease' ? -1 : undefined;
}

/** The latest observation at or before the as-of date. */
export function latestObservation(series: readonly Observation[], asOf: string): Observation | undefined {
  for (let i = series.length - 1; i >= 0; i--) if (series[i].date <= asOf) return series[i];
  return undefined;
}

/**
 * Whether the KPI's target asks for an improvement. `series` is the KPI's measured series
 * (kpiSeries), sorted by date.
 */
export function targetVerdict(k: Kpi, series: readonly Observation[], asOf: string): TargetVerdict {
  const target = k.target?.value;
  if (!target) return { asks: 'unknown' };
  if (k.direction?.value === 'maintain') return { asks: 'unknown' };
  const s = sign(k);
  if (s === undefined) return { asks: 'improvement' };
  const dir = s > 0 ? 'an increase' : 'a decrease';
  const t = target.value;
  const base = k.baseline?.value;
  if (base !== undefined && (t - base) * s < 0) {
    return {
      asks: 'nothing',
      problem: {
        span: target.span,
        message: `KPI "${k.id}": target ${round(t)} for ${dir} is ${s > 0 ? 'below' : 'above'} the baseline ${round(base)}: already met, or set backwards.`,
      },
    };
  }
  // A standing target is met period after period; that it is met already is no fault of the target.
  if (!k.target?.by) return { asks: 'improvement' };
  if (base !== undefined && t === base) {
    return { asks: 'nothing', problem: { span: target.span, message: `KPI "${k.id}": target ${round(t)} equals the baseline: it asks for no change.` } };
  }
  const last = latestObservation(series, asOf);
  if (!last) return { asks: 'improvement' };
  const beat = (last.value - t) * s;
  if (beat <= 0) return { asks: 'improvement' };
  const noise: Noise | undefined = kpiNoise(k, series);
  let limit: number;
  let why: string;
  if (noise && noise.value > 0) {
    limit = 2 * noise.value;
    why = `2 × noise ${round(noise.value)} (${noise.source})`;
  } else if (base !== undefined) {
    limit = Math.abs(t - base) / 2;
    why = `half the planned change from the baseline ${round(base)}`;
  } else {
    limit = Math.abs(t) / 10;
    why = '10% of the target';
  }
  if (beat <= limit + 1e-9 * Math.max(1, Math.abs(limit))) return { asks: 'improvement' };
  return {
    asks: 'nothing',
    problem: {
      span: target.span,
      message: `KPI "${k.id}": the latest value ${round(last.value)} (${last.date}) already beats the target ${round(t)} by ${round(beat)}, more than ${why}: the target asks for nothing.`,
    },
  };
}

/**
 * Milestones that do not lead from the baseline to the target: on the wrong side of the baseline,
 * falling back from the milestone before, or past the target. Each is judged against the last
 * milestone that was in order, so one misplaced milestone gives one problem.
 */
export function milestoneProblems(k: Kpi): TargetProblem[] {
  const s = sign(k);
  if (s === undefined) return [];
  const dir = s > 0 ? 'an increase' : 'a decrease';
  const base = k.baseline?.value;
  const target = k.target?.value?.value;
  const dated = k.milestones.filter((m): m is Milestone & { value: NonNullable<Milestone['value']> } => !!m.value);
  // By date; a milestone without one keeps its place after the dated ones.
  const ordered = [...dated].sort((a, b) => (a.by && b.by ? (a.by.value < b.by.value ? -1 : a.by.value > b.by.value ? 1 : 0) : a.by ? -1 : b.by ? 1 : 0));
  const out: TargetProblem[] = [];
  let prev: { value: number; by?: string } | undefined = base === undefined ? undefined : { value: base };
  const label = (m: { value: number; by?: string }) => `${round(m.value)}${m.by ? ` (by ${m.by})` : ''}`;
  for (const m of ordered) {
    const v = m.value.value;
    const here = { value: v, by: m.by?.value };
    if (base !== undefined && (v - base) * s < 0) {
      out.push({
        span: m.value.span,
        message: `KPI "${k.id}": milestone ${label(here)} for ${dir} is ${sideWord(s > 0)} the baseline ${round(base)}: already met, or set backwards.`,
      });
    } else if (prev && (v - prev.value) * s < 0) {
      out.push({
        span: m.value.span,
        message: `KPI "${k.id}": milestone ${label(here)} falls back from ${prev.by ? `the milestone ${label(prev)}` : `the baseline ${round(prev.value)}`}: milestones should move steadily towards the target.`,
      });
    } else if (target !== undefined && (target - v) * s < 0) {
      out.push({
        span: m.value.span,
        message: `KPI "${k.id}": milestone ${label(here)} lies beyond the target ${round(target)}: the way to the target goes back.`,
      });
    } else {
      prev = here;
    }
  }
  return out;
}
