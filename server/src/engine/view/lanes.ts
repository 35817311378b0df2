// The lines of the cascade: where each edge leaves and enters its cards, and the lanes in the gaps
// between columns that keep parallel lines apart.
import { indexOf } from './cards';
import { COLUMN, HEADER_H } from './layout';
import type { Box, GroupBox, NodeBox } from './layout';
import type { Cascade, CascadeEdge } from './types';
// ---------------------------------------------------------------- lanes

export interface Net {
  /** The gap (columns) or the gutter (outline) the lane is in. */
  gap: number;
  key: string;
  top: number;
  bottom: number;
  lane: number;
}

/** Packs nets into lanes: two nets share a lane only when their spans are apart. */
export function packLanes(nets: Net[]): number {
  const ends: number[] = [];
  for (const n of [...nets].sort((a, b) => a.top - b.top || a.bottom - b.bottom)) {
    let lane = ends.findIndex((end) => end + 8 < n.top);
    if (lane < 0) lane = ends.push(0) - 1;
    ends[lane] = n.bottom;
    n.lane = lane;
  }
  return ends.length;
}

export interface Anchor {
  key: string;
  box: Box;
  group: string;
  /** The column the anchored item would be in. */
  col: number;
  /** A collapsed scorecard's header: lines end at it from above or below. */
  header: boolean;
}

/** Where lines leave or enter a box: near its top, so that tall cards keep their lines together. */
export function portY(a: Anchor): number {
  return a.box.y + (a.header ? a.box.h / 2 : Math.min(a.box.h / 2, 22));
}

export function resolveEdges(
  cascade: Cascade,
  nodes: NodeBox[],
  groups: GroupBox[],
  anchorOf: ReadonlyMap<string, string>,
): { edge: CascadeEdge; up: Anchor; down: Anchor }[] {
  const { nodeByKey, edgesFrom } = indexOf(cascade);
  const boxOf = new Map<string, Anchor>();
  for (const b of nodes) boxOf.set(b.node.key, { key: b.node.key, box: b, group: b.node.group, col: COLUMN[b.node.kind], header: false });
  const groupBox = new Map(groups.map((g) => [g.group.key, g]));
  const anchor = (key: string): Anchor | undefined => {
    const direct = boxOf.get(key);
    if (direct) return direct;
    const n = nodeByKey.get(key);
    const via = anchorOf.get(key);
    if (!n || !via) return undefined;
    const folded = boxOf.get(via);
    if (folded) return folded;
    const g = groupBox.get(via);
    return g ? { key: g.group.key, box: { x: g.x, y: g.y, w: g.w, h: HEADER_H }, group: g.group.key, col: COLUMN[n.kind], header: true } : undefined;
  };
  const out: { edge: CascadeEdge; up: Anchor; down: Anchor }[] = [];
  const seen = new Set<string>();
  // Only the lines of what is drawn or shown folded: a picture of one scorecard looks at its own.
  const drawn = new Set<string>([...boxOf.keys(), ...anchorOf.keys()]);
  const edges = drawn.size * 4 < cascade.nodes.length ? [...drawn].flatMap((k) => edgesFrom.get(k) ?? []) : cascade.edges;
  for (const e of edges) {
    // Every ref points up the cascade: the named item is upstream of the one that writes it.
    const up = anchor(e.to);
    const down = anchor(e.from);
    if (!up || !down || up.key === down.key) continue;
    const id = `${e.kind} ${up.key} ${down.key}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ edge: e, up, down });
  }
  return out;
}

/** The gap between columns that a line runs in. */
export function gapOf(r: { up: Anchor; down: Anchor }): number {
  return r.down.col >= r.up.col ? r.up.col : r.down.col;
}
