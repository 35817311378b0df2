// The preview panel's page: draws the view model it receives by message, follows the editor's
// cursor, and asks the extension to reveal what the user clicks. Everything it shows is built
// with createElementNS and textContent from the renderer's element trees, so text from a
// scorecard can never become markup.
import { attrValue, El } from '../../server/src/engine/view/el';
import { renderCascade, renderLegend, SVG_NS } from '../../server/src/engine/view/render-cascade';
import { polarityKey, renderWheel } from '../../server/src/engine/view/render-wheel';
import { RENDER_CSS } from '../../server/src/engine/view/style';
import type { CascadeLayout } from '../../server/src/engine/view/layout';
import type { SourceRange, ViewModel } from '../../server/src/engine/view/types';
import type { FromWebview, PreviewState, ToWebview } from './protocol';

declare function acquireVsCodeApi(): {
  postMessage(message: FromWebview): void;
  getState(): PreviewState | undefined;
  setState(state: PreviewState): void;
};

/** Past this many KPIs, a new preview starts with every scorecard but the current one collapsed. */
const LARGE = 200;
const MIN_ZOOM = 0.1;
const MAX_ZOOM = 3;

const vscode = acquireVsCodeApi();
const restored = vscode.getState();
const state: PreviewState = { view: 'cascade', collapsed: [], ...restored };
let model: ViewModel | undefined;
let layout: CascadeLayout | undefined;
let cursor: { uri: string; offset: number } | undefined;
/** Where each clickable key points in the source. */
let ranges = new Map<string, SourceRange>();

// The pictures' rules are the exports' rules; a constructed sheet applies them without an
// inline <style>, which the CSP does not allow.
const sheet = new CSSStyleSheet();
sheet.replaceSync(RENDER_CSS);
document.adoptedStyleSheets = [sheet];

function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = Object.assign(document.createElement(tag), props);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The renderer's element tree as SVG DOM. */
function build(e: El): SVGElement {
  const node = document.createElementNS(SVG_NS, e.tag);
  for (const [k, v] of Object.entries(e.attrs)) {
    // The renderer never writes event handlers; refusing them keeps it that way.
    if (v !== undefined && k !== 'xmlns' && !/^on/i.test(k)) node.setAttribute(k, attrValue(v));
  }
  if (e.text !== undefined) node.textContent = e.text;
  for (const c of e.children) node.appendChild(build(c));
  return node;
}

const toolbar = h('div', { className: 'toolbar', role: 'toolbar' });
const cascadeTab = h('button', { type: 'button', title: 'The KPI cascade of the workspace' }, 'Cascade');
const wheelTab = h('button', { type: 'button', title: 'The polarity wheel of a scorecard' }, 'Polarity wheel');
const wheelPick = h('select', { className: 'wheel-only', title: 'Scorecard' });
const zoomOut = h('button', { type: 'button', className: 'cascade-only', title: 'Zoom out (-)' }, '−');
const zoomIn = h('button', { type: 'button', className: 'cascade-only', title: 'Zoom in (+)' }, '+');
const fit = h('button', { type: 'button', className: 'cascade-only', title: 'Fit to the panel (0)' }, 'Fit');
const collapseAll = h('button', { type: 'button', className: 'cascade-only', title: 'Show every scorecard as its header only' }, 'Collapse all');
const expandAll = h('button', { type: 'button', className: 'cascade-only', title: 'Show every scorecard in full' }, 'Expand all');
const message = h('span', { className: 'message', role: 'status' });
toolbar.append(cascadeTab, wheelTab, wheelPick, zoomOut, zoomIn, fit, collapseAll, expandAll, h('span', { className: 'spacer' }), message);
const legend = h('div', { className: 'legend' });
const stage = h('div', { className: 'stage', tabIndex: 0 });
stage.setAttribute('aria-label', 'Preview; drag to pan, Ctrl+wheel to zoom');
document.body.append(toolbar, legend, stage);
legend.append(build(renderLegend()));

function save(): void {
  vscode.setState(state);
}

