import { hierarchy, tree } from 'd3-hierarchy';
import { clip, display, wrap } from './label';
import type { Cascade, CascadeEdge, CascadeGroup, CascadeNode, NodeKind } from './types';
import { maxOf, minOf, pushAll } from '../arrays';

// Where the cascade's boxes go. Each scorecard is a band of its own, stacked in cascade order;
// inside a band, vision, objectives, KPIs and levers are columns, left to right, and the band
// starts one column further right per step down the cascade, so that a team's objectives sit
// right of the objectives they support. Within a band the nodes form a tree (each KPI under
// its first objective, each lever under the first KPI it moves), which d3-hierarchy's tidy tree
// lays out; the other links are drawn as extra edges.

export const CARD_W = 220;
export const COL = 280;
const PAD = 14;
export const HEADER_H = 46;
const GAP = 12;
const BAND_GAP = 28;
const MARGIN = 28;
/** Line heights of a card's label and of its smaller lines below. */
export const LINE = 15;
export const META = 14;
/** Characters per line, from the card width and the font sizes in the style sheets. */
export const LABEL_CHARS = 27;
export const META_CHARS = 33;

const COLUMN: Record<NodeKind, number> = { vision: 0, objective: 1, kpi: 2, lever: 3 };
const MAX_LINES: Record<NodeKind, number> = { vision: 4, objective: 3, kpi: 3, lever: 2 };
/** Lines below the label: kind and id, or owner, target and status. */
const META_LINES: Record<NodeKind, number> = { vision: 1, objective: 1, kpi: 3, lever: 1 };

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface NodeBox extends Box {
  node: CascadeNode;
  /** The label, wrapped. */
  lines: string[];
}

export interface GroupBox extends Box {
  group: CascadeGroup;
  collapsed: boolean;
}

export interface CascadeLayout {
  width: number;
  height: number;
  groups: GroupBox[];
  nodes: NodeBox[];
}

function cardHeight(n: CascadeNode, lines: number): number {
  const extra = n.kpi?.disturbances.length ? 1 : 0;
  return 10 + lines * LINE + (META_LINES[n.kind] + extra) * META + 8;
}

/** The label, wrapped; the first line leaves room for the findings badge in the corner. */
function labelLines(n: CascadeNode): string[] {
  return wrap(display(n.label), LABEL_CHARS, MAX_LINES[n.kind], n.worst ? LABEL_CHARS - 4 : LABEL_CHARS);
}

interface TreeDatum {
  node?: NodeBox;
  children: TreeDatum[];
}

/** Lays out the cascade; groups whose keys are in `collapsed` show their header only. */
export function layoutCascade(cascade: Cascade, collapsed: ReadonlySet<string> = new Set()): CascadeLayout {
  const byGroup = groupBy(cascade.nodes, (n) => n.group);
  const edgesFrom = groupBy(cascade.edges, (e) => e.from);
  const groups: GroupBox[] = [];
  const nodes: NodeBox[] = [];
  let y = MARGIN;
  let width = 0;
  for (const g of cascade.groups) {
    const members = byGroup.get(g.key) ?? [];
    const isCollapsed = collapsed.has(g.key) || members.length === 0;
    const firstCol = g.depth + (members.some((n) => n.kind === 'vision') ? 0 : 1);
    const x0 = MARGIN + firstCol * COL;
    if (isCollapsed) {
      const box: GroupBox = { group: g, collapsed: true, x: x0 - PAD, y, w: CARD_W + COL + 2 * PAD, h: HEADER_H + PAD };
      groups.push(box);
      y += box.h + BAND_GAP;
      width = Math.max(width, box.x + box.w);
      continue;
    }
    const placed = layoutBand(g, members, edgesFrom);
    const top = minOf(placed.map((p) => p.y));
    const bottom = maxOf(placed.map((p) => p.y + p.h));
    const right = Math.max(maxOf(placed.map((p) => p.x + p.w)), x0 + CARD_W + COL);
    for (const p of placed) {
      p.y += y + HEADER_H + PAD - top;
      nodes.push(p);
    }
    const box: GroupBox = { group: g, collapsed: false, x: x0 - PAD, y, w: right - x0 + 2 * PAD, h: HEADER_H + PAD + (bottom - top) + PAD };
    groups.push(box);
    y += box.h + BAND_GAP;
    width = Math.max(width, box.x + box.w);
  }
  return { width: width + MARGIN, height: Math.max(y - BAND_GAP + MARGIN, 2 * MARGIN), groups, nodes };
}

