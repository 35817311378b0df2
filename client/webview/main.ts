// The preview panel's page: draws the view model it receives by message, follows the editor's
// cursor, and asks the extension to reveal what the user clicks. Everything it shows is built
// with createElementNS and textContent from the renderer's element trees, so text from a
// scorecard can never become markup.
//
// The cascade opens on the scorecard of the editor with its parent and children, the rest
// folded to their headers, at full size: its layout follows the panel's width (columns when they
// fit, an outline otherwise), so the cards stay readable in a side panel.
import type { CascadeLayout } from '../../server/src/engine/view/layout';
import { legendItems, renderCascade } from '../../server/src/engine/view/render-cascade';
import { renderWheel } from '../../server/src/engine/view/render-wheel';
import { palette, RENDER_CSS } from '../../server/src/engine/view/style';
import type { SourceRange, ViewModel } from '../../server/src/engine/view/types';
import { build, button, h } from './dom';
import { setupExportMenu } from './export-menu';
import { aroundFocus, innermostAt, sourceRanges } from './places';
import type { PreviewState, ToWebview } from './protocol';
import { setupViewport } from './viewport';

const vscode = acquireVsCodeApi();
const restored = vscode.getState();
const state: PreviewState = { view: 'cascade', collapsed: [], ...restored };
let model: ViewModel | undefined;
let layout: CascadeLayout | undefined;
let cursor: { uri: string; offset: number } | undefined;
/** The item last clicked: its lines stay lit. */
let selected: string | undefined;
/** Where each clickable key points in the source. */
let ranges = new Map<string, SourceRange>();

// The pictures' rules are the exports' rules; a constructed sheet applies them without an
// inline <style>, which the CSP does not allow. The export palettes serve the PNG pictures.
const sheet = new CSSStyleSheet();
sheet.replaceSync(`${RENDER_CSS}\n.kl-paint-light { ${palette('light')} }\n.kl-paint-dark { ${palette('dark')} }`);
document.adoptedStyleSheets = [sheet];

const toolbar = h('div', { className: 'toolbar', role: 'toolbar' });
const cascadeTab = button('Cascade', 'The KPI cascade of the workspace');
const wheelTab = button('Polarity wheel', 'The polarity wheel of a scorecard');
const wheelPick = h('select', { className: 'wheel-only', title: 'Scorecard' });
const zoomOut = button('−', 'Zoom out (-)', 'cascade-only');
const zoomReset = button('100%', 'Actual size (1)', 'cascade-only zoom-level');
const zoomIn = button('+', 'Zoom in (+)', 'cascade-only');
const fit = button('Fit', 'Fit the whole picture in the panel (0)', 'cascade-only');
const focusNow = button('Current', 'Show the current scorecard with its parent and children; fold the rest', 'cascade-only');
const collapseAll = button('Collapse all', 'Show every scorecard as its header only', 'cascade-only');
const expandAll = button('Expand all', 'Show every scorecard and objective in full', 'cascade-only');
const exportButton = button('Export…', 'Save the picture as SVG, PNG or HTML');
exportButton.setAttribute('aria-haspopup', 'menu');
exportButton.setAttribute('aria-expanded', 'false');
const menu = h('div', { className: 'menu', role: 'menu', hidden: true });
const message = h('span', { className: 'message', role: 'status' });
const exportBox = h('span', { className: 'export' });
exportBox.append(exportButton, menu);
toolbar.append(
  cascadeTab,
  wheelTab,
  wheelPick,
  zoomOut,
  zoomReset,
  zoomIn,
  fit,
  focusNow,
  collapseAll,
  expandAll,
  exportBox,
  h('span', { className: 'spacer' }),
  message,
);
const legend = h('div', { className: 'legend', role: 'list' });
legend.setAttribute('aria-label', 'Legend');
const stage = h('div', { className: 'stage', tabIndex: 0 });
stage.setAttribute('aria-label', 'Preview; drag or scroll to pan, Ctrl+wheel to zoom');
document.body.append(toolbar, legend, stage);
// The legend wraps like text: each sample a small picture, each word text.
for (const { sample, label } of legendItems()) {
  const item = h('span', { className: 'legend-item', role: 'listitem' });
  const svg = build({ tag: 'svg', attrs: { width: 24, height: 20, viewBox: '-1 -1 24 20', 'aria-hidden': 'true' }, children: [sample] });
  item.append(svg, h('span', {}, label));
  legend.append(item);
}

function save(): void {
  vscode.setState(state);
}

function say(text: string, error = false): void {
  message.textContent = text;
  message.classList.toggle('error', error);
}

// ---- drawing

/** The width the cascade is laid out for: the panel's. */
function stageWidth(): number {
  return Math.max(0, stage.clientWidth);
}
let laidOutFor = 0;

