import { linkHorizontal } from 'd3-shape';
import type { Severity } from '../types';
import { El, el, txt } from './el';
import { clip, display, width } from './label';
import { Box, CARD_W, CascadeLayout, GroupBox, HEADER_H, headerText, layoutCascade, LINE, META, META_CHARS, NodeBox, plural } from './layout';
import type { Cascade, CascadeEdge, CascadeNode, DisturbanceView, FindingView, Status } from './types';
import { pushAll } from '../arrays';

export const SVG_NS = 'http://www.w3.org/2000/svg';

export interface CascadeRenderOptions {
  /** The webview's picture: keyboard focus, collapse toggles. Exports are not interactive. */
  interactive?: boolean;
  /** Keys of the groups drawn as their header only (the webview's choice; exports collapse nothing). */
  collapsed?: ReadonlySet<string>;
}

export const STATUS_TEXT: Record<Status, string> = { ok: 'on track', warn: 'at risk', alert: 'off track', unknown: 'status unknown' };
const EDGE_TEXT: Record<CascadeEdge['kind'], string> = {
  supports: 'supports',
  objective: 'measures',
  contributes: 'contributes to',
  improves: 'improves',
  worsens: 'worsens',
};
const KIND_TEXT: Record<CascadeNode['kind'], string> = { vision: 'Vision', objective: 'Objective', kpi: 'KPI', lever: 'Lever' };

export function renderCascade(cascade: Cascade, options: CascadeRenderOptions = {}): { svg: El; layout: CascadeLayout } {
  const layout = layoutCascade(cascade, options.collapsed);
  const interactive = options.interactive ?? false;
  const boxOf = new Map<string, Box>();
  for (const n of layout.nodes) boxOf.set(n.node.key, n);
  const collapsedBox = new Map<string, GroupBox>();
  for (const g of layout.groups) if (g.collapsed) collapsedBox.set(g.group.key, g);
  const nodeByKey = new Map(cascade.nodes.map((n) => [n.key, n]));
  const disturbanceByKey = new Map(cascade.disturbances.map((d) => [d.key, d]));
  // A node inside a collapsed group is drawn as that group's box.
  const anchor = (key: string): Box | undefined => {
    const n = nodeByKey.get(key);
    return boxOf.get(key) ?? (n ? collapsedBox.get(n.group) : undefined);
  };

  const edges: El[] = [];
  const drawn = new Set<string>();
  for (const e of cascade.edges) {
    // Every ref points up the cascade, so the named item is drawn upstream (left) of the writer.
    const up = anchor(e.to);
    const down = anchor(e.from);
    if (!up || !down || up === down) continue;
    const id = `${e.kind} ${up.x},${up.y} ${down.x},${down.y}`;
    if (drawn.has(id)) continue;
    drawn.add(id);
    const title = `${nameOf(nodeByKey.get(e.from)!)} ${EDGE_TEXT[e.kind]} ${nameOf(nodeByKey.get(e.to)!)}${e.level ? ` (${e.level})` : ''}`;
    edges.push(
      el('path', { class: `kl-edge kl-edge-${e.kind}${e.level ? ` kl-level-${e.level}` : ''}`, d: edgePath(up, down) }, [txt('title', {}, title)]),
    );
  }

  const svg = el('svg', { xmlns: SVG_NS, class: 'kl-cascade', width: layout.width, height: layout.height, viewBox: `0 0 ${layout.width} ${layout.height}`, role: 'img', 'aria-label': 'KPI cascade' }, [
    el('g', { class: 'kl-viewport' }, [
      el('g', { class: 'kl-groups' }, layout.groups.map((g) => groupEl(g, interactive))),
      el('g', { class: 'kl-edges' }, edges),
      el('g', { class: 'kl-nodes' }, layout.nodes.map((n) => nodeEl(n, disturbanceByKey, interactive))),
    ]),
  ]);
  return { svg, layout };
}

function nameOf(n: CascadeNode): string {
  return `${KIND_TEXT[n.kind]} "${display(n.label)}"`;
}

const link = linkHorizontal();

/** A curve from the right side of the upstream box to the left side of the downstream one. */
function edgePath(up: Box, down: Box): string {
  const ux = up.x + up.w;
  const uy = up.y + Math.min(up.h / 2, 24);
  const dy = down.y + Math.min(down.h / 2, 24);
  if (down.x >= ux + 16) return link({ source: [ux, uy], target: [down.x, dy] }) ?? '';
  // Boxes in the same column (sibling scorecards) are joined on their right sides, bulging outwards.
  const dx = down.x + down.w;
  const out = Math.max(ux, dx) + 48;
  return `M${ux},${uy}C${out},${uy} ${out},${dy} ${dx},${dy}`;
}

