import { El, el, escapeText, toMarkup, txt } from './el';
import { plural } from './layout';
import { renderCascade, renderLegend, SVG_NS } from './render-cascade';
import { renderWheel } from './render-wheel';
import { exportCss } from './style';
import type { ViewModel } from './types';

// The preview as a file for pull requests and slides: one self-contained HTML or SVG document,
// with no script, no external resource, nothing collapsed, and every name escaped as text.

export type PreviewView = 'cascade' | 'wheel' | 'both';

const NO_WHEEL = 'No scorecard assesses polarities or has KPIs that serve poles.';

/**
 * `data-*` attributes only serve the webview's clicks and highlights, and their keys carry the
 * scorecards' file paths: a file meant for pull requests and slides leaves them out.
 */
function withoutData(e: El): El {
  const attrs = Object.fromEntries(Object.entries(e.attrs).filter(([k]) => !k.startsWith('data-')));
  return { ...e, attrs, children: e.children.map(withoutData) };
}

function pictures(vm: ViewModel, view: PreviewView): { cascade?: { legend: El; svg: El }; wheels: El[] } {
  return {
    ...(view !== 'wheel' ? { cascade: { legend: withoutData(renderLegend()), svg: withoutData(renderCascade(vm.cascade).svg) } } : {}),
    wheels: view !== 'cascade' ? vm.wheels.map((w) => withoutData(renderWheel(w))) : [],
  };
}

function summary(vm: ViewModel): string {
  const kpis = vm.cascade.groups.reduce((n, g) => n + g.counts.kpis, 0);
  return `${plural(vm.cascade.groups.length, 'scorecard')}, ${plural(kpis, 'KPI')}, ${plural(vm.wheels.length, 'polarity wheel')}.`;
}

export function exportHtml(vm: ViewModel, view: PreviewView): string {
  const { cascade, wheels } = pictures(vm, view);
  const sections: string[] = [];
  if (cascade) {
    sections.push(`<section class="kl-section"><h2>Cascade</h2><div class="kl-figure">${toMarkup(cascade.legend)}</div><div class="kl-figure">${toMarkup(cascade.svg)}</div></section>`);
  }
  if (view !== 'cascade') {
    const body = wheels.length ? wheels.map((w) => `<div class="kl-figure">${toMarkup(w)}</div>`).join('\n') : `<p>${escapeText(NO_WHEEL)}</p>`;
    sections.push(`<section class="kl-section"><h2>Polarity wheels</h2>${body}</section>`);
  }
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>kpilens preview</title>
<style>
${exportCss('html')}
body { margin: 24px; background: var(--kl-bg); color: var(--kl-fg); font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 28px 0 8px; }
.kl-summary { color: var(--kl-muted); margin: 0; }
.kl-figure { overflow-x: auto; margin: 8px 0; }
.kl-figure svg { display: block; }
</style>
</head>
<body>
<h1>kpilens preview</h1>
<p class="kl-summary">${escapeText(summary(vm))}</p>
${sections.join('\n')}
</body>
</html>
`;
}

export function exportSvg(vm: ViewModel, view: PreviewView): string {
  const { cascade, wheels } = pictures(vm, view);
  const parts: El[] = cascade ? [cascade.legend, cascade.svg, ...wheels] : wheels;
  const gap = 24;
  let y = gap;
  let width = 0;
  const placed: El[] = [];
  for (const p of parts) {
    placed.push({ ...p, attrs: { ...p.attrs, xmlns: undefined, x: gap, y } });
    y += Number(p.attrs.height) + gap;
    width = Math.max(width, Number(p.attrs.width) + 2 * gap);
  }
  if (view !== 'cascade' && wheels.length === 0) {
    placed.push(txt('text', { class: 'kl-wheel-note', x: gap, y: y + 12 }, NO_WHEEL));
    y += 12 + gap;
    width = Math.max(width, 480);
  }
  const root = el('svg', { xmlns: SVG_NS, class: 'kl-export', width, height: y, viewBox: `0 0 ${width} ${y}` }, [
    txt('style', {}, exportCss('svg.kl-export')),
    el('rect', { class: 'kl-page', width, height: y }),
    ...placed,
  ]);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${toMarkup(root)}\n`;
}
