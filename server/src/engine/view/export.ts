import { El, el, escapeText, toMarkup, txt } from './el';
import { layoutCascade, plural } from './layout';
import { legendItems, renderCascade, renderLegend, SVG_NS } from './render-cascade';
import { renderWheel } from './render-wheel';
import { exportCss, palette } from './style';
import type { ViewModel } from './types';
import { pushAll } from '../arrays';

// The preview as a file for pull requests, slides and meetings: one self-contained HTML or SVG
// document, with no script, no external resource, nothing collapsed (unless asked), and every
// name escaped as text.
//
// The HTML holds the cascade twice: in columns for wide windows and in outline for narrow ones
// (a media query shows one), so that on a phone or a narrow window its cards keep a readable
// size instead of shrinking. Printed, it gives one page per scorecard: the scorecard's own part
// of the cascade and its polarity wheel, scaled together to fit the page.

export type PreviewView = 'cascade' | 'wheel' | 'both';

export interface ExportOptions {
  /** Keys of the scorecards to draw (their part of the cascade, their wheels); default all. */
  only?: ReadonlySet<string>;
  /** Keys of scorecards and objectives to draw folded (the webview's choice; the CLI folds nothing). */
  collapsed?: ReadonlySet<string>;
  /** The width the cascade is laid out for in an SVG: columns when they fit, else outline. Default: columns. */
  width?: number;
}

const NO_WHEEL = 'No scorecard assesses polarities or has KPIs that serve poles.';
/** The narrow layout of the HTML: fits a 480 px window with the page's margins. */
export const NARROW_WIDTH = 440;
const BODY_MARGIN = 20;
/** The least a picture of the page shrinks to in a narrow window. */
const MIN_SCALE = 0.7;
/** An A4 page less 12 mm margins, in CSS pixels, less room for the scorecard's title. */
const PAGE = { w: 700, h: 960 };

/**
 * `data-*` attributes only serve the webview's clicks and highlights, and their keys carry the
 * scorecards' file paths: a file meant for pull requests and slides leaves them out.
 */
function withoutData(e: El): El {
  const attrs = Object.fromEntries(Object.entries(e.attrs).filter(([k]) => !k.startsWith('data-')));
  return { ...e, attrs, children: e.children.map(withoutData) };
}

function summary(vm: ViewModel, only?: ReadonlySet<string>): string {
  const groups = vm.cascade.groups.filter((g) => !only || only.has(g.key));
  const kpis = groups.reduce((n, g) => n + g.counts.kpis, 0);
  const wheels = vm.wheels.filter((w) => !only || only.has(w.key)).length;
  return `${plural(groups.length, 'scorecard')}, ${plural(kpis, 'KPI')}, ${plural(wheels, 'polarity wheel')}.`;
}

/** The legend as HTML that wraps: each sample a small picture of its own, each word as text. */
function legendHtml(): string {
  return legendItems()
    .map(({ sample, label }) => {
      const svg = el('svg', { xmlns: SVG_NS, width: 24, height: 20, viewBox: '-1 -1 24 20', 'aria-hidden': 'true' }, [sample]);
      return `<span class="kl-legend-item">${toMarkup(svg)}<span>${escapeText(label)}</span></span>`;
    })
    .join('');
}

