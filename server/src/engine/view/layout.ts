import { hierarchy, tree } from 'd3-hierarchy';
import { maxOf, minOf, pushAll } from '../arrays';
import { card, dedupe, header, indexOf, names, parentIdOf } from './cards';
import { pixels } from './label';
import { gapOf, packLanes, portY, resolveEdges } from './lanes';
import type { Anchor, Net } from './lanes';
import { outline } from './outline';
import type { Cascade, CascadeEdge, CascadeGroup, CascadeNode, NodeKind } from './types';

export { labelBaseline, metaBaseline, plural, STATUS_TEXT, statusText, targetText } from './cards';

// Where the cascade's boxes and lines go. Each scorecard is a band of its own, stacked in cascade
// order. Inside a band the nodes form a tree: each objective under the vision, each KPI under its
// first objective, each lever under the first KPI it moves. Two arrangements of that tree:
//
// - columns, for wide windows: vision, objectives, KPIs and levers in four columns, left to
//   right, every band sharing the same columns; d3-hierarchy's tidy tree gives the rows.
// - outline, for narrow ones: one card per row, a child indented under its parent, the cards as
//   wide as the window allows, so that the text keeps its size at any width.
//
// Lines never cross a card. In columns, every ref joins neighbouring columns (an objective names
// the vision, a KPI an objective, a lever a KPI) or the same column (objectives supporting
// objectives, KPIs contributing to KPIs), so each line runs in one gap between two columns: out
// of the named card's side, along a lane of the gap, into the writer's side. In outline, a child
// hangs from its parent by an elbow on the left, and every other line runs in a lane of a gutter
// right of all the cards. Lines that leave the same card for the same kind of link share a lane
// (a bundle); lanes are packed so that two of them never overlap.

/** Font sizes of the pictures, which the style sheet uses too. */
export const FONT = { label: 12, meta: 11, title: 14, groupMeta: 11 } as const;
/** Line heights of a card's label and of its smaller lines below. */
export const LINE = 15;
export const META = 14;
export const HEADER_H = 46;
/** A card in columns is at least this wide; in outline, cards are as wide as the picture. */
export const CARD_W = 224;
export const CARD_MAX = 280;
/** Room for the text left of a card (the status bar) and right of it. */
export const TEXT_X = 14;
export const TEXT_RIGHT = 10;
/** Room for the findings marker in a card's corner, and for the fold toggle of an objective. */
export const MARKER_ROOM = 26;
export const TOGGLE = 18;
export const PAD = 12;
export const GAP = 10;
export const BAND_GAP = 22;
export const MARGIN = 16;
/** Each level of the outline is indented by this much. */
export const INDENT = 18;
/** Lanes are this far apart; a line leaves a card with a stub this long before its lane. */
export const LANE = 6;
export const STUB = 12;
/** A picture is never laid out narrower than this. */
export const MIN_WIDTH = 300;

export const COLUMN: Record<NodeKind, number> = { vision: 0, objective: 1, kpi: 2, lever: 3 };
export const MAX_LINES: Record<NodeKind, number> = { vision: 4, objective: 3, kpi: 3, lever: 2 };
export const labelPx = pixels(FONT.label, true);
export const metaPx = pixels(FONT.meta);
export const titlePx = pixels(FONT.title, true);

export type LayoutMode = 'columns' | 'outline';

