// The editor's re-parse after an edit. An edit inside the lines of list items (a KPI, lever,
// objective or disturbance: one changed, several pasted, one deleted) re-parses just the items
// it touches and moves everything after them in place; a 1,000-KPI scorecard costs a few
// milliseconds instead of the 150-250 ms of a full parse. An edit within one other top-level
// block (the vision, the scorecard's header, the review...) re-parses that block alone. Any edit
// the fast path cannot prove equivalent to a full parse (the tests hold it to one on random
// edits) takes the piecewise full parse of incremental.ts.
import { isMap, isScalar } from 'yaml';
import type { Node as YNode, Pair } from 'yaml';
import { ITEM_LISTS } from '../model/model';
import type { Comment, Item, ItemList, Scorecard } from '../model/model';
import { BLOCK_FIELDS, ModelBuilder } from './build';
import { blockLocator, buildItems, ENTANGLED, layouts, parseForEditing, parseItems, parseSlice, safeToParse } from './incremental';
import { Converter, LIMITS } from './parse';
import type { Parsed } from './parse';
import { changedRange } from './regions';
import type { Block, Layout } from './regions';
import { shiftDeep, shiftItems, shiftLineStarts, shiftSpan } from './shift';
import { pushAll, upperBound, upperBoundBy } from '../arrays';
import type { Replaced, Shift } from './shift';

/**
 * Parses `text`, the next version of `prev`'s text, re-using what the change left alone: the items
 * after the change are moved in place, so `prev` must not be used afterwards. Never throws.
 */
export function reparse(prev: Parsed, text: string): Parsed {
  try {
    return reparsePart(prev, text) ?? parseForEditing(prev.scorecard.uri, text);
  } catch {
    return parseForEditing(prev.scorecard.uri, text);
  }
}

/** The fast path alone: undefined when the change is neither within the items of one list nor within one other top-level block (exported for tests). */
export function reparsePart(prev: Parsed, text: string): Parsed | undefined {
  const layout = layouts.get(prev);
  const old = prev.scorecard.text;
  // The same text (a file indexed from disk, then opened): whatever parse it had still holds.
  if (old === text) return prev;
  if (!layout || text.length > LIMITS.maxBytes) return undefined;
  const { start, oldEnd, newEnd } = changedRange(old, text);
  if (text.slice(start, newEnd).includes('\r')) return undefined;
  const delta = text.length - old.length;

  const bi = upperBoundBy(layout.blocks, start, (b) => b.start) - 1;
  const block = bi >= 0 && oldEnd <= layout.blocks[bi].end ? layout.blocks[bi] : undefined;
  if (!block) return undefined;
  if (!(ITEM_LISTS as readonly string[]).includes(block.key)) return reparseBlock(prev, text, layout, bi, delta);
  if (!block.items) return undefined;
  const { starts, indent } = block.items;
  // The items whose lines hold the change, first to last; a change at the very end of an item's lines is its own.
  let first = upperBound(starts, start) - 1;
  if (first < 0) return undefined;
  const last = Math.max(first, upperBound(starts, oldEnd - 1) - 1);
  const oldRegionEnd = last + 1 < starts.length ? starts[last + 1] : block.end;
  // A region that runs to the end of the file also ends the containers around it, in ways the
  // shifting below does not model; a full parse handles it.
  if (oldRegionEnd === old.length) return undefined;
  const newRegionEnd = oldRegionEnd + delta;
  let newStarts = itemStarts(text.slice(starts[first], newRegionEnd), indent);
  // Items deleted from the end of their list end it earlier, with the item before them: that item
  // is re-parsed too, so that the list's new end is known. A list left empty takes a full parse.
  if (newStarts?.length === 0 && last + 1 === starts.length) {
    if (first === 0) return undefined;
    first--;
    newStarts = itemStarts(text.slice(starts[first], newRegionEnd), indent);
  }
  if (!newStarts) return undefined;
  const regionStart = starts[first];
  const region = text.slice(regionStart, newRegionEnd);
  if ((region && text.charCodeAt(newRegionEnd - 1) !== 10) || ENTANGLED.test(region)) return undefined;

  const newItems = newStarts.length ? parseItems(region, regionStart, newStarts.length) : undefined;
  if (newStarts.length && !newItems) return undefined;
  // Only the last items of a list end where something else ends (the list, and the top-level
  // mapping when the list is its last value); for them the old end is needed, from their old text.
  const atListEnd = last + 1 === starts.length;
  const oldItems = atListEnd ? parseItems(old.slice(regionStart, oldRegionEnd), regionStart, last - first + 1) : undefined;
  if (atListEnd && !oldItems) return undefined;

  const listKey = block.key as ItemList;
  const conv = newItems && new Converter(newItems.doc, text);
  const itemData = newItems ? newItems.nodes.map((n) => conv!.toData(n, 2)) : [];
  if (conv?.depthExceeded || conv?.aliasesExceeded) return undefined;

  // Elsewhere, or with no item left in the region, no span ends with it: the list goes on after it.
  const shift: Shift = { oldEnd: oldRegionEnd, delta, oldItemEnd: oldItems && newItems ? oldItems.end : -1, newItemEnd: newItems?.end ?? -1 };
  const next = movedScorecard(prev.scorecard, text, region, regionStart, shift);
  const fresh: Item[] = newItems && conv ? buildItems(new ModelBuilder(next, conv), listKey, newItems.seq, first) : [];
  moveLists(prev.scorecard, next, shift, regionStart, { key: listKey, first, last, fresh, moved: newStarts.length - (last - first + 1) });
  const data = { ...(prev.data as Record<string, unknown>) };
  const list = data[listKey] as unknown[];
  data[listKey] = [...list.slice(0, first), ...itemData, ...list.slice(last + 1)];
  const moved = starts.slice(last + 1).map((s) => s + delta);
  const items = { indent, starts: [...starts.slice(0, first), ...newStarts.map((s) => s + regionStart), ...moved] };
  return finish(prev, layout, next, { block: { ...block, end: block.end + delta, items }, index: bi, regionStart, shift }, newItems?.comments ?? [], data);
}