/** A scorecard's page when printed: its part of the cascade and its wheel, at one scale that fits the page. */
function sheet(vm: ViewModel, key: string, view: PreviewView, collapsed?: ReadonlySet<string>): string | undefined {
  const group = vm.cascade.groups.find((g) => g.key === key);
  const wheel = view !== 'cascade' ? vm.wheels.find((w) => w.key === key) : undefined;
  if (!group || (view === 'wheel' && !wheel)) return undefined;
  const only = new Set([key]);
  const w = wheel ? withoutData(renderWheel(wheel)) : undefined;
  const wheelH = w ? Number(w.attrs.height) + 16 : 0;
  let band: El | undefined;
  if (view !== 'wheel') {
    // The arrangement that leaves the larger text on paper.
    const options = { only, ...(collapsed ? { collapsed } : {}) };
    const columns = layoutCascade(vm.cascade, { ...options, mode: 'columns' });
    const outline = layoutCascade(vm.cascade, { ...options, mode: 'outline', width: PAGE.w });
    const fit = (width: number, height: number) => Math.min(1, PAGE.w / width, PAGE.h / (height + wheelH));
    const layout = fit(columns.width, columns.height) >= fit(outline.width, outline.height) ? columns : outline;
    const svg = withoutData(renderCascade(vm.cascade, { ...options, layout }).svg);
    band = { ...svg, attrs: { ...svg.attrs, class: `${svg.attrs.class} kl-part` } };
  }
  const size = (e: El | undefined) => (e ? { w: Number(e.attrs.width), h: Number(e.attrs.height) } : { w: 0, h: 0 });
  const b = size(band);
  const c = size(w);
  const scale = Math.min(1, PAGE.w / Math.max(b.w, c.w, 1), PAGE.h / Math.max(b.h + c.h + (band && w ? 16 : 0), 1));
  // On screen a picture shrinks with a narrow window, but not below 70 %: past that, its figure scrolls.
  const print = (e: El) => {
    const width = Number(e.attrs.width);
    const svg = { ...e, attrs: { ...e.attrs, style: `min-width: ${Math.ceil(width * MIN_SCALE)}px` } };
    return `<div class="kl-figure" style="--kl-print-w: ${Math.floor(width * scale)}px">${toMarkup(svg)}</div>`;
  };
  const parts = [`<h2 class="kl-print">${escapeText(group.title)}</h2>`];
  if (band) parts.push(`<div class="kl-print">${print(band)}</div>`);
  if (w) parts.push(`<h3 class="kl-screen">${escapeText(group.title)}</h3>`, print(w));
  return `<article class="kl-sheet${w ? '' : ' kl-print'}">${parts.join('')}</article>`;
}

const HTML_CSS = `
body { margin: ${BODY_MARGIN}px; background: var(--kl-bg); color: var(--kl-fg); font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 28px 0 8px; }
h3 { font-size: 14px; margin: 20px 0 4px; font-weight: 600; }
.kl-summary { color: var(--kl-muted); margin: 0; }
.kl-figure { overflow-x: auto; margin: 8px 0; }
.kl-figure svg { display: block; }
.kl-legend-html { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 12px; margin: 4px 0 8px; }
.kl-legend-item { display: inline-flex; align-items: center; gap: 6px; white-space: nowrap; }
.kl-narrow svg, .kl-sheet svg { max-width: 100%; height: auto; }
.kl-print { display: none; }
@media print {
  @page { size: A4 portrait; margin: 12mm; }
  html { ${palette('light')} }
  html, body { margin: 0; background: #fff; }
  body > h1, .kl-summary, .kl-screen { display: none !important; }
  .kl-print { display: block; }
  .kl-sheet { break-inside: avoid; }
  .kl-sheet + .kl-sheet { break-before: page; }
  .kl-sheet h2 { margin: 0 0 8px; }
  .kl-sheet .kl-figure { overflow: visible; margin: 0 0 12px; }
  .kl-sheet .kl-figure svg { width: var(--kl-print-w); height: auto; max-width: 100%; min-width: 0 !important; }
}`;

