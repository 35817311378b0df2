// What the diff says of a target or a milestone that moved: how far, and whether it got more ambitious.
import { dayNumber } from '../dates';
import { targetValues, targetWords } from '../model/model';
import type { Kpi } from '../model/model';
import { compareStrings } from '../text';

import type { Ambition, Change, JsonValue } from './diff';
import { KIND_NAME, moved, targetValue } from './fields';

// ---------------------------------------------------------------------------------------------
// Targets.

/**
 * More ambitious when the value moves in the KPI's direction and the date is not later (or the
 * value stays and the date comes earlier); less ambitious for the reverse; mixed when value and
 * date pull apart. Unclear when there is nothing to judge by: no direction, `maintain`, or a
 * value or date on one side only.
 */
export function ambitionOf(direction: string | undefined, b: { value?: number; by?: string }, a: { value?: number; by?: string }): Ambition {
  let value: number | undefined;
  if (b.value === a.value) value = 0;
  else if (b.value !== undefined && a.value !== undefined && (direction === 'increase' || direction === 'decrease')) {
    value = a.value > b.value === (direction === 'increase') ? 1 : -1;
  }
  let date: number | undefined;
  if (b.by === a.by) date = 0;
  else if (b.by !== undefined && a.by !== undefined) date = dayNumber(a.by) < dayNumber(b.by) ? 1 : -1;
  if (value === undefined || date === undefined) return 'unclear';
  if (value >= 0 && date >= 0) return 'more';
  if (value <= 0 && date <= 0) return 'less';
  return 'mixed';
}

export const AMBITION_TEXT: Record<Exclude<Ambition, 'mixed'>, string> = {
  more: ': more ambitious',
  less: ': less ambitious',
  unclear: ': ambition not judged',
};

export type Aim = ReturnType<typeof targetValues>;

/** ": more ambitious", ": mixed, a harder value but later", ": ambition not judged (no direction)". */
export function verdictOf(ambition: Ambition, direction: string | undefined, b: Aim, a: Aim): string {
  // Mixed means value and date pull apart, so the value alone says which way each went.
  if (ambition === 'mixed') return `: mixed, ${a.value! > b.value! === (direction === 'increase') ? 'a harder value but later' : 'an easier value but sooner'}`;
  const why =
    ambition !== 'unclear'
      ? ''
      : direction === 'maintain'
        ? ' (direction maintain)'
        : direction === undefined
          ? ' (no direction)'
          : ' (a value or date on one side only)';
  return `${AMBITION_TEXT[ambition]}${why}`;
}

/** "later by 3 months", "earlier by 45 days"; undefined unless both dates are there and differ. */

export function targetChange(b: Kpi, a: Kpi): Change {
  const unit = a.unit?.value ?? b.unit?.value;
  const head = `${KIND_NAME.kpi} ${a.id}`;
  const base = { kind: 'target' as const, subject: 'kpi' as const, id: a.id, field: 'target', before: targetValue(b) ?? null, after: targetValue(a) ?? null };
  const unclear = (text: string): Change => ({ ...base, ambition: 'unclear', text: `${head}: ${text}.` });
  if (!b.target || !a.target)
    return unclear(
      `target ${b.target ? targetWords(targetValues(b.target), unit) : '(none)'} → ${a.target ? targetWords(targetValues(a.target), unit) : '(none)'}`,
    );
  const tb = targetValues(b.target);
  const ta = targetValues(a.target);
  // A dated target turned into one met in every period, or back: a different promise, not a harder or easier one.
  if (!tb.every !== !ta.every) return unclear(`target became ${ta.every ? 'standing' : 'dated'} (${targetWords(ta)}, was ${targetWords(tb)})`);
  if (tb.pending !== ta.pending)
    return unclear(`target ${targetWords(tb, unit)} → ${targetWords(ta, unit)}: ambition not judged (a value still to be decided or withheld)`);
  const direction = a.direction?.value ?? b.direction?.value;
  if (ta.every) {
    if (tb.every !== ta.every) return unclear(`target ${targetWords(tb, unit)} → ${targetWords(ta, unit)}: ambition not judged (the period changed)`);
    const ambition = ambitionOf(direction, tb, ta);
    return { ...base, ambition, text: `${head}: target ${tb.value ?? '(none)'} → ${targetWords(ta, unit)}${verdictOf(ambition, direction, tb, ta)}.` };
  }
  const ambition = ambitionOf(direction, tb, ta);
  const verdict = verdictOf(ambition, direction, tb, ta);
  const value = `target ${tb.value ?? '(none)'} → ${ta.value ?? '(none)'}${unit ? ` ${unit}` : ''}`;
  const dates = `${tb.by ?? '(none)'} → ${ta.by ?? '(none)'}`;
  const when = moved(tb.by, ta.by);
  let text: string;
  if (tb.by === ta.by) text = `${value}${verdict}`;
  else if (tb.value === ta.value) text = `target date ${dates}${when ? `, ${when}` : ''}${verdict}`;
  // Both moved: "target 45 → 40 points, later by 3 months: less ambitious (date ... → ...)".
  else text = when ? `${value}, ${when}${verdict} (date ${dates})` : `${value}, date ${dates}${verdict}`;
  return { ...base, ambition, text: `${head}: ${text}.` };
}