/** The nodes of one band, with x from their column and y from the tidy tree (relative). */
function layoutBand(g: CascadeGroup, members: CascadeNode[], edgesFrom: ReadonlyMap<string, CascadeEdge[]>): NodeBox[] {
  const box = (n: CascadeNode): NodeBox => {
    const lines = labelLines(n);
    return { node: n, lines, x: MARGIN + (g.depth + COLUMN[n.kind]) * COL, y: 0, w: CARD_W, h: cardHeight(n, lines.length) };
  };
  const datum = new Map<string, TreeDatum>();
  for (const n of members) datum.set(n.key, { node: box(n), children: [] });
  const firstTarget = (from: string, kinds: readonly string[], kind: NodeKind) => {
    for (const e of edgesFrom.get(from) ?? []) {
      if (!kinds.includes(e.kind)) continue;
      const t = datum.get(e.to);
      if (t?.node?.node.kind === kind) return t;
    }
    return undefined;
  };
  const vision = members.find((n) => n.kind === 'vision');
  const root: TreeDatum = vision ? datum.get(vision.key)! : { children: [] };
  // Orphans (a KPI with no objective in its own scorecard, a lever that moves no KPI of it) hang
  // off invisible stand-ins, so that every node stays in its own column.
  let ghostObjective: TreeDatum | undefined;
  let ghostKpi: TreeDatum | undefined;
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
    if (n.kind === 'objective') root.children.push(d);
    else if (n.kind === 'kpi') (firstTarget(n.key, ['objective'], 'objective') ?? orphanObjective()).children.push(d);
    else if (n.kind === 'lever') (firstTarget(n.key, ['improves', 'worsens'], 'kpi') ?? orphanKpi()).children.push(d);
  }
  // Ghosts come last among their siblings, below the nodes that have a place in the tree.
  if (ghostObjective) pushAll(root.children, root.children.splice(root.children.indexOf(ghostObjective), 1));

  const height = (d: TreeDatum) => d.node?.h ?? 0;
  const laid = tree<TreeDatum>()
    .nodeSize([1, COL])
    .separation((a, b) => (height(a.data) + height(b.data)) / 2 + (a.parent === b.parent ? GAP : 2 * GAP))(hierarchy(root, (d) => d.children));
  const out: NodeBox[] = [];
  laid.each((p) => {
    const b = p.data.node;
    if (!b) return;
    b.y = Math.round(p.x - b.h / 2);
    out.push(b);
  });
  return out;
}

/** The header's text, fitted to the band's width. */
export function headerText(box: GroupBox): { title: string; meta: string } {
  const g = box.group;
  const chars = Math.floor((box.w - 56) / 7.5);
  const c = g.counts;
  const counts = [plural(c.objectives, 'objective'), plural(c.kpis, 'KPI'), plural(c.levers, 'lever'), c.disturbances ? plural(c.disturbances, 'disturbance') : '']
    .filter(Boolean)
    .join(', ');
  const who = [g.id, g.owner ? `owner ${g.owner}` : ''].filter(Boolean).map((s) => display(s!));
  return { title: clip(display(g.title), chars), meta: clip([...who, counts].join(' · '), Math.floor(chars * 1.2)) };
}

export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = out.get(k);
    if (list) list.push(it);
    else out.set(k, [it]);
  }
  return out;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