export function exportHtml(vm: ViewModel, view: PreviewView, options: ExportOptions = {}): string {
  const { only, collapsed } = options;
  const layoutOptions = { ...(only ? { only } : {}), ...(collapsed ? { collapsed } : {}) };
  const sections: string[] = [];
  let breakpoint = 0;
  if (view !== 'wheel') {
    const wide = withoutData(renderCascade(vm.cascade, { ...layoutOptions, mode: 'columns' }).svg);
    const narrow = withoutData(renderCascade(vm.cascade, { ...layoutOptions, mode: 'outline', width: NARROW_WIDTH }).svg);
    breakpoint = Number(wide.attrs.width) + 2 * BODY_MARGIN;
    sections.push(
      `<section class="kl-section kl-screen"><h2>Cascade</h2><div class="kl-legend-html" role="list" aria-label="Legend">${legendHtml()}</div>` +
        `<div class="kl-figure kl-wide">${toMarkup(wide)}</div><div class="kl-figure kl-narrow">${toMarkup(narrow)}</div></section>`,
    );
  }
  const keys = vm.cascade.groups.filter((g) => !only || only.has(g.key)).map((g) => g.key);
  const sheets = keys.map((k) => sheet(vm, k, view, collapsed)).filter((s): s is string => !!s);
  const hasWheel = view !== 'cascade' && vm.wheels.some((w) => !only || only.has(w.key));
  const heading = view !== 'cascade' ? `<h2 class="kl-screen">Polarity wheels</h2>${hasWheel ? '' : `<p class="kl-screen">${escapeText(NO_WHEEL)}</p>`}` : '';
  sections.push(`<section class="kl-section kl-sheets">${heading}${sheets.join('\n')}</section>`);
  const media = breakpoint
    ? `@media (max-width: ${breakpoint - 1}px) { .kl-wide { display: none; } body { margin: 16px; } }\n@media (min-width: ${breakpoint}px) { .kl-narrow { display: none; } }\n@media print { .kl-wide, .kl-narrow { display: none; } }`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>kpilens preview</title>
<style>
${exportCss('html')}
${HTML_CSS}
${media}
</style>
</head>
<body>
<h1>kpilens preview</h1>
<p class="kl-summary">${escapeText(summary(vm, only))}</p>
${sections.join('\n')}
</body>
</html>
`;
}

/** The pictures of an SVG file, top to bottom: the legend and the cascade, then the wheels. */
export function svgParts(vm: ViewModel, view: PreviewView, options: ExportOptions = {}): El[] {
  const { only, collapsed, width } = options;
  const parts: El[] = [];
  if (view !== 'wheel') {
    const cascade = withoutData(
      renderCascade(vm.cascade, { ...(only ? { only } : {}), ...(collapsed ? { collapsed } : {}), ...(width ? { width } : { mode: 'columns' }) }).svg,
    );
    parts.push(withoutData(renderLegend(Number(cascade.attrs.width))), cascade);
  }
  if (view !== 'cascade')
    pushAll(
      parts,
      vm.wheels.filter((w) => !only || only.has(w.key)).map((w) => withoutData(renderWheel(w))),
    );
  return parts;
}

/** Pictures stacked into one SVG picture; with the export palettes in it unless `style` is false. */
export function stackEl(parts: readonly El[], empty?: string, style = true): El {
  const gap = 24;
  let y = gap;
  let width = 0;
  const placed: El[] = [];
  for (const p of parts) {
    placed.push({ ...p, attrs: { ...p.attrs, xmlns: undefined, x: gap, y } });
    y += Number(p.attrs.height) + gap;
    width = Math.max(width, Number(p.attrs.width) + 2 * gap);
  }
  if (empty) {
    placed.push(txt('text', { class: 'kl-wheel-note', x: gap, y: y + 12 }, empty));
    y += 12 + gap;
    width = Math.max(width, 480);
  }
  return el('svg', { xmlns: SVG_NS, class: 'kl-export', width, height: y, viewBox: `0 0 ${width} ${y}` }, [
    style && txt('style', {}, exportCss('svg.kl-export')),
    el('rect', { class: 'kl-page', width, height: y }),
    ...placed,
  ]);
}

/** Pictures stacked into one SVG document with the export palettes. */
export function stackSvg(parts: readonly El[], empty?: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${toMarkup(stackEl(parts, empty))}\n`;
}

export function exportSvg(vm: ViewModel, view: PreviewView, options: ExportOptions = {}): string {
  const parts = svgParts(vm, view, options);
  const noWheel = view !== 'cascade' && !vm.wheels.some((w) => !options.only || options.only.has(w.key));
  return stackSvg(parts, noWheel ? NO_WHEEL : undefined);
}