export interface Step {
  value?: number;
  by?: string;
}

/**
 * Milestones are interim targets: one at the same date with another value, or with the same
 * value at another date, is that milestone changed or moved, and judged like a target; the
 * others pair up in date order; what is left was added or removed.
 */
export function milestoneChanges(b: Kpi, a: Kpi): Change[] {
  const unit = a.unit?.value ?? b.unit?.value;
  const direction = a.direction?.value ?? b.direction?.value;
  const head = `${KIND_NAME.kpi} ${a.id}`;
  const steps = (k: Kpi): Step[] => k.milestones.map((m) => ({ value: m.value?.value, by: m.by?.value }));
  const olds = steps(b);
  const news = steps(a);
  const pairs: [Step, Step][] = [];
  const pair = (match: (x: Step, y: Step) => boolean, record: boolean) => {
    for (const y of [...news]) {
      const i = olds.findIndex((x) => match(x, y));
      if (i < 0) continue;
      if (record) pairs.push([olds[i], y]);
      olds.splice(i, 1);
      news.splice(news.indexOf(y), 1);
    }
  };
  pair((x, y) => x.by === y.by && x.value === y.value, false);
  pair((x, y) => x.by === y.by, true);
  pair((x, y) => x.value === y.value, true);
  const byDate = (x: Step, y: Step) => compareStrings(x.by ?? '', y.by ?? '');
  olds.sort(byDate);
  news.sort(byDate);
  while (olds.length && news.length) pairs.push([olds.shift()!, news.shift()!]);
  const words = (m: Step) => `${m.value ?? '(no value)'}${unit ? ` ${unit}` : ''} by ${m.by ?? '(no date)'}`;
  const json = (m: Step): JsonValue => ({ value: m.value ?? null, by: m.by ?? null });
  const out: Change[] = pairs
    .sort((x, y) => byDate(x[1], y[1]))
    .map(([x, y]) => {
      const ambition = ambitionOf(direction, x, y);
      const verdict = verdictOf(ambition, direction, x, y);
      const when = moved(x.by, y.by);
      let text: string;
      if (x.by === y.by) text = `milestone ${y.by ?? '(no date)'}: ${x.value ?? '(no value)'} → ${y.value ?? '(no value)'}${unit ? ` ${unit}` : ''}${verdict}`;
      else if (x.value === y.value) text = `milestone ${x.by ?? '(no date)'} moved to ${y.by ?? '(no date)'}${when ? `, ${when}` : ''}${verdict}`;
      else text = `milestone ${words(x)} → ${words(y)}${verdict}`;
      return { kind: 'target', subject: 'kpi', id: a.id, field: 'milestones', before: json(x), after: json(y), ambition, text: `${head}: ${text}.` };
    });
  for (const m of news)
    out.push({ kind: 'changed', subject: 'kpi', id: a.id, field: 'milestones', before: null, after: json(m), text: `${head}: milestone ${words(m)} added.` });
  for (const m of olds)
    out.push({ kind: 'changed', subject: 'kpi', id: a.id, field: 'milestones', before: json(m), after: null, text: `${head}: milestone ${words(m)} removed.` });
  return out;
}
