// What the diff compares of an item: each field as plain data, in the order a reader expects
// them, and the words that show a change of one.
import { addMonths, dayNumber } from '../dates';
import { FIELDS, fieldsOf, itemsOf } from '../model/model';
import type {
  Baseline,
  DataFile,
  FieldSpec,
  Item,
  ItemKind,
  Kpi,
  Measure,
  Milestone,
  Observation,
  Ref,
  RefsSpec,
  Scorecard,
  StructureName,
  Target,
  Thresholds,
  Val,
} from '../model/model';

import type { JsonValue } from './diff';

export const KIND_NAME: Record<ItemKind, string> = { objective: 'Objective', kpi: 'KPI', lever: 'Lever', disturbance: 'Disturbance' };

// ---------------------------------------------------------------------------------------------
// Fields, in the order a reader expects them. Each field gives a comparable, JSON-able value.

export type Fields = [string, JsonValue | undefined][];

/** What a ref names, qualified; a ref to a renamed scorecard counts under its new id, whichever it spells. */
export function refKey(ref: Ref, scKey: string, scorecards: ReadonlyMap<string, string>): string {
  return `${ref.scorecard === undefined ? scKey : (scorecards.get(ref.scorecard) ?? ref.scorecard)}/${ref.id}`;
}

export function links(refs: readonly Ref[], scKey: string, scorecards: ReadonlyMap<string, string>): JsonValue {
  return refs.map((r) => (r.level ? `${refKey(r, scKey, scorecards)}:${r.level}` : refKey(r, scKey, scorecards)));
}

/** Every field of an item except its id and links' spelling: equal fields mean a rename. */
export function signature(it: Item, scKey: string, scorecards: ReadonlyMap<string, string>): string {
  const f: Fields = [['kind', it.kind], ...plainFields(it)];
  for (const [field, refs] of linkFields(it)) f.push([field, links(refs, scKey, scorecards)]);
  return JSON.stringify(f);
}

/** The fields compared one by one, as model.ts describes them (links and targets are compared on their own). */
export function plainFields(it: Item): Fields {
  const values = it as unknown as Record<string, unknown>;
  return fieldsOf(it.kind).flatMap(([key, f]): Fields => (f.type === 'refs' ? [] : [[key, comparable(f, values[key])]]));
}

/** A field's value as plain data: what the diff compares and shows. */
export function comparable(f: FieldSpec, v: unknown): JsonValue | undefined {
  // An absent value that has a meaning (no tier is a key KPI) compares as that value.
  if (v === undefined) return f.type === 'enum' ? f.default : undefined;
  switch (f.type) {
    case 'text':
    case 'number':
    case 'date':
    case 'enum':
      return (v as Val<string | number>).value;
    case 'enums': {
      const list = v as Val<string>[];
      return list.length ? list.map((x) => x.value) : undefined;
    }
    case 'owners': {
      // One owner reads as a word; co-owners as a list, the lead first.
      const list = (v as Val<string>[]).map((x) => x.value);
      return list.length > 1 ? list : list[0];
    }
    case 'observations': {
      const list = v as Observation[];
      // What the team reported with a value is part of it: a changed status or note is an edit.
      return list.length
        ? list.map((h) =>
            h.status || h.note || h.flag ? [h.date, h.value, { status: h.status ?? null, note: h.note ?? null, flag: h.flag ?? null }] : [h.date, h.value],
          )
        : undefined;
    }
    case 'structure':
      return structureValue(f.name, v);
    case 'structures': {
      const list = (v as unknown[]).map((x) => structureValue(f.name, x));
      return list.length ? list : undefined;
    }
    case 'refs':
      return undefined;
  }
}

