// A picture of the preview as PNG. The page's CSP loads no image (not even its own SVG as a
// blob), so the SVG is not rasterised by the browser: its shapes and texts are painted one by
// one on a canvas, with the colours, fonts and positions the browser computed for them.

function matrixOf(root: SVGSVGElement, e: SVGGraphicsElement): DOMMatrix {
  const r = root.getScreenCTM();
  const m = e.getScreenCTM();
  if (!r || !m) return new DOMMatrix();
  return DOMMatrix.fromMatrix(r.inverse().multiply(m));
}

function dashes(value: string): number[] {
  if (!value || value === 'none') return [];
  return value
    .split(/[\s,]+/)
    .map((v) => parseFloat(v))
    .filter((v) => Number.isFinite(v));
}

function colour(value: string): string | undefined {
  return !value || value === 'none' || value === 'transparent' || value === 'rgba(0, 0, 0, 0)' ? undefined : value;
}

/** The opacity an element is drawn with: its own times its ancestors'. */
function opacity(e: Element, root: Element): number {
  let o = 1;
  for (let n: Element | null = e; n && n !== root.parentElement; n = n.parentElement) o *= parseFloat(getComputedStyle(n).opacity || '1');
  return o;
}

function shape(e: SVGElement): Path2D | undefined {
  const n = (name: string) => parseFloat(e.getAttribute(name) ?? '0') || 0;
  const p = new Path2D();
  switch (e.localName) {
    case 'rect': {
      const rx = n('rx');
      p.roundRect(n('x'), n('y'), n('width'), n('height'), Math.min(rx, n('width') / 2, n('height') / 2));
      return p;
    }
    case 'circle':
      p.arc(n('cx'), n('cy'), n('r'), 0, Math.PI * 2);
      return p;
    case 'path': {
      const d = e.getAttribute('d');
      return d ? new Path2D(d) : undefined;
    }
    default:
      return undefined;
  }
}

function paintShape(ctx: CanvasRenderingContext2D, path: Path2D, style: CSSStyleDeclaration, alpha: number): void {
  const fill = colour(style.fill);
  if (fill) {
    ctx.globalAlpha = alpha * parseFloat(style.fillOpacity || '1');
    ctx.fillStyle = fill;
    ctx.fill(path);
  }
  const stroke = colour(style.stroke);
  const width = parseFloat(style.strokeWidth || '0');
  if (stroke && width > 0) {
    ctx.globalAlpha = alpha * parseFloat(style.strokeOpacity || '1');
    ctx.strokeStyle = stroke;
    ctx.lineWidth = width;
    ctx.setLineDash(dashes(style.strokeDasharray));
    ctx.stroke(path);
    ctx.setLineDash([]);
  }
}

/** A run of text: the element's own text nodes, placed where the browser laid them out. */
function paintText(ctx: CanvasRenderingContext2D, e: SVGTextContentElement, style: CSSStyleDeclaration, alpha: number): void {
  const text = [...e.childNodes]
    .filter((c) => c.nodeType === Node.TEXT_NODE)
    .map((c) => c.textContent ?? '')
    .join('');
  if (!text.trim()) return;
  const box = e.getBBox();
  ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  const y = box.y + box.height / 2;
  const stroke = colour(style.stroke);
  const width = parseFloat(style.strokeWidth || '0');
  if (stroke && width > 0 && style.paintOrder.startsWith('stroke')) {
    ctx.globalAlpha = alpha;
    ctx.strokeStyle = stroke;
    ctx.lineWidth = width;
    ctx.lineJoin = 'round';
    ctx.strokeText(text, box.x, y);
  }
  const fill = colour(style.fill);
  if (fill) {
    ctx.globalAlpha = alpha * parseFloat(style.fillOpacity || '1');
    ctx.fillStyle = fill;
    ctx.fillText(text, box.x, y);
  }
}

/** Paints an SVG picture that is in the document (so that styles apply) on a canvas, `scale` pixels per unit. */
export function paintSvg(root: SVGSVGElement, scale: number): HTMLCanvasElement {
  const width = parseFloat(root.getAttribute('width') ?? '0');
  const height = parseFloat(root.getAttribute('height') ?? '0');
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) return canvas;
  const visit = (e: Element) => {
    if (!(e instanceof SVGElement) || e.localName === 'title' || e.localName === 'style') return;
    const style = getComputedStyle(e);
    if (style.display === 'none') return;
    if (e instanceof SVGGraphicsElement && e !== root) {
      const m = matrixOf(root, e);
      ctx.setTransform(new DOMMatrix().scale(scale).multiply(m));
      const alpha = opacity(e, root);
      if (style.visibility !== 'hidden') {
        if (e instanceof SVGTextContentElement) paintText(ctx, e, style, alpha);
        else {
          const p = shape(e);
          if (p) paintShape(ctx, p, style, alpha);
        }
      }
    }
    for (const c of e.children) visit(c);
  };
  visit(root);
  return canvas;
}
