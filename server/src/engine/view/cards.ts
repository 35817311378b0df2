// The cards of the cascade and the headers of its bands: their lines of text, sized to fit.
import { clip, display, pixels, wrap } from './label';
import { FONT, LINE, MARKER_ROOM, MAX_LINES, META, MetaLine, NodeBox, TEXT_RIGHT, TEXT_X, TOGGLE, labelPx, metaPx, titlePx } from './layout';
import type { Cascade, CascadeEdge, CascadeGroup, CascadeNode } from './types';

// ---------------------------------------------------------------- cards

/** What a card says below its label: kind and id, or owner, target and status. */
export function metaParts(n: CascadeNode, disturbanceName: (key: string) => string): { parts: string[]; dist?: { key: string; text: string }[] } {
  if (n.kind === 'vision') return { parts: ['vision'] };
  if (n.kind === 'objective') return { parts: [`objective · ${display(n.id)}`] };
  const parts = [`${n.owner ? `owner ${display(n.owner)}` : 'no owner'} · ${display(n.id)}`];
  const k = n.kpi;
  if (!k) return { parts };
  parts.push(targetText(k), statusText(k));
  const dist = k.disturbances.length ? k.disturbances.map((d) => ({ key: d.key, text: `${display(disturbanceName(d.key))} (${d.level})` })) : undefined;
  return dist ? { parts, dist } : { parts };
}

export const STATUS_TEXT = { ok: 'on track', warn: 'at risk', alert: 'off track', unknown: 'status unknown' } as const;

export const num = (v: number | undefined) => (v === undefined ? '?' : String(v));

export function targetText(k: NonNullable<CascadeNode['kpi']>): string {
  const unit = k.unit ? ` ${display(k.unit)}` : '';
  return k.baseline === undefined && k.target === undefined
    ? 'no baseline or target'
    : `${num(k.baseline)} → ${num(k.target)}${unit}${k.targetBy ? ` by ${k.targetBy}` : ''}`;
}

export function statusText(k: NonNullable<CascadeNode['kpi']>): string {
  return k.last ? `${STATUS_TEXT[k.status]}: ${k.last.value} on ${k.last.date}` : STATUS_TEXT[k.status];
}

/** The disturbances on one line: as many names as fit, then "+N". */
export function distLine(items: { key: string; text: string }[], room: number): MetaLine {
  const mark = metaPx('↯ ');
  const out: { key: string; text: string }[] = [];
  let used = mark;
  for (let i = 0; i < items.length; i++) {
    const text = (i ? ', ' : '') + items[i].text;
    const rest = i < items.length - 1 ? metaPx(` +${items.length - i - 1}`) : 0;
    if (i > 0 && used + metaPx(text) + rest > room) return { dist: out, more: items.length - i };
    const shown = i === 0 ? clip(text, room - used - rest, metaPx) : text;
    out.push({ key: items[i].key, text: shown });
    used += metaPx(shown);
  }
  return { dist: out, more: 0 };
}

/** A card of a given width: its label wrapped, its meta lines fitted, its height. */
export function card(
  n: CascadeNode,
  w: number,
  level: number,
  joinMeta: boolean,
  ctx: { interactive: boolean; disturbanceName: (k: string) => string; folded?: { kpis: number; levers: number }; foldable: boolean },
): NodeBox {
  const room = w - TEXT_X - TEXT_RIGHT;
  const lines = wrap(display(n.label), room, MAX_LINES[n.kind], n.worst ? room - MARKER_ROOM : room, labelPx);
  const { parts, dist } = metaParts(n, ctx.disturbanceName);
  if (ctx.folded) parts.push(`${plural(ctx.folded.kpis, 'KPI')}, ${plural(ctx.folded.levers, 'lever')} folded`);
  // The last meta line of a foldable objective leaves room for its toggle.
  const toggle = ctx.interactive && ctx.foldable;
  const meta: MetaLine[] = [];
  if (joinMeta) {
    let line = '';
    for (const p of parts) {
      if (line && metaPx(`${line} · ${p}`) <= room) line = `${line} · ${p}`;
      else {
        if (line) meta.push({ text: line });
        line = p;
      }
    }
    if (line) meta.push({ text: line });
  } else for (const p of parts) meta.push({ text: p });
  for (let i = 0; i < meta.length; i++) {
    const m = meta[i] as { text: string };
    meta[i] = { text: clip(m.text, i === meta.length - 1 && toggle ? room - TOGGLE - 4 : room, metaPx) };
  }
  if (dist) meta.push(distLine(dist, room));
  const h = 8 + 12 + (lines.length - 1) * LINE + 4 + meta.length * META + 6;
  return { node: n, lines, meta, level, x: 0, y: 0, w, h, foldable: ctx.foldable, ...(ctx.folded ? { folded: ctx.folded } : {}) };
}

/** Baselines inside a card: of the first label line, and of meta line `i`. */
export function labelBaseline(): number {
  return 20;
}
export function metaBaseline(box: NodeBox, i: number): number {
  return 20 + (box.lines.length - 1) * LINE + 16 + i * META;
}

// ---------------------------------------------------------------- headers

export function header(g: CascadeGroup, w: number, interactive: boolean, parentId?: string): { title: string; meta: string } {
  const room = w - (interactive ? 38 : 14) - 34;
  const c = g.counts;
  const counts = [
    plural(c.objectives, 'objective'),
    plural(c.kpis, 'KPI'),
    plural(c.levers, 'lever'),
    c.disturbances ? plural(c.disturbances, 'disturbance') : '',
  ]
    .filter(Boolean)
    .join(', ');
  const who = [g.id, g.owner ? `owner ${g.owner}` : '', parentId ? `under ${parentId}` : ''].filter(Boolean).map((s) => display(s!));
  return { title: clip(display(g.title), room, titlePx), meta: clip([...who, counts].join(' · '), room + 20, pixels(FONT.groupMeta)) };
}

// ---------------------------------------------------------------- helpers

export interface CascadeIndex {
  byGroup: Map<string, CascadeNode[]>;
  edgesFrom: Map<string, CascadeEdge[]>;
  nodeByKey: Map<string, CascadeNode>;
}
export const indexes = new WeakMap<Cascade, CascadeIndex>();

/** Lookups into a cascade, made once per cascade: an export lays one out many times. */
export function indexOf(cascade: Cascade): CascadeIndex {
  let index = indexes.get(cascade);
  if (!index) {
    index = {
      byGroup: groupBy(cascade.nodes, (n) => n.group),
      edgesFrom: groupBy(cascade.edges, (e) => e.from),
      nodeByKey: new Map(cascade.nodes.map((n) => [n.key, n])),
    };
    indexes.set(cascade, index);
  }
  return index;
}

/** The id of a scorecard's parent, for its header. */
export function parentIdOf(cascade: Cascade): (g: CascadeGroup) => string | undefined {
  const byKey = new Map(cascade.groups.map((g) => [g.key, g]));
  return (g) => (g.parent ? byKey.get(g.parent)?.id : undefined);
}

export function names(cascade: Cascade): (key: string) => string {
  const byKey = new Map(cascade.disturbances.map((d) => [d.key, d.label]));
  return (key) => byKey.get(key) ?? key;
}

export function dedupe(points: [number, number][]): [number, number][] {
  return points.filter((p, i) => i === 0 || p[0] !== points[i - 1][0] || p[1] !== points[i - 1][1]);
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