export function structureValue(name: StructureName, v: unknown): JsonValue {
  const value = (x: Val<string | number> | undefined) => x?.value ?? null;
  switch (name) {
    case 'target': {
      const t = v as Target;
      const target: { [k: string]: JsonValue } = { value: t.pending?.value ?? value(t.value) };
      if (t.every) target.every = t.every.value;
      else target.by = value(t.by);
      return target;
    }
    case 'thresholds':
      return { warn: value((v as Thresholds).warn), alert: value((v as Thresholds).alert) };
    case 'data':
      return `${(v as DataFile).csv.value}#${(v as DataFile).column.value}`;
    case 'baseline': {
      const b = v as Baseline;
      return b.date ? { value: b.value, date: b.date.value } : b.value;
    }
    case 'measure': {
      const m = v as Measure;
      return { of: value(m.of), stat: value(m.stat), numerator: value(m.numerator), denominator: value(m.denominator), window: value(m.window) };
    }
    case 'milestone':
      return { value: value((v as Milestone).value), by: value((v as Milestone).by) };
  }
}

export function targetValue(k: Kpi): JsonValue | undefined {
  return comparable(FIELDS.kpi.target, k.target);
}

export function linkFields(it: Item): [string, readonly Ref[], RefsSpec][] {
  const values = it as unknown as Record<string, readonly Ref[]>;
  return fieldsOf(it.kind).flatMap(([key, f]): [string, readonly Ref[], RefsSpec][] => (f.type === 'refs' ? [[key, values[key], f]] : []));
}

/** Items by id; the first of a duplicated id counts (the duplicate is a finding of its own). */
export function itemMap(sc: Scorecard): Map<string, Item> {
  const m = new Map<string, Item>();
  for (const it of itemsOf(sc)) if (!m.has(it.id)) m.set(it.id, it);
  return m;
}

