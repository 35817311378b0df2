import { arc } from 'd3-shape';
import { El, el, txt } from './el';
import { clip, display, pixels, wrap, wrapEach } from './label';
import { plural } from './layout';
import { marker, SVG_NS } from './render-cascade';
import type { FindingView, PolarityView, PoleView, Wheel } from './types';

// The polarity wheel: six sectors, one per polarity, each split between its two poles, which
// face each other across the sector's middle. From the centre out: the assessment of each pole
// as a bar on a 1..7 scale (with the band where it would count as overused), the pole's name
// and score, the number of KPIs that serve the pole, then the scorecard's own capability and
// responsibility rings when it names them.

const R0 = 34;
const R7 = 160;
const KPIS = [R7 + 4, R7 + 26] as const;
/** Pole names and scores: two lines, in a ring at least this thick. */
const POLE_RING = 34;
const POLE_PX = 11.5;
const POLE_LINE = 12;
/** A ring grows this much at most past what its lines take, for its names to fit. */
const RING_SLACK = 24;
const MARGIN = 14;
const TAU = Math.PI * 2;
const SECTOR = TAU / 6;
/** Font sizes (the style sheet's) and line heights of the wheel's texts. */
const RING_PX = 11;
const RING_LINE = 13;
const TITLE_PX = 15;
const TITLE_LINE = 19;
const NOTE_PX = 11;
const NOTE_LINE = 15;
/** At most this many lines of a capability or responsibility name; the rest is cut, whole on hover. */
const RING_LINES = 3;

interface Wedge {
  innerRadius: number;
  outerRadius: number;
  startAngle: number;
  endAngle: number;
}

const arcPath = arc<Wedge>();

function round(n: number): number {
  return Math.round(n * 100) / 100 || 0;
}

function wedge(innerRadius: number, outerRadius: number, startAngle: number, endAngle: number): Wedge {
  return { innerRadius, outerRadius, startAngle, endAngle };
}

function path(w: Wedge): string {
  return arcPath(w) ?? '';
}

/** The centroid of a wedge, where its label goes. */
function at(w: Wedge): { x: number; y: number } {
  const [x, y] = arcPath.centroid(w);
  return { x, y };
}

/** The rotation that sets text along a wedge's middle, never upside down; and whether it was turned round. */
function turn(w: Wedge): { deg: number; flipped: boolean } {
  let deg = (((w.startAngle + w.endAngle) / 2) * 180) / Math.PI;
  deg = ((deg % 360) + 360) % 360;
  return deg > 90 && deg < 270 ? { deg: deg - 180, flipped: true } : { deg, flipped: false };
}

/** Distance from the centre of line `i` of `n`, set along a wedge's middle (line 0 is outermost unless turned round). */
function lineRadius(w: Wedge, i: number, n: number, lineH: number): number {
  const mid = (w.innerRadius + w.outerRadius) / 2;
  const offset = (i - (n - 1) / 2) * lineH;
  return turn(w).flipped ? mid + offset : mid - offset;
}

/**
 * How wide line `i` of `n` may be, so that straight text along the wedge stays inside it: its
 * inner corners within the wedge's angle (with a few pixels to spare), its outer corners within
 * its outer radius.
 */
function lineRoom(w: Wedge, i: number, n: number, lineH: number): number {
  const c = lineRadius(w, i, n, lineH);
  const inner = c - lineH / 2;
  const outer = c + lineH / 2;
  const half = (w.endAngle - w.startAngle) / 2 - 4 / Math.max(inner, 1);
  if (inner < w.innerRadius + 1 || outer > w.outerRadius - 1 || half <= 0) return 0;
  const byAngle = inner * Math.tan(Math.min(half, Math.PI / 2 - 0.01));
  const byEdge = Math.sqrt(Math.max(0, (w.outerRadius - 2) ** 2 - outer ** 2));
  return 2 * Math.min(byAngle, byEdge);
}

