// The outline arrangement of the cascade, for narrow windows (see `layout.ts`): one card per row,
// a child indented under its parent, the other lines in the lanes of a gutter right of the cards.
import { maxOf, minOf } from '../arrays';
import { card, dedupe, header, names, parentIdOf } from './cards';
import { packLanes, portY, resolveEdges } from './lanes';
import type { Net } from './lanes';
import { BAND_GAP, GAP, HEADER_H, INDENT, LANE, MARGIN, MIN_WIDTH, PAD, STUB, bands, foldable } from './layout';
import type { CascadeLayout, Datum, GroupBox, LayoutOptions, NodeBox, RoutedEdge } from './layout';
import type { Cascade, CascadeEdge } from './types';

export function outline(cascade: Cascade, options: LayoutOptions): CascadeLayout {
  const width = Math.max(MIN_WIDTH, Math.floor(options.width ?? 480));
  // The gutter's width depends on how many lanes the lines need, and they on where the cards
  // are, which depends on how wide the cards are: a few rounds settle it.
  let gutter = 0;
  let layout = outlineAt(cascade, options, width, gutter);
  for (let i = 0; i < 3; i++) {
    const need = gutterWidth(layout.lanes);
    if (need <= gutter) break;
    gutter = need;
    layout = outlineAt(cascade, options, width, gutter);
  }
  const { lanes, ...rest } = layout;
  return { ...rest, width: Math.max(rest.width, rest.width - gutter + gutterWidth(lanes)) };
}

function gutterWidth(lanes: number): number {
  return lanes ? STUB + (lanes - 1) * LANE + 8 : 0;
}

function outlineAt(cascade: Cascade, options: LayoutOptions, width: number, gutter: number): CascadeLayout & { lanes: number } {
  const interactive = options.interactive ?? false;
  const { bands: list, anchorOf, folded } = bands(cascade, options);
  const disturbanceName = names(cascade);
  const parentId = parentIdOf(cascade);
  const bandW = width - 2 * MARGIN - gutter;
  const inner = bandW - 2 * PAD;
  const nodes: NodeBox[] = [];
  const groups: GroupBox[] = [];
  const treeParent = new Map<string, { parent: NodeBox; edge: CascadeEdge }>();
  let y = MARGIN;
  for (const band of list) {
    const box: GroupBox = {
      group: band.group,
      collapsed: band.collapsed,
      x: MARGIN,
      y,
      w: bandW,
      h: HEADER_H,
      ...header(band.group, bandW, interactive, parentId(band.group)),
    };
    groups.push(box);
    if (!band.collapsed) {
      let cy = y + HEADER_H + PAD;
      const visit = (d: Datum, level: number, parent: NodeBox | undefined) => {
        let here: NodeBox | undefined;
        if (d.node) {
          const indent = Math.max(0, level) * INDENT;
          here = card(d.node, inner - indent, level, true, { interactive, disturbanceName, folded: folded.get(d.node.key), foldable: foldable(d, folded) });
          here.x = MARGIN + PAD + indent;
          here.y = cy;
          cy += here.h + GAP;
          nodes.push(here);
          if (parent && d.linked) treeParent.set(d.node.key, { parent, edge: d.linked });
        }
        // A stand-in's children take its place: orphans are not drawn as if under the previous card.
        for (const c of d.children) visit(c, d.node ? level + 1 : level, here);
        if (d.node?.kind === 'objective' && d.children.length) cy += GAP / 2;
      };
      visit(band.root, 0, undefined);
      box.h = cy - GAP - y + PAD;
    }
    y += box.h + BAND_GAP;
  }

  const routes = resolveEdges(cascade, nodes, groups, anchorOf);
  const right = MARGIN + bandW;
  const nets = new Map<string, Net>();
  const netOf: (Net | undefined)[] = [];
  const edges: RoutedEdge[] = [];
  for (const r of routes) {
    const t = treeParent.get(r.down.key);
    if (t && t.parent.node.key === r.up.key && t.edge === r.edge) {
      netOf.push(undefined);
      continue;
    }
    const key = `${r.up.key} ${r.edge.kind}`;
    const ys = [portY(r.up), portY(r.down)];
    let net = nets.get(key);
    if (!net) nets.set(key, (net = { gap: 0, key, top: minOf(ys), bottom: maxOf(ys), lane: 0 }));
    net.top = Math.min(net.top, minOf(ys));
    net.bottom = Math.max(net.bottom, maxOf(ys));
    netOf.push(net);
  }
  const lanes = packLanes([...nets.values()]);
  routes.forEach((r, i) => {
    const net = netOf[i];
    const cross = r.up.group !== r.down.group;
    if (!net) {
      // A child under its parent: down the parent's left edge, into the child's left side.
      const p = r.up.box;
      const tx = p.x + INDENT / 2;
      const dy = portY(r.down);
      edges.push({
        edge: r.edge,
        from: r.down.key,
        to: r.up.key,
        points: [
          [tx, p.y + p.h],
          [tx, dy],
          [r.down.box.x, dy],
        ],
        cross,
        tree: true,
      });
      return;
    }
    const lx = right + STUB + net.lane * LANE;
    const uy = portY(r.up);
    const dy = portY(r.down);
    const points: [number, number][] = [
      [r.up.box.x + r.up.box.w, uy],
      [lx, uy],
      [lx, dy],
      [r.down.box.x + r.down.box.w, dy],
    ];
    edges.push({ edge: r.edge, from: r.down.key, to: r.up.key, points: dedupe(points), cross, tree: false });
  });
  return { mode: 'outline', hidden: anchorOf, width, height: Math.max(y - BAND_GAP + MARGIN, 2 * MARGIN), groups, nodes, edges, lanes };
}