/**
 * Where the items of a list start in lines (ending in a newline) that must hold nothing but
 * items: a dash at `indent` starts one, every other content line is deeper, and comments and
 * blank lines may come anywhere after the first dash. Undefined when the lines are anything else.
 */
function itemStarts(region: string, indent: number): number[] | undefined {
  const out: number[] = [];
  let p = 0;
  while (p < region.length) {
    let eol = region.indexOf('\n', p);
    if (eol < 0) eol = region.length;
    let n = p;
    while (n < eol && region.charCodeAt(n) === 32) n++;
    const c = region[n];
    // The region starts where an item starts: on its dash.
    if (p === 0 && (n - p !== indent || c !== '-')) return undefined;
    if (n < eol && c !== '#' && n - p <= indent) {
      if (n - p < indent || c !== '-' || (n + 1 < eol && region[n + 1] !== ' ')) return undefined;
      out.push(p);
    }
    p = eol + 1;
  }
  return out;
}

/** An edit within one top-level block that is not an item list (the vision, the review...): that block re-parsed alone. */
function reparseBlock(prev: Parsed, text: string, layout: Layout, bi: number, delta: number): Parsed | undefined {
  const block = layout.blocks[bi];
  const atEnd = block.end === prev.scorecard.text.length;
  // At the end of the file, the line starts after the region come from the old text's: its last line must end too.
  if (atEnd && !prev.scorecard.text.endsWith('\n')) return undefined;
  const newEnd = block.end + delta;
  const region = text.slice(block.start, newEnd);
  if (!region.endsWith('\n') || ENTANGLED.test(region) || !safeToParse(region)) return undefined;
  // Still one block of the same key: no other line of it may start at the first column, as a
  // key, a dash or a document marker would (regions.ts divides blocks the same way).
  for (let p = region.indexOf('\n') + 1; p > 0 && p < region.length; p = region.indexOf('\n', p) + 1) {
    const c = region[p];
    if (c !== ' ' && c !== '#' && c !== '\n') return undefined;
  }
  const comments: Comment[] = [];
  const doc = parseSlice(text, block.start, newEnd, comments);
  const map = doc?.contents;
  if (!doc || !isMap(map) || map.flow || map.items.length !== 1) return undefined;
  const pair = map.items[0] as Pair<YNode, YNode | null>;
  if (!isScalar(pair.key) || pair.key.value !== block.key || pair.key.range?.[0] !== block.start) return undefined;
  const conv = new Converter(doc, text);
  const value = conv.toData(pair.value, 1);
  if (conv.depthExceeded || conv.aliasesExceeded) return undefined;

  const shift: Shift = { oldEnd: block.end, delta, oldItemEnd: -1, newItemEnd: -1 };
  const next = movedScorecard(prev.scorecard, text, region, block.start, shift);
  moveLists(prev.scorecard, next, shift, block.start, undefined);
  // The block's fields as a full parse sets them: built into an empty scorecard, then taken over, present or not.
  const fields = BLOCK_FIELDS.get(block.key) ?? [];
  if (fields.length) {
    const part: Scorecard = { ...next, objectives: [], kpis: [], levers: [], disturbances: [], correlations: [], polarities: [], comments: [] };
    // Lists start empty, as in a full parse; any other field starts absent.
    for (const f of fields) if (!Array.isArray(part[f])) delete part[f];
    new ModelBuilder(part, conv).build(map);
    const target = next as unknown as Record<string, unknown>;
    for (const f of fields) {
      if (f in part) target[f] = part[f];
      else delete target[f];
    }
  }
  // The block that ends the file ends the top-level mapping too, where its value ends.
  if (atEnd && next.shape) {
    next.shape.span.end = map.range[1];
    next.shape.lastValueEnd = new ModelBuilder(next, conv).shape(map).lastValueEnd;
  }
  const data = { ...(prev.data as Record<string, unknown>) };
  data[block.key] = value;
  const edit = { block: { ...block, end: block.end + delta }, index: bi, regionStart: block.start, shift, rootEnd: atEnd ? map.range[1] : undefined };
  return finish(prev, layout, next, edit, comments, data);
}

