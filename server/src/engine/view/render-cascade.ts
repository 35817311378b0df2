import type { Severity } from '../types';
import { El, el, txt } from './el';
import { display, textWidth } from './label';
import {
  CascadeLayout,
  GroupBox,
  HEADER_H,
  labelBaseline,
  layoutCascade,
  LayoutOptions,
  LINE,
  metaBaseline,
  NodeBox,
  plural,
  RoutedEdge,
  STATUS_TEXT,
  statusText,
  targetText,
  TEXT_X,
  TOGGLE,
} from './layout';
import type { Cascade, CascadeEdge, CascadeNode, FindingView } from './types';
import { pushAll } from '../arrays';

export const SVG_NS = 'http://www.w3.org/2000/svg';
export { STATUS_TEXT };

export interface CascadeRenderOptions extends LayoutOptions {
  /** The webview's picture: keyboard focus, fold toggles, keys for clicks. Exports are not interactive. */
  interactive?: boolean;
  /** A layout made already (of this cascade, with these options). */
  layout?: CascadeLayout;
}

const EDGE_TEXT: Record<CascadeEdge['kind'], string> = {
  supports: 'supports',
  objective: 'measures',
  contributes: 'contributes to',
  improves: 'improves',
  worsens: 'worsens',
};
const KIND_TEXT: Record<CascadeNode['kind'], string> = { vision: 'Vision', objective: 'Objective', kpi: 'KPI', lever: 'Lever' };

export function renderCascade(cascade: Cascade, options: CascadeRenderOptions = {}): { svg: El; layout: CascadeLayout } {
  const layout = options.layout ?? layoutCascade(cascade, options);
  const interactive = options.interactive ?? false;
  const nodeByKey = new Map(cascade.nodes.map((n) => [n.key, n]));
  const edges = layout.edges.map((r) => edgeEl(r, nodeByKey, interactive));
  const disturbanceByKey = new Map(cascade.disturbances.map((d) => [d.key, d.label]));
  const svg = el(
    'svg',
    {
      xmlns: SVG_NS,
      class: layout.mode === 'outline' ? 'kl-cascade kl-outline' : 'kl-cascade',
      width: layout.width,
      height: layout.height,
      viewBox: `0 0 ${layout.width} ${layout.height}`,
      role: 'img',
      'aria-label': 'KPI cascade',
    },
    [
      el('g', { class: 'kl-viewport' }, [
        // Bands under the lines, headers over them: a line that passes a scorecard goes under its title.
        el(
          'g',
          { class: 'kl-bands' },
          layout.groups.map((g) => el('rect', { class: 'kl-band', x: g.x, y: g.y, width: g.w, height: g.h, rx: 8 })),
        ),
        el('g', { class: 'kl-edges' }, edges),
        el(
          'g',
          { class: 'kl-groups' },
          layout.groups.map((g) => groupEl(g, interactive)),
        ),
        el(
          'g',
          { class: 'kl-nodes' },
          layout.nodes.map((n) => nodeEl(n, disturbanceByKey, interactive)),
        ),
      ]),
    ],
  );
  return { svg, layout };
}

/** A line with rounded corners through the given points. */
export function roundedPath(points: readonly (readonly [number, number])[], r = 5): string {
  const f = (n: number) => String(Math.round(n * 10) / 10);
  if (points.length === 0) return '';
  let d = `M${f(points[0][0])},${f(points[0][1])}`;
  for (let i = 1; i < points.length; i++) {
    const [x, y] = points[i];
    const next = points[i + 1];
    if (!next) {
      d += `L${f(x)},${f(y)}`;
      break;
    }
    const [px, py] = points[i - 1];
    const inLen = Math.hypot(x - px, y - py);
    const outLen = Math.hypot(next[0] - x, next[1] - y);
    const k = Math.min(r, inLen / 2, outLen / 2);
    if (k < 0.5) {
      d += `L${f(x)},${f(y)}`;
      continue;
    }
    const ax = x - ((x - px) / inLen) * k;
    const ay = y - ((y - py) / inLen) * k;
    const bx = x + ((next[0] - x) / outLen) * k;
    const by = y + ((next[1] - y) / outLen) * k;
    d += `L${f(ax)},${f(ay)}Q${f(x)},${f(y)} ${f(bx)},${f(by)}`;
  }
  return d;
}