function findingLines(findings: readonly FindingView[], where?: string): string[] {
  if (!findings.length) return [];
  return ['', `${plural(findings.length, 'finding')}${where ? ` ${where}` : ''}:`, ...findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.rule}: ${display(f.message)}`)];
}

/** The worst severity as a shape (colour alone is not enough), with the number of findings. */
export function marker(worst: Severity | undefined, count: number, x: number, y: number): El | undefined {
  if (!worst) return undefined;
  const shape =
    worst === 'error'
      ? el('circle', { r: 8 })
      : worst === 'warning'
        ? el('path', { d: 'M0,-9L9,7H-9Z' })
        : worst === 'info'
          ? el('rect', { x: -7.5, y: -7.5, width: 15, height: 15, rx: 2 })
          : el('path', { d: 'M0,-8L8,0L0,8L-8,0Z' });
  return el('g', { class: `kl-marker kl-sev-${worst}`, transform: `translate(${x},${y})` }, [shape, txt('text', { class: 'kl-marker-count', 'text-anchor': 'middle', y: 3.5 }, String(count))]);
}

function groupEl(box: GroupBox, interactive: boolean): El {
  const g = box.group;
  const { title, meta } = headerText(box);
  const tx = interactive ? 38 : 14;
  const all = [
    `Scorecard ${display(g.title)}${g.id ? ` (${g.id})` : ''}`,
    g.owner ? `Owner: ${display(g.owner)}` : 'No owner',
    `${plural(g.counts.objectives, 'objective')}, ${plural(g.counts.kpis, 'KPI')}, ${plural(g.counts.levers, 'lever')}, ${plural(g.counts.disturbances, 'disturbance')}`,
    ...(box.collapsed ? ['Collapsed: expand it to see its items.'] : []),
    ...(g.counts.findings ? ['', `${plural(g.counts.findings, 'finding')} in this scorecard.`] : []),
    ...findingLines(g.findings, 'on the scorecard itself'),
  ];
  return el('g', { class: `kl-group${box.collapsed ? ' kl-collapsed' : ''}${g.worst ? ` kl-sev-${g.worst}` : ''}`, 'data-group': g.key }, [
    el('rect', { class: 'kl-band', x: box.x, y: box.y, width: box.w, height: box.h, rx: 8 }),
    el('g', { class: 'kl-group-header', 'data-key': g.key, ...(interactive ? { tabindex: 0, role: 'button', 'aria-label': `Scorecard ${display(g.title)}` } : {}) }, [
      txt('title', {}, all.join('\n')),
      el('rect', { class: 'kl-header-bg', x: box.x, y: box.y, width: box.w, height: HEADER_H, rx: 8 }),
      txt('text', { class: 'kl-group-title', x: box.x + tx, y: box.y + 20 }, title),
      txt('text', { class: 'kl-group-meta', x: box.x + tx, y: box.y + 37 }, meta),
      marker(g.worst, g.counts.findings, box.x + box.w - 18, box.y + 18),
    ]),
    interactive &&
      el('g', { class: 'kl-toggle', 'data-toggle': g.key, transform: `translate(${box.x + 10},${box.y + 11})`, tabindex: 0, role: 'button', 'aria-label': `${box.collapsed ? 'Expand' : 'Collapse'} ${display(g.title)}`, 'aria-expanded': String(!box.collapsed) }, [
        el('rect', { width: 20, height: 20, rx: 4 }),
        el('path', { d: box.collapsed ? 'M5,10H15M10,5V15' : 'M5,10H15' }),
      ]),
  ]);
}

function num(v: number | undefined): string {
  return v === undefined ? '?' : String(v);
}

function nodeEl(box: NodeBox, disturbances: ReadonlyMap<string, DisturbanceView>, interactive: boolean): El {
  const n = box.node;
  const k = n.kpi;
  const tip: string[] = [`${KIND_TEXT[n.kind]}: ${display(n.label)}${n.kind === 'vision' ? '' : ` (${n.id})`}`];
  const meta: string[] = [];
  const labelY = 22;
  const metaY = (i: number) => labelY + (box.lines.length - 1) * LINE + 17 + i * META;
  if (n.kind === 'vision') meta.push('vision');
  else if (n.kind === 'objective') meta.push(`objective · ${n.id}`);
  else meta.push(`${n.owner ? `owner ${display(n.owner)}` : 'no owner'} · ${n.id}`);
  if (n.owner) tip.push(`Owner: ${display(n.owner)}`);
  let dist: El | undefined;
  if (k) {
    const unit = k.unit ? ` ${display(k.unit)}` : '';
    const target = k.baseline === undefined && k.target === undefined ? 'no baseline or target' : `${num(k.baseline)} → ${num(k.target)}${unit}${k.targetBy ? ` by ${k.targetBy}` : ''}`;
    const status = k.last ? `${STATUS_TEXT[k.status]}: ${k.last.value} on ${k.last.date}` : STATUS_TEXT[k.status];
    meta.push(target, status);
    tip.push(`Baseline → target: ${target}`, `Status: ${status}${k.status === 'unknown' ? ' (needs a direction, thresholds and a value)' : ''}`);
    if (k.disturbances.length) {
      const names = k.disturbances.map((d) => `${display(disturbances.get(d.key)?.label ?? d.key)} (${d.level})`);
      tip.push(`Disturbed by: ${names.join(', ')}`);
      dist = disturbanceLine(k.disturbances, names, metaY(meta.length));
    }
  }
  pushAll(tip, findingLines(n.findings));
  const children = [
    txt('title', {}, tip.join('\n')),
    el('rect', { class: 'kl-card', width: box.w, height: box.h, rx: 6 }),
    k && el('rect', { class: 'kl-status-bar', width: 6, height: box.h, rx: 3 }),
    el(
      'text',
      { class: 'kl-label', x: 14, y: labelY },
      box.lines.map((line, i) => txt('tspan', { x: 14, dy: i === 0 ? 0 : LINE }, line)),
    ),
    ...meta.map((m, i) => txt('text', { class: 'kl-meta', x: 14, y: metaY(i) }, clip(m, META_CHARS))),
    dist,
    marker(n.worst, n.findings.length, CARD_W - 14, 14),
  ];
  const cls = `kl-node kl-kind-${n.kind}${k ? ` kl-status-${k.status}` : ''}${n.worst ? ` kl-sev-${n.worst}` : ''}`;
  const a11y = interactive ? { tabindex: 0, role: 'button', 'aria-label': tip[0] } : {};
  return el('g', { class: cls, 'data-key': n.key, transform: `translate(${box.x},${box.y})`, ...a11y }, children);
}

/** The disturbances of a KPI on one line, each its own span so that a click finds its key. */
function disturbanceLine(list: readonly { key: string }[], names: readonly string[], y: number): El {
  const spans: El[] = [];
  let used = 2;
  for (let i = 0; i < list.length; i++) {
    const text = (i ? ', ' : '') + names[i];
    const room = META_CHARS - used - (i < list.length - 1 ? 4 : 0);
    if (i > 0 && width(text) > room) {
      spans.push(txt('tspan', {}, ` +${list.length - i}`));
      break;
    }
    spans.push(txt('tspan', { 'data-key': list[i].key }, i ? text : clip(text, room)));
    used += width(text);
  }
  return el('text', { class: 'kl-dist', x: 14, y }, [txt('tspan', { class: 'kl-dist-mark' }, '↯ '), ...spans]);
}

/** The key to the cascade's colours, lines and markers. */
export function renderLegend(): El {
  const items: El[] = [];
  let x = 0;
  const add = (sample: El, label: string) => {
    items.push(el('g', { transform: `translate(${x},0)` }, [sample, txt('text', { class: 'kl-legend-text', x: 26, y: 14 }, label)]));
    x += Math.round(34 + label.length * 6.6);
  };
  for (const s of ['ok', 'warn', 'alert', 'unknown'] as const) {
    add(el('g', { class: `kl-status-${s}` }, [el('rect', { class: 'kl-status-bar', x: 4, y: 2, width: 14, height: 14, rx: 3 })]), STATUS_TEXT[s]);
  }
  for (const kind of ['supports', 'contributes', 'improves', 'worsens'] as const) {
    add(el('path', { class: `kl-edge kl-edge-${kind}`, d: 'M0,9H20' }), EDGE_TEXT[kind]);
  }
  for (const s of ['error', 'warning', 'info', 'hint'] as const) add(marker(s, 1, 11, 9)!, s);
  return el('svg', { xmlns: SVG_NS, class: 'kl-legend', width: x, height: 20, viewBox: `0 0 ${x} 20`, role: 'img', 'aria-label': 'Legend' }, items);
}
