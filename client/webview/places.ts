// Where things are in the preview: the source range of every drawn item, the item at the editor's
// cursor, and how far the picture may be panned. Pure: no DOM.
import { polarityKey } from '../../server/src/engine/view/render-wheel';
import type { SourceRange, ViewModel } from '../../server/src/engine/view/types';

/** The source range of every item the preview draws, by its key. */
export function sourceRanges(m: ViewModel): Map<string, SourceRange> {
  const ranges = new Map<string, SourceRange>();
  for (const g of m.cascade.groups) ranges.set(g.key, g);
  for (const n of m.cascade.nodes) ranges.set(n.key, n);
  for (const d of m.cascade.disturbances) ranges.set(d.key, d);
  for (const w of m.wheels) {
    // A polarity without an assessment is not in the text: a click shows the wheel's place, the cursor never finds it.
    for (const p of w.polarities) ranges.set(polarityKey(w, p), { uri: w.uri, span: p.span ?? { start: -1, end: -1 }, select: p.span ?? w.select });
  }
  return ranges;
}

/** The key of the innermost range of the cursor's document that holds the cursor. */
export function innermostAt(ranges: ReadonlyMap<string, SourceRange>, cursor: { uri: string; offset: number }): string | undefined {
  let best: string | undefined;
  let size = Infinity;
  for (const [key, r] of ranges) {
    if (r.uri !== cursor.uri || cursor.offset < r.span.start || cursor.offset > r.span.end) continue;
    if (r.span.end - r.span.start < size) {
      best = key;
      size = r.span.end - r.span.start;
    }
  }
  return best;
}

/** A pan and zoom kept inside the picture: a picture smaller than the stage is centred across and kept at the top. */
export function clampTo(
  t: { x: number; y: number; k: number },
  picture: { width: number; height: number },
  sw: number,
  sh: number,
): { x: number; y: number; k: number } {
  const w = picture.width * t.k;
  const hgt = picture.height * t.k;
  const x = w <= sw ? (sw - w) / 2 : Math.min(0, Math.max(sw - w, t.x));
  const y = hgt <= sh ? 0 : Math.min(0, Math.max(sh - hgt, t.y));
  return { x: Math.round(x), y: Math.round(y), k: t.k };
}

/** Keys of the scorecards to fold so that the focused one shows with its parent and children. */
export function aroundFocus(m: ViewModel): string[] {
  const focus = m.cascade.groups.find((g) => g.key === m.focus);
  if (!focus) {
    // No scorecard to start from: the tops of the cascade and the scorecards right below them.
    const tops = new Set(m.cascade.groups.filter((g) => g.depth === 0).map((g) => g.key));
    return m.cascade.groups.filter((g) => !tops.has(g.key) && !(g.parent && tops.has(g.parent))).map((g) => g.key);
  }
  const open = new Set([focus.key, ...(focus.parent ? [focus.parent] : []), ...m.cascade.groups.filter((g) => g.parent === focus.key).map((g) => g.key)]);
  return m.cascade.groups.filter((g) => !open.has(g.key)).map((g) => g.key);
}
