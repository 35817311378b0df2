// Building the page: HTML elements with their text set as text, and the renderer's element trees
// as SVG DOM.
import { attrValue } from '../../server/src/engine/view/el';
import type { El } from '../../server/src/engine/view/el';
import { SVG_NS } from '../../server/src/engine/view/render-cascade';

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = Object.assign(document.createElement(tag), props);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The renderer's element tree as SVG DOM. */
export function build(e: El): SVGElement {
  const node = document.createElementNS(SVG_NS, e.tag);
  for (const [k, v] of Object.entries(e.attrs)) {
    // The renderer never writes event handlers; refusing them keeps it that way.
    if (v !== undefined && k !== 'xmlns' && !/^on/i.test(k)) node.setAttribute(k, attrValue(v));
  }
  if (e.text !== undefined) node.textContent = e.text;
  for (const c of e.children) node.appendChild(build(c));
  return node;
}

export function button(label: string, title: string, className = ''): HTMLButtonElement {
  return h('button', { type: 'button', title, className }, label);
}