function say(text: string, error = false): void {
  message.textContent = text;
  message.classList.toggle('error', error);
}

// ---- drawing

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
    const drawn = renderCascade(model.cascade, { interactive: true, collapsed: new Set(state.collapsed) });
    layout = drawn.layout;
    const svg = build(drawn.svg);
    // The stage sizes the picture; pan and zoom move its content.
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    svg.removeAttribute('viewBox');
    stage.append(svg);
    if (!state.transform) fitView();
    applyTransform();
  } else {
    const wheel = model.wheels.find((w) => w.key === state.wheel) ?? model.wheels.find((w) => w.key === model!.focus) ?? model.wheels[0];
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

function index(m: ViewModel): void {
  ranges = new Map();
  for (const g of m.cascade.groups) ranges.set(g.key, g);
  for (const n of m.cascade.nodes) ranges.set(n.key, n);
  for (const d of m.cascade.disturbances) ranges.set(d.key, d);
  for (const w of m.wheels) {
    // A polarity without an assessment is not in the text: a click shows the wheel's place, the cursor never finds it.
    for (const p of w.polarities) ranges.set(polarityKey(w, p), { uri: w.uri, span: p.span ?? { start: -1, end: -1 }, select: p.span ?? w.select });
  }
}

// ---- pan and zoom

function applyTransform(): void {
  const t = state.transform ?? { x: 0, y: 0, k: 1 };
  stage.querySelector('.kl-viewport')?.setAttribute('transform', `translate(${t.x},${t.y}) scale(${t.k})`);
}

function fitView(): void {
  if (!layout) return;
  const k = Math.max(MIN_ZOOM, Math.min(1, stage.clientWidth / layout.width, stage.clientHeight / layout.height));
  state.transform = { x: Math.max(0, (stage.clientWidth - layout.width * k) / 2), y: 0, k };
  applyTransform();
  save();
}

function zoom(factor: number, cx = stage.clientWidth / 2, cy = stage.clientHeight / 2): void {
  const t = state.transform ?? { x: 0, y: 0, k: 1 };
  const k = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, t.k * factor));
  state.transform = { x: cx - ((cx - t.x) * k) / t.k, y: cy - ((cy - t.y) * k) / t.k, k };
  applyTransform();
  save();
}

function pan(dx: number, dy: number): void {
  const t = state.transform ?? { x: 0, y: 0, k: 1 };
  state.transform = { ...t, x: t.x + dx, y: t.y + dy };
  applyTransform();
  save();
}

stage.addEventListener(
  'wheel',
  (e) => {
    if (state.view !== 'cascade') return;
    e.preventDefault();
    // A pinch on a trackpad arrives as a wheel event with ctrlKey set.
    if (e.ctrlKey || e.metaKey) {
      const r = stage.getBoundingClientRect();
      zoom(Math.exp(-e.deltaY / 300), e.clientX - r.left, e.clientY - r.top);
    } else pan(-e.deltaX, -e.deltaY);
  },
  { passive: false },
);

let drag: { x: number; y: number; moved: boolean } | undefined;
stage.addEventListener('pointerdown', (e) => {
  if (state.view !== 'cascade' || e.button !== 0) return;
  drag = { x: e.clientX, y: e.clientY, moved: false };
});
stage.addEventListener('pointermove', (e) => {
  if (!drag) return;
  const dx = e.clientX - drag.x;
  const dy = e.clientY - drag.y;
  if (!drag.moved && Math.hypot(dx, dy) < 4) return;
  if (!drag.moved) stage.setPointerCapture(e.pointerId);
  drag = { x: e.clientX, y: e.clientY, moved: true };
  stage.classList.add('panning');
  pan(dx, dy);
});
const endDrag = () => {
  stage.classList.remove('panning');
  // A drag that moved is a pan, not a click on what it started on.
  if (drag?.moved) setTimeout(() => (drag = undefined));
  else drag = undefined;
};
stage.addEventListener('pointerup', endDrag);
stage.addEventListener('pointercancel', endDrag);

// ---- clicks and keys