export interface LayoutOptions {
  /** The width to lay out for. Columns when they fit in it, else outline. Default: columns. */
  width?: number;
  /** Forces an arrangement. */
  mode?: LayoutMode;
  /** Keys of scorecards (group keys) and objectives (node keys) shown folded. */
  collapsed?: ReadonlySet<string>;
  /** Keys of the scorecards to draw; default all. */
  only?: ReadonlySet<string>;
  /** Nodes to leave out (a filter); their lines go with them. */
  hide?: (n: CascadeNode) => boolean;
  /** The webview's picture: room for the fold toggles. */
  interactive?: boolean;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A line below a card's label: plain text, or the disturbances of a KPI (each one clickable). */
export type MetaLine = { text: string } | { dist: { key: string; text: string }[]; more: number };

export interface NodeBox extends Box {
  node: CascadeNode;
  /** The label, wrapped. */
  lines: string[];
  meta: MetaLine[];
  /** Steps of indentation in outline; the column in columns. */
  level: number;
  /** An objective whose KPIs and levers are folded away: how many of each. */
  folded?: { kpis: number; levers: number };
  /** Whether the objective has anything to fold (draws a toggle in the webview). */
  foldable: boolean;
}

export interface GroupBox extends Box {
  group: CascadeGroup;
  collapsed: boolean;
  title: string;
  meta: string;
}

export interface RoutedEdge {
  edge: CascadeEdge;
  /** Keys of what the line joins: nodes, or a folded objective, or a collapsed scorecard. */
  from: string;
  to: string;
  /** The corners of the line, from the named item (`to`) to the writer (`from`). */
  points: [number, number][];
  /** Joins two scorecards. */
  cross: boolean;
  /** The line of a child to its parent in the outline (an elbow on the left). */
  tree: boolean;
}

export interface CascadeLayout {
  mode: LayoutMode;
  /** Nodes not drawn, and the key of what shows them: their folded objective or collapsed scorecard. */
  hidden: ReadonlyMap<string, string>;
  width: number;
  height: number;
  groups: GroupBox[];
  nodes: NodeBox[];
  edges: RoutedEdge[];
}

export interface Datum {
  node?: CascadeNode;
  box?: NodeBox;
  children: Datum[];
  /** Hangs from its parent by a ref (not only by being in the same band). */
  linked?: CascadeEdge;
}

interface Band {
  group: CascadeGroup;
  root: Datum;
  collapsed: boolean;
}

/** The width columns need: four cards of the narrowest width and the gaps their lanes take. */
export function columnsWidth(cascade: Cascade, options: LayoutOptions = {}): number {
  return layoutCascade(cascade, { ...options, mode: 'columns', width: undefined }).width;
}

/** Lays out the cascade. */
export function layoutCascade(cascade: Cascade, options: LayoutOptions = {}): CascadeLayout {
  if (options.mode === 'outline') return outline(cascade, options);
  const columns = columnsLayout(cascade, options, CARD_W);
  if (options.mode === 'columns' || options.width === undefined) return columns;
  if (columns.width > options.width) return outline(cascade, options);
  // Wider than needed: wider cards, up to a limit.
  const cols = new Set(columns.nodes.map((n) => n.level)).size || 1;
  const card = Math.min(CARD_MAX, CARD_W + Math.floor((options.width - columns.width) / cols));
  return card > CARD_W ? columnsLayout(cascade, options, card) : columns;
}

// ---------------------------------------------------------------- the tree of each band

export function bands(
  cascade: Cascade,
  options: LayoutOptions,
): { bands: Band[]; anchorOf: Map<string, string>; folded: Map<string, { kpis: number; levers: number }> } {
  const collapsed = options.collapsed ?? new Set<string>();
  const { byGroup, edgesFrom } = indexOf(cascade);
  /** Where a node that is not drawn is shown instead: its folded objective or its collapsed scorecard. */
  const anchorOf = new Map<string, string>();
  const folded = new Map<string, { kpis: number; levers: number }>();
  const out: Band[] = [];
  for (const g of cascade.groups) {
    if (options.only && !options.only.has(g.key)) continue;
    const members = (byGroup.get(g.key) ?? []).filter((n) => !options.hide?.(n));
    const isCollapsed = collapsed.has(g.key) || members.length === 0;
    const datum = new Map<string, Datum>();
    for (const n of members) datum.set(n.key, { node: n, children: [] });
    const firstTarget = (from: string, kinds: readonly string[], kind: NodeKind) => {
      for (const e of edgesFrom.get(from) ?? []) {
        if (!kinds.includes(e.kind)) continue;
        const t = datum.get(e.to);
        if (t?.node?.kind === kind) return { t, e };
      }
      return undefined;
    };
    const vision = members.find((n) => n.kind === 'vision');
    const root: Datum = vision ? datum.get(vision.key)! : { children: [] };
    // Orphans (a KPI with no objective in its own scorecard, a lever that moves no KPI of it) hang
    // off invisible stand-ins, so that every node stays in its own column.
    let ghostObjective: Datum | undefined;
    let ghostKpi: Datum | undefined;
    const orphanObjective = () => {
      if (!ghostObjective) root.children.push((ghostObjective = { children: [] }));
      return ghostObjective;
    };
    const orphanKpi = () => {
      if (!ghostKpi) orphanObjective().children.push((ghostKpi = { children: [] }));
      return ghostKpi;
    };
    for (const n of members) {
      const d = datum.get(n.key)!;
      if (n.kind === 'objective') {
        const e = vision ? (edgesFrom.get(n.key) ?? []).find((x) => x.kind === 'supports' && x.to === vision.key) : undefined;
        if (e) d.linked = e;
        root.children.push(d);
      } else if (n.kind === 'kpi') {
        const p = firstTarget(n.key, ['objective'], 'objective');
        if (p) d.linked = p.e;
        (p?.t ?? orphanObjective()).children.push(d);
      } else if (n.kind === 'lever') {
        const p = firstTarget(n.key, ['improves', 'worsens'], 'kpi');
        if (p) d.linked = p.e;
        (p?.t ?? orphanKpi()).children.push(d);
      }
    }
    // Ghosts come last among their siblings, below the nodes that have a place in the tree.
    if (ghostObjective) pushAll(root.children, root.children.splice(root.children.indexOf(ghostObjective), 1));
    // A folded objective keeps its card; what hangs below it is shown by it.
    for (const d of root.children) {
      if (!d.node || !collapsed.has(d.node.key) || !d.children.length) continue;
      const count = { kpis: 0, levers: 0 };
      const hide = (x: Datum) => {
        for (const c of x.children) {
          if (c.node) {
            anchorOf.set(c.node.key, d.node!.key);
            if (c.node.kind === 'kpi') count.kpis++;
            else count.levers++;
          }
          hide(c);
        }
      };
      hide(d);
      folded.set(d.node.key, count);
      d.children = [];
    }
    if (isCollapsed) for (const n of members) anchorOf.set(n.key, g.key);
    out.push({ group: g, root, collapsed: isCollapsed });
  }
  return { bands: out, anchorOf, folded };
}

// ---------------------------------------------------------------- columns

function columnsLayout(cascade: Cascade, options: LayoutOptions, cardW: number): CascadeLayout {
  const interactive = options.interactive ?? false;
  const { bands: list, anchorOf, folded } = bands(cascade, options);
  const disturbanceName = names(cascade);
  const nodes: NodeBox[] = [];
  const groups: GroupBox[] = [];
  // Rows first (they do not depend on where the columns are), then the lanes, then the columns.
  let y = MARGIN;
  const placed: { band: Band; box: GroupBox; top: number; cards: NodeBox[] }[] = [];
  for (const band of list) {
    const box: GroupBox = { group: band.group, collapsed: band.collapsed, x: MARGIN, y, w: 0, h: HEADER_H, title: '', meta: '' };
    const cards: NodeBox[] = [];
    if (!band.collapsed) {
      const size = (d: Datum) => {
        if (d.node)
          d.box = card(d.node, cardW, COLUMN[d.node.kind], false, {
            interactive,
            disturbanceName,
            folded: folded.get(d.node.key),
            foldable: foldable(d, folded),
          });
        for (const c of d.children) size(c);
      };
      size(band.root);
      const laid = tree<Datum>()
        .nodeSize([1, 1])
        .separation((a, b) => (height(a.data) + height(b.data)) / 2 + (a.parent === b.parent ? GAP : 2 * GAP))(hierarchy(band.root, (d) => d.children));
      laid.each((p) => {
        if (p.data.box) {
          p.data.box.y = Math.round(p.x - p.data.box.h / 2);
          cards.push(p.data.box);
        }
      });
      const top = minOf(cards.map((c) => c.y));
      for (const c of cards) c.y += y + HEADER_H + PAD - top;
      const bottom = maxOf(cards.map((c) => c.y + c.h));
      box.h = bottom - y + PAD;
    }
    groups.push(box);
    placed.push({ band, box, top: y, cards });
    pushAll(nodes, cards);
    y += box.h + BAND_GAP;
  }

  // Which columns are in the picture.
  const routes = resolveEdges(cascade, nodes, groups, anchorOf);
  const used = new Set<number>(nodes.map((n) => n.level));
  for (const r of routes) used.add(r.up.col).add(r.down.col);
  if (!used.size) used.add(1);
  const cols = [...used].sort((a, b) => a - b);
  const first = cols[0];
  const last = cols[cols.length - 1];

  // Lanes: one net per (gap, named item, kind); the gap is right of the named item's column.
  const nets = new Map<string, Net>();
  const netOf: Net[] = [];
  for (const r of routes) {
    const gap = gapOf(r);
    const key = `${gap} ${r.up.key} ${r.edge.kind}`;
    const ys = [portY(r.up), portY(r.down)];
    let net = nets.get(key);
    if (!net) nets.set(key, (net = { gap, key, top: minOf(ys), bottom: maxOf(ys), lane: 0 }));
    net.top = Math.min(net.top, minOf(ys));
    net.bottom = Math.max(net.bottom, maxOf(ys));
    netOf.push(net);
  }
  const lanes = new Map<number, number>();
  for (let c = first; c <= last; c++) lanes.set(c, packLanes([...nets.values()].filter((n) => n.gap === c)));
  const gapWidth = (c: number) => Math.max(44, 2 * STUB + Math.max(0, (lanes.get(c) ?? 0) - 1) * LANE);
  const colX = new Map<number, number>();
  let x = MARGIN + PAD;
  for (let c = first; c <= last; c++) {
    colX.set(c, x);
    x += cardW + (c < last || (lanes.get(c) ?? 0) > 0 ? gapWidth(c) : 0);
  }
  const right = x + PAD;
  const width = right + MARGIN;
  for (const n of nodes) n.x = colX.get(n.level)!;
  const parentId = parentIdOf(cascade);
  for (const p of placed) {
    p.box.w = right - MARGIN;
    Object.assign(p.box, header(p.band.group, p.box.w, interactive, parentId(p.band.group)));
  }

  const edges: RoutedEdge[] = routes.map((r, i) => {
    const net = netOf[i];
    const lx = colX.get(net.gap)! + cardW + STUB + net.lane * LANE;
    const uy = portY(r.up);
    const dy = portY(r.down);
    // Out of the side of the named item that faces the gap, into the side of the writer that
    // faces it; a collapsed scorecard's header is reached from above or below, under it.
    const side = (a: Anchor): number => (a.col <= net.gap ? a.box.x + a.box.w : a.box.x);
    const points: [number, number][] = [];
    points.push(r.up.header ? [lx, uy] : [side(r.up), uy], [lx, uy], [lx, dy]);
    if (!r.down.header) points.push([side(r.down), dy]);
    return { edge: r.edge, from: r.down.key, to: r.up.key, points: dedupe(points), cross: r.up.group !== r.down.group, tree: false };
  });
  return { mode: 'columns', hidden: anchorOf, width, height: Math.max(y - BAND_GAP + MARGIN, 2 * MARGIN), groups, nodes, edges };
}

/**
 * The gap a line runs in: right of the named item's column when the writer is in that column or
 * the next (the refs of the format), else right of the writer's (a folded objective standing for
 * a KPI or lever under it).
 */
function height(d: Datum): number {
  return d.box?.h ?? 0;
}

export function foldable(d: Datum, folded: ReadonlyMap<string, unknown>): boolean {
  return d.node?.kind === 'objective' && (d.children.length > 0 || folded.has(d.node.key));
}
