// The preview's Export menu: the cascade or a wheel as the panel shows them, as SVG or PNG, and
// the whole preview as a page for printing, saved through a download link.
import type { El } from '../../server/src/engine/view/el';
import { exportHtml, stackEl, stackSvg, svgParts } from '../../server/src/engine/view/export';
import type { ViewModel, Wheel } from '../../server/src/engine/view/types';
import { build, button, h } from './dom';
import { paintSvg } from './png';

/** What the menu needs of the page. */
export interface ExportContext {
  model(): ViewModel | undefined;
  wheel(): Wheel | undefined;
  collapsed(): readonly string[];
  width(): number | undefined;
  say(text: string, error?: boolean): void;
  menu: HTMLElement;
  exportButton: HTMLButtonElement;
  exportBox: HTMLElement;
}

let ctx: ExportContext;

function download(name: string, blob: Blob): void {
  const a = h('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}

/** A file name from a scorecard's id or title: letters, digits and dashes. */
function slug(s: string | undefined): string {
  return (
    (s ?? '')
      .normalize('NFKD')
      .replace(/[^\w-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase()
      .slice(0, 60) || 'scorecard'
  );
}

/** The parts of a picture as the panel shows them (layout, folds), for a file. */
function pictureParts(what: 'cascade' | 'wheel'): El[] {
  const model = ctx.model();
  if (!model) return [];
  if (what === 'wheel') {
    const w = ctx.wheel();
    return w ? svgParts(model, 'wheel', { only: new Set([w.key]) }) : [];
  }
  return svgParts(model, 'cascade', { collapsed: new Set(ctx.collapsed()), width: ctx.width() });
}

function fileName(what: 'cascade' | 'wheel', ext: string): string {
  const w = what === 'wheel' ? ctx.wheel() : undefined;
  const id = w ? (ctx.model()?.cascade.groups.find((g) => g.key === w.key)?.id ?? w.title) : undefined;
  return what === 'wheel' ? `${slug(id)}-polarity-wheel.${ext}` : `cascade.${ext}`;
}

function exportSvgFile(what: 'cascade' | 'wheel'): void {
  const parts = pictureParts(what);
  if (parts.length) download(fileName(what, 'svg'), new Blob([stackSvg(parts)], { type: 'image/svg+xml' }));
}

function exportPng(what: 'cascade' | 'wheel'): void {
  const parts = pictureParts(what);
  if (!parts.length) return;
  // Painted from an off-screen copy, in the export palette that matches the theme's brightness.
  const dark = document.body.classList.contains('vscode-dark') || document.body.classList.contains('vscode-high-contrast');
  const holder = h('div', { className: `paint kl-paint-${dark ? 'dark' : 'light'}` });
  holder.setAttribute('aria-hidden', 'true');
  const svg = build(stackEl(parts, undefined, false)) as SVGSVGElement;
  holder.append(svg);
  document.body.append(holder);
  try {
    const canvas = paintSvg(svg, 2);
    canvas.toBlob((blob) => {
      if (blob) download(fileName(what, 'png'), blob);
      else ctx.say('The PNG could not be made.', true);
    }, 'image/png');
  } finally {
    holder.remove();
  }
}

function exportPage(): void {
  const model = ctx.model();
  if (model) download('kpilens-preview.html', new Blob([exportHtml(model, 'both')], { type: 'text/html' }));
}

/** Fills the menu and wires its button. */
export function setupExportMenu(context: ExportContext): void {
  ctx = context;
  const MENU: [string, string, () => void][] = [
    ['Cascade as SVG', 'The cascade as the panel shows it: layout and folds', () => exportSvgFile('cascade')],
    ['Cascade as PNG', 'The cascade as the panel shows it, at twice its size', () => exportPng('cascade')],
    ['Wheel as SVG', 'The polarity wheel of the scorecard chosen in the wheel view', () => exportSvgFile('wheel')],
    ['Wheel as PNG', 'The polarity wheel, at twice its size', () => exportPng('wheel')],
    ['Page for printing (HTML)', 'Everything in one page; printed, one page per scorecard', exportPage],
  ];
  for (const [label, title, run] of MENU) {
    const item = button(label, title, 'menu-item');
    item.setAttribute('role', 'menuitem');
    item.addEventListener('click', () => {
      closeMenu();
      run();
    });
    ctx.menu.append(item);
  }
  function closeMenu(): void {
    ctx.menu.hidden = true;
    ctx.exportButton.setAttribute('aria-expanded', 'false');
  }
  ctx.exportButton.addEventListener('click', () => {
    ctx.menu.hidden = !ctx.menu.hidden;
    ctx.exportButton.setAttribute('aria-expanded', String(!ctx.menu.hidden));
    if (!ctx.menu.hidden) ctx.menu.querySelector('button')?.focus();
  });
  document.addEventListener('click', (e) => {
    if (!ctx.menu.hidden && e.target instanceof Node && !ctx.exportBox.contains(e.target)) closeMenu();
  });
  ctx.menu.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      closeMenu();
      ctx.exportButton.focus();
    }
  });
}
