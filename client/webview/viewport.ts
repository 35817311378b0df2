// Pan and zoom of the preview's picture: the transform kept in the page's state, the wheel, the
// pointer drags and the moves the toolbar, the keys and the cursor ask for.
import type { CascadeLayout } from '../../server/src/engine/view/layout';
import { clampTo } from './places';
import type { PreviewState } from './protocol';

const MIN_ZOOM = 0.1;
const MAX_ZOOM = 4;
/** Room kept around the picture when it is panned to an edge or to an item. */
const EDGE = 24;

/** What pan and zoom need of the page. */
export interface ViewportContext {
  stage: HTMLElement;
  /** Shows the zoom level. */
  zoomLabel: HTMLElement;
  state: PreviewState;
  layout(): CascadeLayout | undefined;
  save(): void;
}

let ctx: ViewportContext;

function transform(): { x: number; y: number; k: number } {
  return ctx.state.transform ?? { x: 0, y: 0, k: 1 };
}

function applyTransform(): void {
  const t = transform();
  ctx.stage.querySelector('.kl-viewport')?.setAttribute('transform', `translate(${t.x},${t.y}) scale(${t.k})`);
  ctx.zoomLabel.textContent = `${Math.round(t.k * 100)}%`;
}

/** Keeps the picture on the stage: no scrolling past its edges, a narrower picture centred. */
function clamp(t: { x: number; y: number; k: number }): { x: number; y: number; k: number } {
  const layout = ctx.layout();
  return layout ? clampTo(t, layout, ctx.stage.clientWidth, ctx.stage.clientHeight) : t;
}

function setTransform(t: { x: number; y: number; k: number }): void {
  ctx.state.transform = clamp(t);
  applyTransform();
  ctx.save();
}

function fitView(): void {
  const layout = ctx.layout();
  if (!layout) return;
  const k = Math.max(MIN_ZOOM, Math.min(1, ctx.stage.clientWidth / layout.width, ctx.stage.clientHeight / layout.height));
  setTransform({ x: 0, y: 0, k });
}

/**
 * Zooms around a point of the stage: the pointer; for keys and buttons, the picture's left edge
 * at mid-height, so that the start of every line (and the vision) stays where it was.
 */
function zoom(factor: number, cx = Math.max(0, transform().x), cy = ctx.stage.clientHeight / 2): void {
  const t = transform();
  const k = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, t.k * factor));
  setTransform({ x: cx - ((cx - t.x) * k) / t.k, y: cy - ((cy - t.y) * k) / t.k, k });
}

function pan(dx: number, dy: number): void {
  const t = transform();
  setTransform({ ...t, x: t.x + dx, y: t.y + dy });
}

/** Brings a box of the picture (in its units) into view at the current zoom, near the top when it must move. */
function reveal(box: { x: number; y: number; w: number; h: number }, always = false): void {
  const t = transform();
  const sw = ctx.stage.clientWidth;
  const sh = ctx.stage.clientHeight;
  const left = t.x + box.x * t.k;
  const top = t.y + box.y * t.k;
  const right = left + box.w * t.k;
  const bottom = top + box.h * t.k;
  let { x, y } = t;
  if (always || top < 0 || bottom > sh) y = EDGE - box.y * t.k;
  if (left < 0 || right > sw) x = Math.min(EDGE, sw - EDGE - box.w * t.k) - box.x * t.k;
  setTransform({ x, y, k: t.k });
}

let drag: { x: number; y: number; moved: boolean } | undefined;

function listen(): void {
  ctx.stage.addEventListener(
    'wheel',
    (e) => {
      if (ctx.state.view !== 'cascade') return;
      e.preventDefault();
      // A pinch on a trackpad arrives as a wheel event with ctrlKey set.
      if (e.ctrlKey || e.metaKey) {
        const r = ctx.stage.getBoundingClientRect();
        zoom(Math.exp(-e.deltaY / 300), e.clientX - r.left, e.clientY - r.top);
      } else pan(-e.deltaX, -e.deltaY);
    },
    { passive: false },
  );

  ctx.stage.addEventListener('pointerdown', (e) => {
    if (ctx.state.view !== 'cascade' || e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY, moved: false };
  });
  ctx.stage.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) ctx.stage.setPointerCapture(e.pointerId);
    drag = { x: e.clientX, y: e.clientY, moved: true };
    ctx.stage.classList.add('panning');
    pan(dx, dy);
  });
  const endDrag = () => {
    ctx.stage.classList.remove('panning');
    // A drag that moved is a pan, not a click on what it started on.
    if (drag?.moved) setTimeout(() => (drag = undefined));
    else drag = undefined;
  };
  ctx.stage.addEventListener('pointerup', endDrag);
  ctx.stage.addEventListener('pointercancel', endDrag);
}

/** Whether the pointer is in a drag that moved, or has just ended one. */
function dragged(): boolean {
  return drag?.moved ?? false;
}

/** Listens to the stage's wheel and pointer; returns the moves the rest of the page asks for. */
export function setupViewport(context: ViewportContext) {
  ctx = context;
  listen();
  return { transform, applyTransform, setTransform, fitView, zoom, pan, reveal, dragged };
}
