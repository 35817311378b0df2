import { addPeriods, dayNumber } from '../dates';
import type { Kpi, Observation } from './model';
import { estimateNoise, kpiObservations } from './stats';
import { formatNumber as num } from '../text';
import type { DataRead, KpiStatus, StatusName } from '../types';

// Where a KPI stands (FORMAT.md, "Status"). This is the one place that computes a KPI's status:
// the preview, the hover, `kpilens status` and the rules that compare with it all call kpiStatus.

export const STATUS_NAMES = ['on-track', 'at-risk', 'off-track', 'unknown', 'no-data'] as const satisfies readonly StatusName[];

/** How many of the latest observations make the trend and the hit rate. */
export const TREND_LENGTH = 12;

/** How far behind the plan's progress a KPI may be and still count as on track, or at risk. */
const ON_TRACK_SLACK = 0.1;
const AT_RISK_SLACK = 0.25;

type Decision = Pick<KpiStatus, 'status' | 'reason'>;

/**
 * Where a KPI stands as of a day (YYYY-MM-DD). Without `asOf`, as of its latest observation:
 * every observation counts and none is stale. Never throws.
 */
export function kpiStatus(kpi: Kpi, readData: (csv: string) => DataRead | undefined, asOf?: string): KpiStatus {
  const obs = kpiObservations(kpi, readData).filter((o) => o.flag !== 'projected' && (asOf === undefined || o.date <= asOf));
  const recent = obs.slice(-TREND_LENGTH);
  const out: KpiStatus = { status: 'no-data', reason: '', stale: false, met: false, missed: false, trend: recent.map((o) => o.value) };
  const cadence = kpi.cadence?.value;
  if (cadence && asOf) out.staleBefore = addPeriods(asOf, cadence, -2);
  const last = obs.at(-1);
  if (!last) {
    out.reason = 'no observation yet';
    return out;
  }
  out.last = { date: last.date, value: last.value };
  if (last.status) out.reported = last.status;
  if (last.note !== undefined) out.note = last.note;
  if (out.staleBefore !== undefined && last.date < out.staleBefore) out.stale = true;
  const noise = kpi.noise?.value ?? estimateNoise(obs.map((o) => o.value));
  if (noise !== undefined) out.noise = noise;

  const direction = kpi.direction?.value;
  const target = kpi.target?.value?.value;
  // A maintained KPI meets its target within the noise; without a noise nobody can say.
  const meets = (v: number) => (direction === 'increase' ? v >= target! : direction === 'decrease' ? v <= target! : atMost(Math.abs(v - target!), noise!));
  if (direction && target !== undefined && (direction !== 'maintain' || noise !== undefined)) {
    out.met = meets(last.value);
    if (kpi.target?.every) out.hitRate = recent.filter((o) => meets(o.value)).length / recent.length;
  }
  const plan = direction !== 'maintain' && target !== undefined ? planLine(kpi, target, obs[0].date) : undefined;
  if (plan) {
    out.plan = valueAt(plan.points, dayNumber(last.date));
    const span = target! - plan.baseline;
    if (span !== 0) {
      out.progress = (last.value - plan.baseline) / span;
      out.expected = Math.max(0, Math.min(1, (out.plan - plan.baseline) / span));
    }
  }
  Object.assign(out, decide(kpi, out, last, noise, asOf ?? last.date));
  return out;
}

function decide(kpi: Kpi, s: KpiStatus, last: Observation, noise: number | undefined, asOf: string): Decision & { missed?: boolean } {
  const direction = kpi.direction?.value;
  const t = kpi.target;
  const target = t?.value?.value;
  const v = last.value;
  if (!direction) return { status: 'unknown', reason: 'the KPI has no direction' };
  const th = kpi.thresholds;
  if (th?.warn || th?.alert) return byThresholds(direction, v, target, th.warn?.value, th.alert?.value, t?.pending?.value);
  if (direction === 'maintain') {
    if (target === undefined) return { status: 'unknown', reason: t?.pending ? `the target is ${pendingWord(t.pending.value)}` : 'no target to maintain' };
    if (noise === undefined) return { status: 'unknown', reason: 'a maintained KPI needs a noise or thresholds' };
    const d = Math.abs(v - target);
    const away = `${num(v)} is ${num(d)} from ${num(target)}`;
    if (atMost(d, noise)) return { status: 'on-track', reason: `${away}, within the noise ${num(noise)}` };
    if (atMost(d, 2 * noise)) return { status: 'at-risk', reason: `${away}, within twice the noise ${num(noise)}` };
    return { status: 'off-track', reason: `${away}, more than twice the noise ${num(noise)}` };
  }
  if (t?.pending) return { status: 'unknown', reason: `the target is ${pendingWord(t.pending.value)} and there are no thresholds` };
  if (target === undefined) return { status: 'unknown', reason: 'no target and no thresholds' };
  if (t?.every) {
    if (s.met) return { status: 'on-track', reason: `${num(v)} meets the standing target ${num(target)}` };
    const gap = Math.abs(v - target);
    if (noise !== undefined && atMost(gap, noise))
      return { status: 'at-risk', reason: `${num(v)} misses ${num(target)} by ${num(gap)}, within the noise ${num(noise)}` };
    return { status: 'off-track', reason: `${num(v)} misses ${num(target)} by ${num(gap)}${noise !== undefined ? `, more than the noise ${num(noise)}` : ''}` };
  }
  const by = t?.by?.value;
  if (by !== undefined && asOf > by) {
    return s.met
      ? { status: 'on-track', reason: `target ${num(target)} by ${by} met` }
      : { status: 'off-track', reason: `target ${num(target)} by ${by} missed: ${num(v)} on ${last.date}`, missed: true };
  }
  if (s.met) return { status: 'on-track', reason: `target ${num(target)} already met` };
  if (by === undefined) return { status: 'unknown', reason: 'the target has no date' };
  if (s.plan === undefined)
    return { status: 'unknown', reason: kpi.baseline ? 'the baseline is dated on or after the target date' : 'no baseline to draw the plan from' };
  const nearPlan = noise !== undefined && atMost(Math.abs(v - s.plan), noise);
  const planWords = `${num(v)} against the plan's ${num(s.plan)}`;
  if (s.progress === undefined || s.expected === undefined) {
    // A target equal to its baseline: there is no progress to measure, only the distance to the plan.
    return nearPlan ? { status: 'on-track', reason: `${planWords}, within the noise ${num(noise)}` } : { status: 'off-track', reason: planWords };
  }
  const progressWords = `progress ${pct(s.progress)}, ${pct(s.expected)} expected by the plan`;
  if (atLeast(s.progress, s.expected - ON_TRACK_SLACK)) return { status: 'on-track', reason: progressWords };
  if (nearPlan) return { status: 'on-track', reason: `${planWords}, within the noise ${num(noise)}` };
  if (atLeast(s.progress, s.expected - AT_RISK_SLACK)) return { status: 'at-risk', reason: progressWords };
  return { status: 'off-track', reason: progressWords };
}