/** A name set in a wedge: as few lines as it needs (at most `max`), else cut with an ellipsis. */
export function fitInWedge(text: string, w: Wedge, px: number, bold: boolean, lineH: number, max: number): { lines: string[]; cut: boolean } {
  const measure = pixels(px, bold);
  let last: string[] = [];
  for (let n = 1; n <= max; n++) {
    if (lineRoom(w, n - 1, n, lineH) <= 0 && n > 1) break;
    const lines = wrapEach(text, (i) => lineRoom(w, i, n, lineH), n, measure);
    // Fewer lines than asked for sit elsewhere (a block of fewer lines is centred otherwise): that count was tried already.
    if (lines.length < n) continue;
    last = lines;
    if (lines.join(' ') === text && lines.every((l, i) => measure(l) <= lineRoom(w, i, n, lineH))) return { lines, cut: false };
  }
  return { lines: last.length ? last : [clip(text, lineRoom(w, 0, 1, lineH), measure)], cut: true };
}

/** Text along a ring at a wedge's middle, turned so that it never reads upside down. */
function ringText(w: Wedge, cls: string, lines: readonly string[], lineH = 12): El {
  const { x, y } = at(w);
  const { deg } = turn(w);
  const attrs = { class: cls, 'text-anchor': 'middle', transform: `translate(${round(x)},${round(y)}) rotate(${round(deg)})` };
  if (lines.length === 1) return txt('text', { ...attrs, 'dominant-baseline': 'central' }, lines[0]);
  return el(
    'text',
    attrs,
    lines.map((line, i) => txt('tspan', { x: 0, y: round((i - (lines.length - 1) / 2) * lineH + 4) }, line)),
  );
}

/** The wedge of name `i` of a ring of `count` names, which starts where the sectors start. */
function ringWedge(r0: number, r1: number, i: number, count: number): Wedge {
  const step = TAU / count;
  return wedge(r0, r1, i * step - SECTOR / 2, (i + 1) * step - SECTOR / 2);
}

/** The thinnest ring from `r0` out in which every name fits, whole, on at most RING_LINES lines (else the thickest, and names cut). */
function ringThickness(names: readonly string[], r0: number): number {
  const least = RING_LINE + 10;
  for (let t = least; t <= RING_LINES * RING_LINE + 10 + RING_SLACK; t += 2) {
    if (names.every((name, i) => !fitInWedge(display(name), ringWedge(r0, r0 + t, i, names.length), RING_PX, false, RING_LINE, RING_LINES).cut)) return t;
  }
  return RING_LINES * RING_LINE + 10 + RING_SLACK;
}

/** The pole's wedge in the ring of pole names. */
function poleWedge(r0: number, r1: number, index: number, side: number): Wedge {
  const a0 = index * SECTOR - SECTOR / 2 + (side * SECTOR) / 2;
  return wedge(r0, r1, a0, a0 + SECTOR / 2);
}

function poleLines(p: PoleView): string[] {
  return p.score !== undefined ? [p.pole, String(p.score)] : [p.pole];
}

/** The ring of pole names: as thick as the longest name with its score needs. */
function poleThickness(wheel: Wheel, r0: number): number {
  const measure = pixels(POLE_PX, true);
  const fits = (t: number) =>
    wheel.polarities.every((pv, i) =>
      pv.poles.every((p, side) => {
        const lines = poleLines(p);
        const w = poleWedge(r0, r0 + t, i, side);
        return lines.every((l, j) => measure(l) <= lineRoom(w, j, lines.length, POLE_LINE));
      }),
    );
  for (let t = POLE_RING; t < POLE_RING + RING_SLACK; t += 2) if (fits(t)) return t;
  return POLE_RING + RING_SLACK;
}

/** Radius of a score; scores outside 1..7 (already a schema finding) are drawn at the edge of the scale. */
function radius(score: number): number {
  return R0 + (Math.max(0, Math.min(7, score)) / 7) * (R7 - R0);
}

