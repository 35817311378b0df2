// The editor's re-parse after an edit. An edit inside the lines of list items (a KPI, lever,
// objective or disturbance: one changed, several pasted, one deleted) re-parses just the items
// it touches and moves everything after them in place; a 1,000-KPI scorecard costs a few
// milliseconds instead of the 150-250 ms of a full parse. Any edit the fast path cannot prove
// equivalent to a full parse (test/unit/incremental.test.ts holds it to one on random edits)
// takes the piecewise full parse of incremental.ts.
import { ITEM_LISTS } from '../model/model';
import type { Item, ItemList, Scorecard } from '../model/model';
import { ModelBuilder } from './build';
import { blockLocator, buildItems, ENTANGLED, layouts, parseForEditing, parseItems } from './incremental';
import { Converter, LIMITS } from './parse';
import type { Parsed } from './parse';
import { changedRange } from './regions';
import type { Layout } from './regions';
import { shiftDeep, shiftItems, shiftLineStarts, shiftSpan, upperBound } from './shift';
import type { Shift } from './shift';

/**
 * Parses `text`, the next version of `prev`'s text, re-using what the change left alone: the items
 * after the change are moved in place, so `prev` must not be used afterwards. Never throws.
 */
export function reparse(prev: Parsed, text: string): Parsed {
  try {
    return reparseItems(prev, text) ?? parseForEditing(prev.scorecard.uri, text);
  } catch {
    return parseForEditing(prev.scorecard.uri, text);
  }
}

/** The fast path alone: undefined when the change is not within the items of one list (exported for tests). */
export function reparseItems(prev: Parsed, text: string): Parsed | undefined {
  const layout = layouts.get(prev);
  const old = prev.scorecard.text;
  // The same text (a file indexed from disk, then opened): whatever parse it had still holds.
  if (old === text) return prev;
  if (!layout || text.length > LIMITS.maxBytes) return undefined;
  const { start, oldEnd, newEnd } = changedRange(old, text);
  if (text.slice(start, newEnd).includes('\r')) return undefined;
  const delta = text.length - old.length;

  const bi =
    upperBound(
      layout.blocks.map((b) => b.start),
      start,
    ) - 1;
  const block = bi >= 0 && oldEnd <= layout.blocks[bi].end ? layout.blocks[bi] : undefined;
  // Only the items of the item lists are re-parsed piece by piece (correlations are few: an edit there parses the file).
  if (!block?.items || !(ITEM_LISTS as readonly string[]).includes(block.key)) return undefined;
  const { starts, indent } = block.items;
  // The items whose lines hold the change, first to last; a change at the very end of an item's lines is its own.
  const first = upperBound(starts, start) - 1;
  if (first < 0) return undefined;
  const last = Math.max(first, upperBound(starts, oldEnd - 1) - 1);
  const regionStart = starts[first];
  const oldRegionEnd = last + 1 < starts.length ? starts[last + 1] : block.end;
  // A region that runs to the end of the file also ends the containers around it, in ways the
  // shifting below does not model; a full parse handles it.
  if (oldRegionEnd === old.length) return undefined;
  const newRegionEnd = oldRegionEnd + delta;
  const region = text.slice(regionStart, newRegionEnd);
  const newStarts = itemStarts(region, indent);
  // Items deleted from the end of their list would end the list earlier: a full parse handles it.
  if (!newStarts || (!newStarts.length && last + 1 === starts.length)) return undefined;
  if ((region && text.charCodeAt(newRegionEnd - 1) !== 10) || ENTANGLED.test(region)) return undefined;

  const oldItems = parseItems(old.slice(regionStart, oldRegionEnd), regionStart, last - first + 1);
  const newItems = newStarts.length ? parseItems(region, regionStart, newStarts.length) : undefined;
  if (!oldItems || (newStarts.length && !newItems)) return undefined;

  const listKey = block.key as ItemList;
  const sc = prev.scorecard;
  const lineStartsNew = shiftLineStarts(sc.lineStarts, region, regionStart, oldRegionEnd, delta);
  const conv = newItems && new Converter(newItems.doc, text);
  const itemData = newItems ? newItems.nodes.map((n) => conv!.toData(n, 2)) : [];
  if (conv?.depthExceeded || conv?.aliasesExceeded) return undefined;

  // With no item left in the region, no span ends with it (the list goes on after it).
  const shift: Shift = { oldEnd: oldRegionEnd, delta, oldItemEnd: newItems ? oldItems.end : -1, newItemEnd: newItems?.end ?? -1 };
  const next: Scorecard = shiftDeep(
    { ...sc, text: '', lineStarts: [], comments: [], objectives: [], kpis: [], levers: [], disturbances: [], correlations: [] },
    shift,
  );
  next.text = text;
  next.lineStarts = lineStartsNew;
  const fresh: Item[] = newItems && conv ? buildItems(new ModelBuilder(next, conv), listKey, newItems.seq, first) : [];
  const replaced = { first, last, fresh, moved: newStarts.length - (last - first + 1) };
  // From here on, the items of `prev` move: it is given up for the new parse.
  for (const key of ITEM_LISTS) next[key] = shiftItems(sc[key], shift, regionStart, key === listKey ? replaced : undefined) as never;
  next.correlations = sc.correlations.map((c) => (c.span.start < regionStart ? c : shiftDeep(c, shift)));
  next.comments = [];
  for (const c of sc.comments) if (c.span.start < regionStart) next.comments.push(c);
  for (const c of newItems?.comments ?? []) next.comments.push(c);
  for (const c of sc.comments)
    if (c.span.start >= oldRegionEnd) next.comments.push({ text: c.text, span: { start: c.span.start + delta, end: c.span.end + delta } });

  const data = { ...(prev.data as Record<string, unknown>) };
  const list = data[listKey] as unknown[];
  data[listKey] = [...list.slice(0, first), ...itemData, ...list.slice(last + 1)];

  const nextLayout: Layout = {
    byKey: layout.byKey,
    root: shiftSpan(layout.root, shift),
    blocks: layout.blocks.map((b, j) => {
      if (j < bi) return b;
      if (j > bi)
        return { ...b, start: b.start + delta, end: b.end + delta, items: b.items && { indent: b.items.indent, starts: b.items.starts.map((s) => s + delta) } };
      const moved = starts.slice(last + 1).map((s) => s + delta);
      return { ...b, end: b.end + delta, items: { indent, starts: [...starts.slice(0, first), ...newStarts.map((s) => s + regionStart), ...moved] } };
    }),
  };
  const out: Parsed = { scorecard: next, syntax: [], limits: [], data, spanAt: blockLocator(text, nextLayout) };
  layouts.set(out, nextLayout);
  return out;
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