/** Version 1's status bands: alert at or beyond `alert`, warn at or beyond `warn`, oriented by the direction. */
function byThresholds(
  direction: 'increase' | 'decrease' | 'maintain',
  v: number,
  target: number | undefined,
  warn: number | undefined,
  alert: number | undefined,
  pending: 'tbd' | 'withheld' | undefined,
): Decision {
  let value = v;
  let words = num(v);
  if (direction === 'maintain') {
    if (target === undefined)
      return {
        status: 'unknown',
        reason: `the thresholds of a maintained KPI are distances from its target${pending ? `, which is ${pendingWord(pending)}` : ', and it has none'}`,
      };
    value = Math.abs(v - target);
    words = `${num(v)} is ${num(value)} from ${num(target)}`;
  }
  const beyond = (limit: number) => (direction === 'increase' ? v <= limit : value >= limit);
  const side = direction === 'increase' ? 'at or below' : 'at or above';
  if (alert !== undefined && beyond(alert)) return { status: 'off-track', reason: `${words}, ${side} the alert threshold ${num(alert)}` };
  if (warn !== undefined && beyond(warn)) return { status: 'at-risk', reason: `${words}, ${side} the warn threshold ${num(warn)}` };
  return { status: 'on-track', reason: `${words}, clear of the ${warn !== undefined ? 'warn' : 'alert'} threshold ${num(warn ?? alert!)}` };
}

interface Plan {
  baseline: number;
  /** Day numbers and values, in date order: the baseline, the milestones between, the target. */
  points: [number, number][];
}

/** The plan of a dated target with a baseline, or undefined when there is none to draw. */
function planLine(kpi: Kpi, target: number, firstDate: string): Plan | undefined {
  const by = kpi.target?.by?.value;
  const baseline = kpi.baseline;
  if (!by || !kpi.target?.value || !baseline) return undefined;
  const start = dayNumber(baseline.date?.value ?? firstDate);
  const end = dayNumber(by);
  if (end <= start) return undefined;
  const milestones = kpi.milestones
    .flatMap((m) => (m.value && m.by ? [[dayNumber(m.by.value), m.value.value] as [number, number]] : []))
    .filter(([d]) => d > start && d < end)
    .sort((a, b) => a[0] - b[0]);
  return { baseline: baseline.value, points: [[start, baseline.value], ...milestones, [end, target]] };
}

/** The plan's value on a day: the baseline before it starts, the target after it ends, a straight line between points. */
function valueAt(points: readonly [number, number][], day: number): number {
  if (day <= points[0][0]) return points[0][1];
  for (let i = 1; i < points.length; i++) {
    const [d1, v1] = points[i];
    if (day <= d1) {
      const [d0, v0] = points[i - 1];
      return d1 === d0 ? v1 : v0 + ((v1 - v0) * (day - d0)) / (d1 - d0);
    }
  }
  return points[points.length - 1][1];
}

// Figures computed from decimals (0.1 + 0.2) must not fall on the wrong side of a limit by a rounding error.
function atMost(x: number, limit: number): boolean {
  return x <= limit + 1e-9 * Math.max(1, Math.abs(limit));
}
function atLeast(x: number, limit: number): boolean {
  return x >= limit - 1e-9 * Math.max(1, Math.abs(limit));
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function pendingWord(p: 'tbd' | 'withheld'): string {
  return p === 'tbd' ? 'still to be decided' : 'withheld';
}

/** The status in words: "on track", "at risk", "off track", "unknown", "no data". */
export function statusWords(s: StatusName): string {
  return s.replace('-', ' ');
}