function nameOf(n: CascadeNode | undefined): string {
  return n ? `${KIND_TEXT[n.kind]} "${display(n.label)}"` : '?';
}

function edgeEl(r: RoutedEdge, nodes: ReadonlyMap<string, CascadeNode>, interactive: boolean): El {
  const e = r.edge;
  const title = `${nameOf(nodes.get(e.from))} ${EDGE_TEXT[e.kind]} ${nameOf(nodes.get(e.to))}${e.level ? ` (${e.level})` : ''}`;
  const cls = `kl-edge kl-edge-${e.kind}${e.level ? ` kl-level-${e.level}` : ''}${r.cross ? ' kl-cross' : ''}`;
  return el('path', { class: cls, d: roundedPath(r.points), ...(interactive ? { 'data-from': r.from, 'data-to': r.to } : {}) }, [txt('title', {}, title)]);
}

function findingLines(findings: readonly FindingView[], where?: string): string[] {
  if (!findings.length) return [];
  return [
    '',
    `${plural(findings.length, 'finding')}${where ? ` ${where}` : ''}:`,
    ...findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.rule}: ${display(f.message)}`),
  ];
}

/** The worst severity as a shape (colour alone is not enough), with the number of findings. */
export function marker(worst: Severity | undefined, count: number, x: number, y: number): El | undefined {
  if (!worst) return undefined;
  const shape =
    worst === 'error'
      ? el('circle', { r: 8.5 })
      : worst === 'warning'
        ? el('path', { d: 'M0,-9.5L9.5,7.5H-9.5Z' })
        : worst === 'info'
          ? el('rect', { x: -8, y: -8, width: 16, height: 16, rx: 2 })
          : el('path', { d: 'M0,-8.5L8.5,0L0,8.5L-8.5,0Z' });
  return el('g', { class: `kl-marker kl-sev-${worst}`, transform: `translate(${x},${y})` }, [
    shape,
    txt('text', { class: 'kl-marker-count', 'text-anchor': 'middle', y: 3.5 }, count > 99 ? '99+' : String(count)),
  ]);
}

function groupEl(box: GroupBox, interactive: boolean): El {
  const g = box.group;
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
    el(
      'g',
      { class: 'kl-group-header', 'data-key': g.key, ...(interactive ? { tabindex: 0, role: 'button', 'aria-label': `Scorecard ${display(g.title)}` } : {}) },
      [
        txt('title', {}, all.join('\n')),
        el('rect', { class: 'kl-header-bg', x: box.x, y: box.y, width: box.w, height: HEADER_H, rx: 8 }),
        txt('text', { class: 'kl-group-title', x: box.x + tx, y: box.y + 20 }, box.title),
        txt('text', { class: 'kl-group-meta', x: box.x + tx, y: box.y + 37 }, box.meta),
        marker(g.worst, g.counts.findings, box.x + box.w - 18, box.y + 18),
      ],
    ),
    interactive && toggleEl(g.key, box.collapsed, `${box.collapsed ? 'Expand' : 'Collapse'} ${display(g.title)}`, box.x + 10, box.y + 11, 20),
  ]);
}

function toggleEl(key: string, collapsed: boolean, label: string, x: number, y: number, size: number): El {
  const m = size / 4;
  const c = size / 2;
  return el(
    'g',
    {
      class: 'kl-toggle',
      'data-toggle': key,
      transform: `translate(${x},${y})`,
      tabindex: 0,
      role: 'button',
      'aria-label': label,
      'aria-expanded': String(!collapsed),
    },
    [
      el('rect', { width: size, height: size, rx: 4 }),
      el('path', { d: collapsed ? `M${m},${c}H${size - m}M${c},${m}V${size - m}` : `M${m},${c}H${size - m}` }),
    ],
  );
}

function nodeEl(box: NodeBox, disturbances: ReadonlyMap<string, string>, interactive: boolean): El {
  const n = box.node;
  const k = n.kpi;
  const tip: string[] = [`${KIND_TEXT[n.kind]}: ${display(n.label)}${n.kind === 'vision' ? '' : ` (${n.id})`}`];
  if (n.owner) tip.push(`Owner: ${display(n.owner)}`);
  if (k) {
    tip.push(`Baseline → target: ${targetText(k)}`, `Status: ${statusText(k)}${k.status === 'unknown' ? ' (needs a direction, thresholds and a value)' : ''}`);
    if (k.disturbances.length) tip.push(`Disturbed by: ${k.disturbances.map((d) => `${display(disturbances.get(d.key) ?? d.key)} (${d.level})`).join(', ')}`);
  }
  if (box.folded) tip.push(`Folded: ${plural(box.folded.kpis, 'KPI')} and ${plural(box.folded.levers, 'lever')} under it.`);
  pushAll(tip, findingLines(n.findings));
  const metaEls = box.meta.map((m, i) => {
    const y = metaBaseline(box, i);
    if ('text' in m) return txt('text', { class: 'kl-meta', x: TEXT_X, y }, m.text);
    const spans = m.dist.map((d) => txt('tspan', interactive ? { 'data-key': d.key } : {}, d.text));
    return el('text', { class: 'kl-dist', x: TEXT_X, y }, [
      txt('tspan', { class: 'kl-dist-mark' }, '↯ '),
      ...spans,
      m.more ? txt('tspan', {}, ` +${m.more}`) : undefined,
    ]);
  });
  const children = [
    txt('title', {}, tip.join('\n')),
    el('rect', { class: 'kl-card', width: box.w, height: box.h, rx: 6 }),
    k && el('rect', { class: 'kl-status-bar', width: 6, height: box.h, rx: 3 }),
    el(
      'text',
      { class: 'kl-label', x: TEXT_X, y: labelBaseline() },
      box.lines.map((line, i) => txt('tspan', { x: TEXT_X, dy: i === 0 ? 0 : LINE }, line)),
    ),
    ...metaEls,
    marker(n.worst, n.findings.length, box.w - 14, 14),
    interactive &&
      box.foldable &&
      toggleEl(n.key, !!box.folded, `${box.folded ? 'Unfold' : 'Fold'} ${display(n.label)}`, box.w - TOGGLE - 6, box.h - TOGGLE - 5, TOGGLE),
  ];
  const cls = `kl-node kl-kind-${n.kind}${k ? ` kl-status-${k.status}` : ''}${n.worst ? ` kl-sev-${n.worst}` : ''}${box.folded ? ' kl-folded' : ''}`;
  const a11y = interactive ? { tabindex: 0, role: 'button', 'aria-label': tip[0] } : {};
  return el('g', { class: cls, 'data-key': n.key, transform: `translate(${box.x},${box.y})`, ...a11y }, children);
}

/** The key to the cascade's colours, lines and markers: each sample with its words. */
export function legendItems(): { sample: El; label: string }[] {
  const items: { sample: El; label: string }[] = [];
  for (const s of ['ok', 'warn', 'alert', 'unknown'] as const) {
    items.push({
      sample: el('g', { class: `kl-status-${s}` }, [el('rect', { class: 'kl-status-bar', x: 4, y: 2, width: 14, height: 14, rx: 3 })]),
      label: STATUS_TEXT[s],
    });
  }
  for (const kind of ['supports', 'contributes', 'improves', 'worsens'] as const) {
    items.push({ sample: el('path', { class: `kl-edge kl-edge-${kind}`, d: 'M0,9H22' }), label: EDGE_TEXT[kind] });
  }
  for (const s of ['error', 'warning', 'info', 'hint'] as const) items.push({ sample: marker(s, 1, 11, 9)!, label: s });
  return items;
}

/** The legend as one picture, in rows no wider than `width`. */
export function renderLegend(width = Infinity): El {
  const children: El[] = [];
  let x = 0;
  let y = 0;
  let right = 0;
  for (const { sample, label } of legendItems()) {
    const w = 28 + Math.ceil(textWidth(label, 11)) + 14;
    if (x > 0 && x + w > width) {
      x = 0;
      y += 22;
    }
    children.push(el('g', { transform: `translate(${x},${y})` }, [sample, txt('text', { class: 'kl-legend-text', x: 28, y: 14 }, label)]));
    x += w;
    right = Math.max(right, x);
  }
  const h = y + 20;
  return el('svg', { xmlns: SVG_NS, class: 'kl-legend', width: right, height: h, viewBox: `0 0 ${right} ${h}`, role: 'img', 'aria-label': 'Legend' }, children);
}