/** The scorecard of the new text, every field outside the edited region moved; its item lists and correlations empty. */
function movedScorecard(sc: Scorecard, text: string, region: string, regionStart: number, shift: Shift): Scorecard {
  const next: Scorecard = shiftDeep(
    { ...sc, text: '', lineStarts: [], comments: [], objectives: [], kpis: [], levers: [], disturbances: [], correlations: [] },
    shift,
  );
  next.text = text;
  next.lineStarts = shiftLineStarts(sc.lineStarts, region, regionStart, shift.oldEnd, shift.delta);
  return next;
}

/**
 * The item lists and correlations of `sc` into `next`: those after the edited region moved in
 * place (`sc` is given up for the new parse), the edited items of one list replaced.
 */
function moveLists(sc: Scorecard, next: Scorecard, shift: Shift, regionStart: number, edited: (Replaced & { key: ItemList }) | undefined): void {
  for (const key of ITEM_LISTS) next[key] = shiftItems(sc[key], shift, regionStart, key === edited?.key ? edited : undefined) as never;
  next.correlations = sc.correlations.map((c) => (c.span.start < regionStart ? c : shiftDeep(c, shift)));
}

/**
 * The new parse from the moved model: the comments before the edited region kept, those of its
 * new text, those after it moved; the layout's later blocks moved and the edited one replaced.
 */
function finish(
  prev: Parsed,
  layout: Layout,
  next: Scorecard,
  edit: {
    block: Block;
    index: number;
    regionStart: number;
    shift: Shift;
    /** Where the top-level mapping now ends, when the edit moved its end. */ rootEnd?: number;
  },
  comments: readonly Comment[],
  data: Record<string, unknown>,
): Parsed {
  const { shift: s, regionStart } = edit;
  next.comments = [];
  for (const c of prev.scorecard.comments) if (c.span.start < regionStart) next.comments.push(c);
  pushAll(next.comments, comments);
  for (const c of prev.scorecard.comments)
    if (c.span.start >= s.oldEnd) next.comments.push({ text: c.text, span: { start: c.span.start + s.delta, end: c.span.end + s.delta } });
  const nextLayout: Layout = {
    byKey: layout.byKey,
    root: edit.rootEnd === undefined ? shiftSpan(layout.root, s) : { start: layout.root.start, end: edit.rootEnd },
    blocks: layout.blocks.map((b, j) => {
      if (j < edit.index) return b;
      if (j === edit.index) return edit.block;
      return {
        ...b,
        start: b.start + s.delta,
        end: b.end + s.delta,
        items: b.items && { indent: b.items.indent, starts: b.items.starts.map((x) => x + s.delta) },
      };
    }),
  };
  const out: Parsed = { scorecard: next, syntax: [], limits: [], data, spanAt: blockLocator(next.text, nextLayout) };
  layouts.set(out, nextLayout);
  return out;
}