function render(): void {
  const cascade = state.view === 'cascade';
  cascadeTab.setAttribute('aria-pressed', String(cascade));
  wheelTab.setAttribute('aria-pressed', String(!cascade));
  for (const e of toolbar.querySelectorAll<HTMLElement>('.cascade-only')) e.hidden = !cascade;
  wheelPick.hidden = cascade;
  legend.hidden = !cascade;
  stage.replaceChildren();
  layout = undefined;
  if (!model) return;
  if (cascade) {
    if (!model.cascade.groups.length) return void stage.append(h('p', { className: 'empty' }, 'No scorecard in this workspace.'));
    laidOutFor = stageWidth();
    const drawn = renderCascade(model.cascade, { interactive: true, collapsed: new Set(state.collapsed), width: laidOutFor || undefined });
    layout = drawn.layout;
    const svg = build(drawn.svg);
    // The stage sizes the picture; pan and zoom move its content.
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    svg.removeAttribute('viewBox');
    stage.append(svg);
    if (!state.transform) showFocus();
    applyTransform();
  } else {
    const wheel = currentWheel();
    wheelPick.replaceChildren(...model.wheels.map((w) => h('option', { value: w.key, selected: w === wheel }, w.title)));
    if (!wheel) return void stage.append(h('p', { className: 'empty' }, 'No scorecard assesses polarities or has KPIs that serve poles.'));
    const svg = build(renderWheel(wheel));
    svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    stage.append(svg);
  }
  highlight(false);
}

function currentWheel() {
  if (!model) return undefined;
  return model.wheels.find((w) => w.key === state.wheel) ?? model.wheels.find((w) => w.key === model!.focus) ?? model.wheels[0];
}

function index(m: ViewModel): void {
  ranges = sourceRanges(m);
}

// A narrower or wider panel gets a layout of its own.
new ResizeObserver(() => {
  if (state.view === 'cascade' && model && Math.abs(stageWidth() - laidOutFor) >= 8) render();
}).observe(stage);

// ---- pan and zoom

const { transform, applyTransform, setTransform, fitView, zoom, pan, reveal, dragged } = setupViewport({
  stage,
  zoomLabel: zoomReset,
  state,
  layout: () => layout,
  save,
});

/** At full size, with the current scorecard's header at the top. */
function showFocus(): void {
  const g = layout?.groups.find((x) => x.group.key === model?.focus) ?? layout?.groups.find((x) => !x.collapsed);
  state.transform = { x: 0, y: 0, k: 1 };
  if (g) reveal({ x: g.x, y: g.y, w: Math.min(g.w, stage.clientWidth), h: 1 }, g.y > 0);
  else setTransform(state.transform);
}

// ---- lines on demand: those of the item under the pointer, the one clicked and the one at the cursor

let hovered: string | undefined;
function light(): void {
  const svg = stage.querySelector('svg.kl-cascade');
  if (!svg) return;
  const keys = new Set([hovered, selected, current].filter((k): k is string => !!k));
  let any = false;
  for (const e of svg.querySelectorAll('.kl-edge')) {
    const lit = keys.has(e.getAttribute('data-from') ?? '') || keys.has(e.getAttribute('data-to') ?? '');
    e.classList.toggle('kl-lit', lit);
    any ||= lit;
  }
  svg.classList.toggle('kl-lighting', any);
}
stage.addEventListener('pointerover', (e) => {
  const k = e.target instanceof Element ? e.target.closest('.kl-node, .kl-group-header')?.getAttribute('data-key') : undefined;
  if ((k ?? undefined) !== hovered) {
    hovered = k ?? undefined;
    light();
  }
});
stage.addEventListener('pointerleave', () => {
  hovered = undefined;
  light();
});

// ---- clicks and keys

function toggle(key: string): void {
  const set = new Set(state.collapsed);
  if (!set.delete(key)) set.add(key);
  state.collapsed = [...set];
  save();
  render();
}

function revealInEditor(key: string): void {
  const r = ranges.get(key);
  if (r) vscode.postMessage({ type: 'reveal', uri: r.uri, span: r.select });
}

function act(target: EventTarget | null): boolean {
  const e = target instanceof Element ? target : null;
  const t = e?.closest('[data-toggle]');
  if (t) {
    toggle(t.getAttribute('data-toggle')!);
    return true;
  }
  const k = e?.closest('[data-key]');
  if (k && ranges.has(k.getAttribute('data-key')!)) {
    selected = k.getAttribute('data-key')!;
    light();
    revealInEditor(selected);
    return true;
  }
  return false;
}