/** Removed and added items of the same kind whose every other field is equal, paired in document order. */
export function findRenames(sb: Scorecard, sa: Scorecard, key: string, scorecards: ReadonlyMap<string, string>): Map<string, string> {
  const bi = itemMap(sb);
  const ai = itemMap(sa);
  const added = [...ai.values()].filter((it) => !bi.has(it.id));
  const out = new Map<string, string>();
  for (const old of bi.values()) {
    if (ai.has(old.id)) continue;
    const sig = signature(old, key, scorecards);
    const i = added.findIndex((n) => signature(n, key, scorecards) === sig);
    if (i < 0) continue;
    out.set(old.id, added[i].id);
    added.splice(i, 1);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Words.

export function show(v: JsonValue | undefined): string {
  if (v === undefined || v === null) return '(none)';
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return v.length ? v.map((x) => (typeof x === 'string' ? x : show(x))).join(', ') : '(none)';
  if (typeof v === 'object')
    return Object.entries(v)
      .map(([k, x]) => `${k} ${show(x)}`)
      .join(', ');
  return String(v);
}

/** Slug-like values (owners, cadences, directions) read better without quotes. */
export function showWord(v: JsonValue | undefined): string {
  return typeof v === 'string' && /^[\w.-]+$/.test(v) ? v : show(v);
}

/** Fields whose values are words (the items' enums, dates and owners are known from their description). */
export const WORD_FIELDS = new Set(['owner', 'unit', 'review cadence', 'last review']);

export function fieldText(field: string, b: JsonValue | undefined, a: JsonValue | undefined): string {
  if (field === 'history') {
    const n = (v: JsonValue | undefined) => (Array.isArray(v) ? v.length : 0);
    const latest = (v: JsonValue | undefined) => (Array.isArray(v) && v.length ? (v[v.length - 1] as JsonValue[])[0] : undefined);
    if (n(b) === n(a) && latest(b) === latest(a)) return `history edited (${n(a)} observations)`;
    return `history ${n(b)} → ${n(a)} observations, latest ${showWord(latest(b))} → ${showWord(latest(a))}`;
  }
  const s = WORD_FIELDS.has(field) ? showWord : show;
  return `${field} ${s(b)} → ${s(a)}`;
}

/** A field of an item, old → new, in the words its kind of value reads best in. */
export function itemFieldText(field: string, f: FieldSpec, b: JsonValue | undefined, a: JsonValue | undefined): string {
  switch (f.type) {
    case 'owners':
      return ownersText(b, a);
    case 'enum':
    case 'enums':
      return `${field} ${showWord(b)} → ${showWord(a)}`;
    case 'date': {
      const when = moved(typeof b === 'string' ? b : undefined, typeof a === 'string' ? a : undefined);
      return `${field} ${showWord(b)} → ${showWord(a)}${when ? `, ${when}` : ''}`;
    }
    case 'structure':
      if (f.name === 'baseline') return `baseline ${baselineText(b)} → ${baselineText(a)}`;
      if (f.name === 'measure') return measureText(b, a);
  }
  return fieldText(field, b, a);
}

/** Co-owners in words: who now leads, who joined and who left ("co-owner sre-lead added"). */
export function ownersText(b: JsonValue | undefined, a: JsonValue | undefined): string {
  const list = (v: JsonValue | undefined) => (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
  const lb = list(b);
  const la = list(a);
  if (!lb.length || !la.length || (lb.length === 1 && la.length === 1)) return `owner ${showWord(b)} → ${showWord(a)}`;
  const parts: string[] = [];
  if (lb[0] !== la[0]) parts.push(`lead owner ${lb[0]} → ${la[0]}${la.includes(lb[0]) ? `, ${lb[0]} now co-owner` : ''}`);
  for (const o of la) if (!lb.includes(o) && o !== la[0]) parts.push(`co-owner ${o} added`);
  for (const o of lb) if (!la.includes(o) && o !== lb[0]) parts.push(`co-owner ${o} removed`);
  return parts.length ? parts.join(', ') : `co-owners reordered: ${la.join(', ')}`;
}

/** "99.9", or "99.9 on 2024-12-31" for a dated baseline. */
export function baselineText(v: JsonValue | undefined): string {
  if (v && typeof v === 'object' && !Array.isArray(v)) return `${show(v.value)} on ${showWord(v.date)}`;
  return show(v);
}

/** What a KPI measures, old → new: the parts that changed ("measure stat mean → p90, window month → week"). */
export function measureText(b: JsonValue | undefined, a: JsonValue | undefined): string {
  const parts = (v: JsonValue | undefined) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});
  const pb = parts(b);
  const pa = parts(a);
  const all = (p: { [k: string]: JsonValue }) =>
    Object.entries(p)
      .filter(([, x]) => x !== null)
      .map(([k, x]) => `${k} ${showWord(x)}`)
      .join(', ') || '(none)';
  if (b === undefined || a === undefined) return `measure ${b === undefined ? '(none)' : all(pb)} → ${a === undefined ? '(none)' : all(pa)}`;
  const keys = [...new Set([...Object.keys(pb), ...Object.keys(pa)])].filter((k) => !same(pb[k], pa[k]));
  return `measure ${keys.map((k) => `${k} ${showWord(pb[k])} → ${showWord(pa[k])}`).join(', ')}`;
}

export function same(x: JsonValue | undefined, y: JsonValue | undefined): boolean {
  return JSON.stringify(x) === JSON.stringify(y);
}

export function moved(b: string | undefined, a: string | undefined): string | undefined {
  return b && a && b !== a ? `${dayNumber(a) > dayNumber(b) ? 'later' : 'earlier'} by ${distance(b, a)}` : undefined;
}

/** "3 months", "1 year", "45 days": whole months when the day of the month allows it. */
export function distance(from: string, to: string): string {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  const months = Math.abs(ty * 12 + tm - (fy * 12 + fm));
  const earlier = dayNumber(from) < dayNumber(to) ? from : to;
  const later = earlier === from ? to : from;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  // Month ends count as the same day of the month (03-31 + 3 months = 06-30).
  if (months > 0 && (addMonths(earlier, months) === later || (isMonthEnd(earlier) && isMonthEnd(later)))) {
    return months % 12 === 0 ? plural(months / 12, 'year') : plural(months, 'month');
  }
  return plural(Math.abs(dayNumber(to) - dayNumber(from)), 'day');
}

export function isMonthEnd(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate() === d;
}