function toggle(key: string): void {
  const set = new Set(state.collapsed);
  if (!set.delete(key)) set.add(key);
  state.collapsed = [...set];
  save();
  render();
}

function reveal(key: string): void {
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
    reveal(k.getAttribute('data-key')!);
    return true;
  }
  return false;
}

stage.addEventListener('click', (e) => {
  if (!drag?.moved) act(e.target);
});
stage.addEventListener('keydown', (e) => {
  if ((e.key === 'Enter' || e.key === ' ') && act(e.target)) e.preventDefault();
  else if (state.view !== 'cascade') return;
  else if (e.key === '+' || e.key === '=') zoom(1.25);
  else if (e.key === '-') zoom(0.8);
  else if (e.key === '0') fitView();
  else if (e.key.startsWith('Arrow')) pan(e.key === 'ArrowLeft' ? 60 : e.key === 'ArrowRight' ? -60 : 0, e.key === 'ArrowUp' ? 60 : e.key === 'ArrowDown' ? -60 : 0);
  else return;
  e.preventDefault();
});

cascadeTab.addEventListener('click', () => {
  state.view = 'cascade';
  save();
  render();
});
wheelTab.addEventListener('click', () => {
  state.view = 'wheel';
  save();
  render();
});
wheelPick.addEventListener('change', () => {
  state.wheel = wheelPick.value;
  save();
  render();
});
zoomIn.addEventListener('click', () => zoom(1.25));
zoomOut.addEventListener('click', () => zoom(0.8));
fit.addEventListener('click', fitView);
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

// ---- the editor's cursor

/** The innermost range of the cursor's document that holds the cursor. */
function keyAtCursor(): string | undefined {
  if (!cursor) return undefined;
  let best: string | undefined;
  let size = Infinity;
  for (const [key, r] of ranges) {
    if (r.uri !== cursor.uri || cursor.offset < r.span.start || cursor.offset > r.span.end) continue;
    if (r.span.end - r.span.start < size) {
      best = key;
      size = r.span.end - r.span.start;
    }
  }
  return best;
}

let lastHighlighted: string | undefined;
function highlight(bringIntoView: boolean): void {
  for (const e of stage.querySelectorAll('.kl-current')) e.classList.remove('kl-current');
  const key = keyAtCursor();
  if (!key) return;
  const withKey = (k: string | undefined) => [...stage.querySelectorAll('[data-key]')].filter((e) => e.getAttribute('data-key') === k);
  // A node inside a collapsed scorecard is shown by its scorecard's header.
  const group = model?.cascade.nodes.find((n) => n.key === key)?.group ?? model?.cascade.disturbances.find((d) => d.key === key)?.group;
  const matches = withKey(key);
  const shown = matches.length ? matches : withKey(group);
  for (const e of shown) e.classList.add('kl-current');
  if (bringIntoView && key !== lastHighlighted && shown[0] && state.view === 'cascade') {
    const box = shown[0].getBoundingClientRect();
    const view = stage.getBoundingClientRect();
    if (box.bottom < view.top || box.top > view.bottom || box.right < view.left || box.left > view.right) {
      pan(view.left + view.width / 2 - (box.left + box.width / 2), view.top + view.height / 2 - (box.top + box.height / 2));
    }
  }
  lastHighlighted = key;
}

// ---- messages

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const m = event.data;
  if (m.type === 'model') {
    if (!model && !restored) {
      const kpis = m.model.cascade.groups.reduce((n, g) => n + g.counts.kpis, 0);
      if (kpis > LARGE) state.collapsed = m.model.cascade.groups.filter((g) => !lineOf(m.model, m.model.focus).has(g.key)).map((g) => g.key);
    }
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

/** The focused scorecard and its ancestors, which stay open in a large workspace. */
function lineOf(m: ViewModel, key: string | undefined): Set<string> {
  const out = new Set<string>();
  for (let g = m.cascade.groups.find((x) => x.key === key); g && !out.has(g.key); g = m.cascade.groups.find((x) => x.key === g.parent)) out.add(g.key);
  return out;
}

render();
vscode.postMessage({ type: 'ready' });