stage.addEventListener('click', (e) => {
  if (!dragged()) act(e.target);
});
stage.addEventListener('keydown', (e) => {
  if ((e.key === 'Enter' || e.key === ' ') && act(e.target)) e.preventDefault();
  else if (state.view !== 'cascade') return;
  else if (e.key === '+' || e.key === '=') zoom(1.25);
  else if (e.key === '-') zoom(0.8);
  else if (e.key === '0') fitView();
  else if (e.key === '1') zoomTo(1);
  else if (e.key.startsWith('Arrow'))
    pan(e.key === 'ArrowLeft' ? 60 : e.key === 'ArrowRight' ? -60 : 0, e.key === 'ArrowUp' ? 60 : e.key === 'ArrowDown' ? -60 : 0);
  else return;
  e.preventDefault();
});

function zoomTo(k: number): void {
  zoom(k / transform().k);
}

function setView(view: PreviewState['view']): void {
  state.view = view;
  save();
  render();
}

cascadeTab.addEventListener('click', () => setView('cascade'));
wheelTab.addEventListener('click', () => setView('wheel'));
wheelPick.addEventListener('change', () => {
  state.wheel = wheelPick.value;
  save();
  render();
});
zoomIn.addEventListener('click', () => zoom(1.25));
zoomOut.addEventListener('click', () => zoom(0.8));
zoomReset.addEventListener('click', () => zoomTo(1));
fit.addEventListener('click', fitView);
focusNow.addEventListener('click', () => {
  if (!model) return;
  state.collapsed = aroundFocus(model);
  state.transform = undefined;
  save();
  render();
});
collapseAll.addEventListener('click', () => {
  state.collapsed = model?.cascade.groups.map((g) => g.key) ?? [];
  save();
  render();
});
expandAll.addEventListener('click', () => {
  state.collapsed = [];
  save();
  render();
});

// ---- export

setupExportMenu({
  model: () => model,
  wheel: currentWheel,
  collapsed: () => state.collapsed,
  width: () => laidOutFor || stageWidth() || undefined,
  say,
  menu,
  exportButton,
  exportBox,
});

// ---- the editor's cursor

/** The innermost range of the cursor's document that holds the cursor. */
function keyAtCursor(): string | undefined {
  return cursor ? innermostAt(ranges, cursor) : undefined;
}

/** Unfolds what hides a node (its scorecard, its objective), so that the cursor's item shows. */
function unfoldFor(key: string): boolean {
  let changed = false;
  for (let i = 0; i < 2 && layout; i++) {
    const by = layout.hidden.get(key);
    if (!by || !state.collapsed.includes(by)) break;
    state.collapsed = state.collapsed.filter((k) => k !== by);
    changed = true;
    render();
  }
  if (changed) save();
  return changed;
}

/** The item at the editor's cursor (its lines are lit), and the last one brought into view. */
let current: string | undefined;
let revealed: string | undefined;
function highlight(bringIntoView: boolean): void {
  const key = keyAtCursor();
  current = key;
  const moved = bringIntoView && key !== undefined && key !== revealed;
  // Unfolding re-renders, which highlights again: mark the item after it.
  if (moved && state.view === 'cascade') unfoldFor(key);
  for (const e of stage.querySelectorAll('.kl-current')) e.classList.remove('kl-current');
  if (key) {
    const withKey = (k: string | undefined) => [...stage.querySelectorAll('[data-key]')].filter((e) => e.getAttribute('data-key') === k);
    // A node that is not drawn is shown by what stands for it: its folded objective or its scorecard's header.
    const matches = withKey(key);
    const shown = matches.length ? matches : withKey(layout?.hidden.get(key));
    for (const e of shown) e.classList.add('kl-current');
    if (moved) {
      revealed = key;
      const k = shown[0]?.getAttribute('data-key');
      const box = layout?.nodes.find((n) => n.node.key === k) ?? layout?.groups.find((g) => g.group.key === k);
      if (box && state.view === 'cascade') reveal({ x: box.x, y: box.y, w: box.w, h: 'node' in box ? box.h : 46 });
    }
  }
  light();
}

// ---- messages

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const m = event.data;
  if (m.type === 'model') {
    // A new preview, or one that now follows another scorecard: open on it.
    const first = !model && !restored;
    const moved = !!model && m.model.focus !== undefined && m.model.focus !== state.focus;
    if (first || moved) {
      state.collapsed = aroundFocus(m.model);
      state.transform = undefined;
    }
    if (m.model.focus) state.focus = m.model.focus;
    model = m.model;
    state.uri = m.uri;
    index(model);
    save();
    say('');
    render();
  } else if (m.type === 'cursor') {
    cursor = { uri: m.uri, offset: m.offset };
    highlight(true);
  } else if (m.type === 'error') say(m.message, true);
});

render();
vscode.postMessage({ type: 'ready' });
