import { arc } from 'd3-shape';
import { El, el, txt } from './el';
import { clip, display } from './label';
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
const LABEL = [R7 + 30, R7 + 62] as const;
const CAPS = [R7 + 66, R7 + 90] as const;
const RESP = [R7 + 94, R7 + 118] as const;
const TOP = 44;
const FOOT = 52;
const TAU = Math.PI * 2;
const SECTOR = TAU / 6;

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

/** Text along a ring at a wedge's centroid, turned so that it never reads upside down. */
function ringText(w: Wedge, cls: string, lines: readonly string[]): El {
  const { x, y } = at(w);
  let deg = (((w.startAngle + w.endAngle) / 2) * 180) / Math.PI;
  deg = ((deg % 360) + 360) % 360;
  if (deg > 90 && deg < 270) deg -= 180;
  const attrs = { class: cls, 'text-anchor': 'middle', transform: `translate(${round(x)},${round(y)}) rotate(${round(deg)})` };
  if (lines.length === 1) return txt('text', { ...attrs, 'dominant-baseline': 'central' }, lines[0]);
  return el('text', attrs, lines.map((line, i) => txt('tspan', { x: 0, y: (i - (lines.length - 1) / 2) * 12 + 4 }, line)));
}

/** Radius of a score; scores outside 1..7 (already a schema finding) are drawn at the edge of the scale. */
function radius(score: number): number {
  return R0 + (Math.max(0, Math.min(7, score)) / 7) * (R7 - R0);
}

function findingText(findings: readonly FindingView[]): string[] {
  return findings.length ? ['', `${plural(findings.length, 'finding')}:`, ...findings.map((f) => `${f.line}:${f.column} ${f.severity} ${f.rule}: ${display(f.message)}`)] : [];
}

function poleTitle(p: PoleView, other: PoleView, gap: number): string {
  const lines = [p.score !== undefined ? `${p.pole}: ${p.score} of 7` : `${p.pole}: not assessed`];
  if (p.overused) lines.push(`Overused: ${p.score! - other.score!} above ${other.pole} (the gap that counts is ${gap}).`);
  else if (p.overuseFrom !== undefined && p.overuseFrom <= 7) lines.push(`Would count as overused from ${p.overuseFrom} (${other.pole} ${other.score} + ${gap}).`);
  lines.push(p.kpis.length ? `${plural(p.kpis.length, 'KPI')} serve${p.kpis.length === 1 ? 's' : ''} ${p.pole}: ${p.kpis.join(', ')}` : `No KPI serves ${p.pole}.`);
  return lines.join('\n');
}

/** The key of a polarity's sector, for clicks and the cursor. */
export function polarityKey(wheel: Wheel, pv: PolarityView): string {
  return `${wheel.key}#polarity:${pv.key}`;
}