function findingText(findings: readonly FindingView[]): string[] {
  return findings.length
    ? ['', `${plural(findings.length, 'finding')}:`, ...findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.rule}: ${display(f.message)}`)]
    : [];
}

function poleTitle(p: PoleView, other: PoleView, gap: number): string {
  const lines = [p.score !== undefined ? `${p.pole}: ${p.score} of 7` : `${p.pole}: not assessed`];
  if (p.overused) lines.push(`Overused: ${p.score! - other.score!} above ${other.pole} (the gap that counts is ${gap}).`);
  else if (p.overuseFrom !== undefined && p.overuseFrom <= 7)
    lines.push(`Would count as overused from ${p.overuseFrom} (${other.pole} ${other.score} + ${gap}).`);
  lines.push(
    p.kpis.length ? `${plural(p.kpis.length, 'KPI')} serve${p.kpis.length === 1 ? 's' : ''} ${p.pole}: ${p.kpis.join(', ')}` : `No KPI serves ${p.pole}.`,
  );
  return lines.join('\n');
}

/** The key of a polarity's sector, for clicks and the cursor. */
export function polarityKey(wheel: Wheel, pv: PolarityView): string {
  return `${wheel.key}#polarity:${pv.key}`;
}

function polarityEl(wheel: Wheel, pv: PolarityView, index: number, label: readonly [number, number]): El {
  const start = index * SECTOR - SECTOR / 2;
  const half = SECTOR / 2;
  const children: El[] = [
    txt('title', {}, [`${pv.poles[0].pole} and ${pv.poles[1].pole} (${pv.key})`, pv.explanation, ...findingText(pv.findings)].join('\n')),
  ];
  pv.poles.forEach((p, side) => {
    const other = pv.poles[1 - side];
    const a0 = start + side * half;
    const a1 = a0 + half;
    const pad = 0.03;
    const parts: El[] = [txt('title', {}, poleTitle(p, other, wheel.gap))];
    // The band starts half a step below the first overused score, so that a bar reaching into it is overused.
    if (p.overuseFrom !== undefined && p.overuseFrom <= 7)
      parts.push(el('path', { class: 'kl-overuse-band', d: path(wedge(radius(p.overuseFrom - 0.5), R7, a0 + pad, a1 - pad)) }));
    if (p.score !== undefined)
      parts.push(el('path', { class: `kl-bar${p.overused ? ' kl-overused' : ''}`, d: path(wedge(R0, radius(p.score), a0 + pad * 2, a1 - pad * 2)) }));
    const ring = wedge(KPIS[0], KPIS[1], a0, a1);
    const names = poleWedge(label[0], label[1], index, side);
    parts.push(
      el('path', { class: `kl-kpi-ring kl-kpis-${Math.min(p.kpis.length, 3)}`, d: path(ring) }),
      ringText(ring, 'kl-kpi-count', [String(p.kpis.length)]),
      el('path', { class: 'kl-pole-ring', d: path(names) }),
      ringText(names, 'kl-pole-label', poleLines(p), POLE_LINE),
    );
    children.push(el('g', { class: `kl-pole${p.overused ? ' kl-overused' : ''}`, 'data-pole': p.pole }, parts));
  });
  if (pv.worst) {
    const m = at(wedge(R7 - 24, R7, start + half - 0.01, start + half + 0.01));
    children.push(marker(pv.worst, pv.findings.length, round(m.x), round(m.y))!);
  }
  return el('g', { class: `kl-polarity${pv.worst ? ` kl-sev-${pv.worst}` : ''}`, 'data-key': polarityKey(wheel, pv) }, children);
}

/** A ring of names around the wheel, split evenly and starting where the sectors start. */
function ring(names: readonly string[], [r0, r1]: readonly [number, number], cls: string): El {
  return el(
    'g',
    { class: cls },
    names.map((name, i) => {
      const w = ringWedge(r0, r1, i, names.length);
      const { lines } = fitInWedge(display(name), w, RING_PX, false, RING_LINE, RING_LINES);
      return el('g', { class: 'kl-ring-item' }, [
        txt('title', {}, display(name)),
        el('path', { class: 'kl-ring', d: path(w) }),
        ringText(w, 'kl-ring-label', lines, RING_LINE),
      ]);
    }),
  );
}

