// Moving the model after an edit: every span, line start and item after the edited region moves
// by the edit's length, in place (see shiftItem).
import { fieldsOf } from '../model/model';
import type { Item, MapShape, Val } from '../model/model';
import type { Span } from '../types';
import { pushAll, upperBound } from '../arrays';

/** Line starts of the new text: unchanged before the item, scanned inside it, moved after it. */
export function shiftLineStarts(starts: readonly number[], region: string, regionStart: number, oldRegionEnd: number, delta: number): number[] {
  const out = starts.slice(0, upperBound(starts, regionStart));
  for (let p = region.indexOf('\n'); p !== -1 && p + 1 < region.length; p = region.indexOf('\n', p + 1)) out.push(regionStart + p + 1);
  for (let k = upperBound(starts, oldRegionEnd - 1); k < starts.length; k++) out.push(starts[k] + delta);
  return out;
}

/**
 * How positions outside the re-parsed item move. Starts before the end of the item's old lines
 * stay (the lines before it are unchanged, and so is its dash); an end at the old end of the item
 * (a list or the whole mapping that closes with it) becomes the item's new end; the rest moves by
 * the change in length.
 */
export interface Shift {
  oldEnd: number;
  delta: number;
  oldItemEnd: number;
  newItemEnd: number;
}

export function shiftSpan(span: Span, s: Shift): Span {
  return {
    start: span.start < s.oldEnd ? span.start : span.start + s.delta,
    end: span.end === s.oldItemEnd ? s.newItemEnd : span.end < s.oldEnd ? span.end : span.end + s.delta,
  };
}

/** A copy of model data with every span (and a MapShape's `lastValueEnd`) moved; primitives and key order kept. */
export function shiftDeep<T>(value: T, s: Shift): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array<unknown>(value.length);
    for (let k = 0; k < value.length; k++) out[k] = shiftDeep(value[k], s);
    return out as T;
  }
  if (value instanceof Map) {
    const out = new Map();
    value.forEach((v, k) => out.set(k, shiftDeep(v, s)));
    return out as T;
  }
  const o = value as Record<string, unknown>;
  if (typeof o.start === 'number' && typeof o.end === 'number') return shiftSpan(o as unknown as Span, s) as T;
  const out = { ...o };
  for (const k in out) out[k] = shiftDeep(out[k], s);
  if (typeof out.lastValueEnd === 'number') out.lastValueEnd = shiftSpan({ start: out.lastValueEnd, end: out.lastValueEnd }, s).end;
  return out as T;
}

/**
 * Moves an item of the model in place, spans included. Shifting every item after an edit is most
 * of the work of an incremental parse; moving in place allocates nothing and keeps each item's
 * identity, so what a rule derives from an item stays valid across edits elsewhere. No span is
 * shared by two fields of the model and findings copy the spans they report (see lint.ts), so
 * nothing moves twice and no finding of the previous text moves. It goes field by field as
 * model.ts describes the item; test/unit/incremental.test.ts checks that it moves every span of a
 * fully populated item.
 */
export function shiftItem(it: Item, s: Shift): void {
  move(it.idSpan, s);
  move(it.span, s);
  moveShape(it.shape, s);
  const fields = it as unknown as Record<string, unknown>;
  for (const [key, f] of fieldsOf(it.kind)) {
    const v = fields[key];
    if (v === undefined) continue;
    switch (f.type) {
      case 'text':
      case 'number':
      case 'date':
      case 'enum':
        move((v as Val<unknown>).span, s);
        break;
      case 'enums':
      case 'refs':
      case 'owners':
        for (const x of v as { span: Span }[]) move(x.span, s);
        break;
      case 'structures':
        for (const x of v as Record<string, unknown>[]) moveStructure(x, s);
        break;
      case 'observations': {
        // Observations carry no spans (a long history would cost memory); their list does.
        const span = fields[`${key}Span`] as Span | undefined;
        if (span) move(span, s);
        break;
      }
      case 'structure':
        // A baseline written as a plain number is a value with its span, like any other.
        moveStructure(v as Record<string, unknown>, s);
        break;
    }
  }
}

/** A mapping of the model (a target, thresholds, a data file): its span, its shape and every value in it. */
function moveStructure(o: Record<string, unknown>, s: Shift): void {
  for (const v of Object.values(o)) {
    if (!v || typeof v !== 'object') continue;
    if ('lastValueEnd' in v) moveShape(v as MapShape, s);
    else if ('start' in v) move(v as Span, s);
    else if ('span' in v) move((v as { span: Span }).span, s);
  }
}

function move(span: Span, s: Shift): void {
  span.end = span.end === s.oldItemEnd ? s.newItemEnd : span.end < s.oldEnd ? span.end : span.end + s.delta;
  span.start = span.start < s.oldEnd ? span.start : span.start + s.delta;
}

function moveShape(m: MapShape, s: Shift): void {
  move(m.span, s);
  m.lastValueEnd = shiftSpan({ start: m.lastValueEnd, end: m.lastValueEnd }, s).end;
}

/** Items `first` to `last` of a list replaced by `fresh`; the items after them move by `moved` places. */
export interface Replaced {
  first: number;
  last: number;
  fresh: readonly Item[];
  moved: number;
}

/** The items of one list: those before the change kept, the edited ones replaced, later ones moved. */
export function shiftItems(items: readonly Item[], s: Shift, regionStart: number, replaced: Replaced | undefined): Item[] {
  const out: Item[] = [];
  let placed = !replaced;
  for (const it of items) {
    if (replaced && it.index >= replaced.first && it.index <= replaced.last) continue;
    if (replaced && !placed && it.index > replaced.last) {
      pushAll(out, replaced.fresh);
      placed = true;
    }
    if (it.span.start >= regionStart) shiftItem(it, s);
    if (replaced && it.index > replaced.last) it.index += replaced.moved;
    out.push(it);
  }
  if (!placed) pushAll(out, replaced!.fresh);
  return out;
}
