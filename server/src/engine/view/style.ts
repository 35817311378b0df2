// How the pictures look. The rules name colours only through --kl-* custom properties, which
// each host defines: the exports with a light and a dark palette below, the webview from VS
// Code's theme colours (client/webview/preview.css). Layout lives in the element tree, so a
// picture stays readable even where no style sheet applies.

export const RENDER_CSS = `
.kl-cascade, .kl-wheel, .kl-legend { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
.kl-band { fill: var(--kl-band); stroke: var(--kl-border); }
.kl-header-bg { fill: var(--kl-header); }
.kl-group-title { font-size: 14px; font-weight: 600; fill: var(--kl-fg); }
.kl-group-meta { font-size: 11px; fill: var(--kl-muted); }
.kl-card { fill: var(--kl-card); stroke: var(--kl-border); }
.kl-kind-vision .kl-card { stroke: var(--kl-accent); stroke-width: 2px; }
.kl-kind-objective .kl-card { stroke: var(--kl-accent); }
.kl-kind-lever .kl-card { stroke-dasharray: 4 2; }
.kl-node.kl-sev-error .kl-card { stroke: var(--kl-error); stroke-width: 2px; }
.kl-node.kl-sev-warning .kl-card { stroke: var(--kl-warning); stroke-width: 1.5px; }
.kl-label { font-size: 12px; font-weight: 600; fill: var(--kl-fg); }
.kl-meta, .kl-dist { font-size: 11px; fill: var(--kl-muted); }
.kl-dist-mark { fill: var(--kl-worsens); font-weight: 700; }
.kl-status-bar { fill: var(--kl-unknown); }
.kl-status-ok .kl-status-bar { fill: var(--kl-ok); }
.kl-status-warn .kl-status-bar { fill: var(--kl-warn); }
.kl-status-alert .kl-status-bar { fill: var(--kl-alert); }
.kl-edge { fill: none; stroke: var(--kl-edge); stroke-width: 1.5px; }
.kl-edge-contributes { stroke: var(--kl-contributes); stroke-dasharray: 2 3; }
.kl-edge-improves { stroke: var(--kl-improves); }
.kl-edge-worsens { stroke: var(--kl-worsens); stroke-dasharray: 7 4; }
.kl-edge.kl-level-low { stroke-width: 1px; }
.kl-edge.kl-level-high { stroke-width: 3px; }
.kl-folded .kl-card { stroke-width: 2px; }
.kl-marker > :first-child { stroke: var(--kl-card); stroke-width: 1.5px; }
.kl-marker.kl-sev-error > :first-child { fill: var(--kl-error); }
.kl-marker.kl-sev-warning > :first-child { fill: var(--kl-warning); }
.kl-marker.kl-sev-info > :first-child { fill: var(--kl-info); }
.kl-marker.kl-sev-hint > :first-child { fill: var(--kl-hint); }
.kl-marker-count { font-size: 10px; font-weight: 700; fill: var(--kl-on-marker); }
.kl-legend-text { font-size: 11px; fill: var(--kl-fg); }
.kl-sector { fill: var(--kl-band); }
.kl-sector.kl-unassessed { fill-opacity: 0.4; }
.kl-grid { fill: none; stroke: var(--kl-border); stroke-width: 0.75px; }
.kl-sector-line { stroke: var(--kl-muted); stroke-width: 1px; }
.kl-bar { fill: var(--kl-accent); fill-opacity: 0.85; }
.kl-bar.kl-overused { fill: var(--kl-alert); }
.kl-overuse-band { fill: var(--kl-alert); fill-opacity: 0.14; }
.kl-pole-ring { fill: var(--kl-header); stroke: var(--kl-bg); }
.kl-pole-label { font-size: 11.5px; font-weight: 600; fill: var(--kl-fg); }
.kl-kpi-ring { fill: var(--kl-accent); stroke: var(--kl-bg); }
.kl-kpis-0 { fill: var(--kl-band); }
.kl-kpis-1 { fill-opacity: 0.2; }
.kl-kpis-2 { fill-opacity: 0.4; }
.kl-kpis-3 { fill-opacity: 0.65; }
.kl-kpi-count { font-size: 11px; font-weight: 600; fill: var(--kl-fg); }
.kl-ring { fill: var(--kl-band); stroke: var(--kl-bg); }
.kl-responsibilities .kl-ring { fill: var(--kl-header); }
.kl-ring-label { font-size: 11px; fill: var(--kl-fg); }
.kl-hub { fill: var(--kl-bg); stroke: var(--kl-border); }
.kl-page { fill: var(--kl-bg); }
.kl-scale { font-size: 9px; fill: var(--kl-muted); paint-order: stroke; stroke: var(--kl-bg); stroke-width: 3px; }
.kl-wheel-title { font-size: 15px; font-weight: 600; fill: var(--kl-fg); }
.kl-wheel-note { font-size: 11px; fill: var(--kl-muted); }
`;

const LIGHT = `--kl-bg: #ffffff; --kl-fg: #1f2328; --kl-muted: #59636e; --kl-card: #ffffff; --kl-border: #d1d9e0;
  --kl-band: #f6f8fa; --kl-header: #e9edf1; --kl-accent: #0969da; --kl-edge: #818b98;
  --kl-ok: #1a7f37; --kl-warn: #bf8700; --kl-alert: #cf222e; --kl-unknown: #afb8c1;
  --kl-error: #cf222e; --kl-warning: #9a6700; --kl-info: #0969da; --kl-hint: #6e7781; --kl-on-marker: #ffffff;
  --kl-improves: #1a7f37; --kl-worsens: #cf222e; --kl-contributes: #8250df;`;

const DARK = `--kl-bg: #0d1117; --kl-fg: #e6edf3; --kl-muted: #9198a1; --kl-card: #161b22; --kl-border: #3d444d;
  --kl-band: #151b23; --kl-header: #212830; --kl-accent: #4493f8; --kl-edge: #656c76;
  --kl-ok: #3fb950; --kl-warn: #d29922; --kl-alert: #f85149; --kl-unknown: #656c76;
  --kl-error: #f85149; --kl-warning: #d29922; --kl-info: #4493f8; --kl-hint: #9198a1; --kl-on-marker: #0d1117;
  --kl-improves: #3fb950; --kl-worsens: #f85149; --kl-contributes: #ab7df8;`;

/** The custom properties of a palette, to set on an element. */
export function palette(scheme: 'light' | 'dark'): string {
  return scheme === 'light' ? LIGHT : DARK;
}

/** The style sheet of an exported file: both palettes, chosen by the viewer's colour scheme. */
export function exportCss(scope: string): string {
  return `${scope} { ${LIGHT} color-scheme: light dark; }
@media (prefers-color-scheme: dark) { ${scope} { ${DARK} } }
${RENDER_CSS}`;
}