function polarityEl(wheel: Wheel, pv: PolarityView, index: number): El {
  const start = index * SECTOR - SECTOR / 2;
  const half = SECTOR / 2;
  const children: El[] = [txt('title', {}, [`${pv.poles[0].pole} and ${pv.poles[1].pole} (${pv.key})`, pv.explanation, ...findingText(pv.findings)].join('\n'))];
  pv.poles.forEach((p, side) => {
    const other = pv.poles[1 - side];
    const a0 = start + side * half;
    const a1 = a0 + half;
    const pad = 0.03;
    const parts: El[] = [txt('title', {}, poleTitle(p, other, wheel.gap))];
    // The band starts half a step below the first overused score, so that a bar reaching into it is overused.
    if (p.overuseFrom !== undefined && p.overuseFrom <= 7) parts.push(el('path', { class: 'kl-overuse-band', d: path(wedge(radius(p.overuseFrom - 0.5), R7, a0 + pad, a1 - pad)) }));
    if (p.score !== undefined) parts.push(el('path', { class: `kl-bar${p.overused ? ' kl-overused' : ''}`, d: path(wedge(R0, radius(p.score), a0 + pad * 2, a1 - pad * 2)) }));
    const ring = wedge(KPIS[0], KPIS[1], a0, a1);
    const label = wedge(LABEL[0], LABEL[1], a0, a1);
    parts.push(
      el('path', { class: `kl-kpi-ring kl-kpis-${Math.min(p.kpis.length, 3)}`, d: path(ring) }),
      ringText(ring, 'kl-kpi-count', [String(p.kpis.length)]),
      el('path', { class: 'kl-pole-ring', d: path(label) }),
      ringText(label, 'kl-pole-label', p.score !== undefined ? [p.pole, String(p.score)] : [p.pole]),
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
  const step = TAU / names.length;
  return el(
    'g',
    { class: cls },
    names.flatMap((name, i) => {
      const w = wedge(r0, r1, i * step - SECTOR / 2, (i + 1) * step - SECTOR / 2);
      const room = Math.max(4, Math.floor((step * (r0 + r1)) / 2 / 7.5));
      return [el('path', { class: 'kl-ring', d: path(w) }, [txt('title', {}, display(name))]), ringText(w, 'kl-ring-label', [clip(display(name), room)])];
    }),
  );
}

export function renderWheel(wheel: Wheel): El {
  const outer = wheel.responsibilities ? RESP[1] : wheel.capabilities ? CAPS[1] : KPIS[1];
  const size = 2 * (outer + 12);
  const cx = size / 2;
  const cy = TOP + outer + 12;
  const height = cy + outer + 12 + FOOT;
  const grid: El[] = wheel.polarities.map((pv, i) =>
    el('path', { class: `kl-sector${pv.span ? '' : ' kl-unassessed'}`, d: path(wedge(R0, R7, i * SECTOR - SECTOR / 2, (i + 1) * SECTOR - SECTOR / 2)) }),
  );
  for (let s = 1; s <= 7; s++) grid.push(el('circle', { class: 'kl-grid', r: radius(s) }));
  for (let i = 0; i < 6; i++) {
    const a = i * SECTOR - SECTOR / 2;
    grid.push(el('path', { class: 'kl-sector-line', d: `M${round(Math.sin(a) * R0)},${round(-Math.cos(a) * R0)}L${round(Math.sin(a) * KPIS[1])},${round(-Math.cos(a) * KPIS[1])}` }));
  }
  const body: El[] = [
    el('g', { class: 'kl-wheel-grid' }, grid),
    ...wheel.polarities.map((pv, i) => polarityEl(wheel, pv, i)),
    el('circle', { class: 'kl-hub', r: R0 - 2 }),
    txt('text', { class: 'kl-scale', x: 3, y: -radius(7) + 11 }, '7'),
    txt('text', { class: 'kl-scale', x: 3, y: -radius(1) + 4 }, '1'),
  ];
  if (wheel.capabilities) body.push(ring(wheel.capabilities, CAPS, 'kl-capabilities'));
  if (wheel.responsibilities) body.push(ring(wheel.responsibilities, RESP, 'kl-responsibilities'));
  return el('svg', { xmlns: SVG_NS, class: 'kl-wheel', width: size, height, viewBox: `0 0 ${size} ${height}`, role: 'img', 'aria-label': `Polarity wheel: ${display(wheel.title)}`, 'data-wheel': wheel.key }, [
    txt('text', { class: 'kl-wheel-title', x: cx, y: 26, 'text-anchor': 'middle' }, clip(`Polarity wheel · ${display(wheel.title)}`, Math.floor(size / 8))),
    el('g', { transform: `translate(${cx},${cy})` }, body),
    txt('text', { class: 'kl-wheel-note', x: cx, y: height - FOOT + 18, 'text-anchor': 'middle' }, 'Bars: assessment of each pole, 1 to 7. Shaded band: overuse, the other pole + ' + wheel.gap + '.'),
    txt('text', { class: 'kl-wheel-note', x: cx, y: height - FOOT + 36, 'text-anchor': 'middle' }, 'Second ring: how many KPIs of the scorecard serve each pole.'),
  ]);
}