export function renderWheel(wheel: Wheel): El {
  // From the centre out: scale, KPI counts, pole names, then the rings the scorecard names, each
  // as thick as its longest name needs. The picture is as large as what it holds.
  const label: [number, number] = [KPIS[1] + 4, KPIS[1] + 4 + poleThickness(wheel, KPIS[1] + 4)];
  let outer = label[1];
  let caps: [number, number] | undefined;
  let resp: [number, number] | undefined;
  if (wheel.capabilities) {
    caps = [outer + 4, outer + 4 + ringThickness(wheel.capabilities, outer + 4)];
    outer = caps[1];
  }
  if (wheel.responsibilities) {
    resp = [outer + 4, outer + 4 + ringThickness(wheel.responsibilities, outer + 4)];
    outer = resp[1];
  }
  const size = Math.ceil(2 * (outer + MARGIN));
  const room = size - 2 * MARGIN;
  const fullTitle = `Polarity wheel · ${display(wheel.title)}`;
  const titleLines = wrap(fullTitle, room, 2, room, pixels(TITLE_PX, true));
  const notes = [
    'Bars: assessment of each pole, 1 to 7.',
    `Shaded band: overuse, the other pole + ${wheel.gap}.`,
    'Second ring: how many KPIs of the scorecard serve each pole.',
  ].flatMap((n) => wrap(n, room, 3, room, pixels(NOTE_PX)));
  const top = 14 + titleLines.length * TITLE_LINE;
  const cx = size / 2;
  const cy = top + outer + 8;
  const notesTop = cy + outer + 18;
  const height = Math.ceil(notesTop + notes.length * NOTE_LINE + 10);

  const grid: El[] = wheel.polarities.map((pv, i) =>
    el('path', { class: `kl-sector${pv.span ? '' : ' kl-unassessed'}`, d: path(wedge(R0, R7, i * SECTOR - SECTOR / 2, (i + 1) * SECTOR - SECTOR / 2)) }),
  );
  for (let s = 1; s <= 7; s++) grid.push(el('circle', { class: 'kl-grid', r: radius(s) }));
  for (let i = 0; i < 6; i++) {
    const a = i * SECTOR - SECTOR / 2;
    grid.push(
      el('path', {
        class: 'kl-sector-line',
        d: `M${round(Math.sin(a) * R0)},${round(-Math.cos(a) * R0)}L${round(Math.sin(a) * KPIS[1])},${round(-Math.cos(a) * KPIS[1])}`,
      }),
    );
  }
  // The scale's numbers sit on the line between the first two sectors, where no bar and no marker goes.
  const scaleAt = (score: number) => {
    const r = radius(score) - 6;
    return { x: round(Math.sin(SECTOR / 2) * r), y: round(-Math.cos(SECTOR / 2) * r) };
  };
  const body: El[] = [
    el('g', { class: 'kl-wheel-grid' }, grid),
    ...wheel.polarities.map((pv, i) => polarityEl(wheel, pv, i, label)),
    el('circle', { class: 'kl-hub', r: R0 - 2 }),
    txt('text', { class: 'kl-scale', 'text-anchor': 'middle', 'dominant-baseline': 'central', ...scaleAt(7) }, '7'),
    txt('text', { class: 'kl-scale', 'text-anchor': 'middle', 'dominant-baseline': 'central', ...scaleAt(1.6) }, '1'),
  ];
  if (wheel.capabilities && caps) body.push(ring(wheel.capabilities, caps, 'kl-capabilities'));
  if (wheel.responsibilities && resp) body.push(ring(wheel.responsibilities, resp, 'kl-responsibilities'));
  return el(
    'svg',
    {
      xmlns: SVG_NS,
      class: 'kl-wheel',
      width: size,
      height,
      viewBox: `0 0 ${size} ${height}`,
      role: 'img',
      'aria-label': `Polarity wheel: ${display(wheel.title)}`,
      'data-wheel': wheel.key,
    },
    [
      el('g', { class: 'kl-wheel-heading' }, [
        txt('title', {}, fullTitle),
        el(
          'text',
          { class: 'kl-wheel-title', x: cx, y: 14 + 15, 'text-anchor': 'middle' },
          titleLines.map((line, i) => txt('tspan', { x: cx, dy: i ? TITLE_LINE : 0 }, line)),
        ),
      ]),
      el('g', { transform: `translate(${round(cx)},${round(cy)})` }, body),
      el(
        'text',
        { class: 'kl-wheel-note', x: cx, y: notesTop + 11, 'text-anchor': 'middle' },
        notes.map((line, i) => txt('tspan', { x: cx, dy: i ? NOTE_LINE : 0 }, line)),
      ),
    ],
  );
}
