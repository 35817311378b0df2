// The renderer's output: an abstract element tree. It is plain data, so the same picture can
// become a string (the CLI export) or DOM nodes (the webview), and text from a scorecard is
// only ever a `text` value, which both back-ends treat as text, never as markup.

export type Attrs = Record<string, string | number | undefined>;

export interface El {
  tag: string;
  attrs: Attrs;
  children: El[];
  /** Text content; an element has text or children, not both. */
  text?: string;
}

export function el(tag: string, attrs: Attrs = {}, children: (El | false | undefined)[] = []): El {
  return { tag, attrs, children: children.filter((c): c is El => !!c) };
}

export function txt(tag: string, attrs: Attrs, text: string): El {
  return { tag, attrs, children: [], text };
}

/** Characters that XML 1.0 does not allow, lone surrogates included; an SVG file with one would not open. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** C1 and bidirectional controls are legal XML, but they garble or reorder what a reader sees: shown as code points. */
const UNSEEN = /[\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const codePoint = (c: string) => `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`;

export function escapeText(s: string): string {
  return s
    .replace(NOT_XML, '\uFFFD')
    .replace(UNSEEN, codePoint)
    .replace(/[&<>]/g, (c) => ENTITY[c]);
}

export function escapeAttr(s: string): string {
  return s
    .replace(NOT_XML, '\uFFFD')
    .replace(UNSEEN, codePoint)
    .replace(/[&<>"']/g, (c) => ENTITY[c]);
}

/** An attribute value as written: numbers with at most two decimals, which is plenty for pixels. */
export function attrValue(v: string | number): string {
  return typeof v === 'string' ? v : Number.isInteger(v) ? String(v) : v.toFixed(2).replace(/\.?0+$/, '');
}

/** Markup for an element tree (XML syntax, valid inside HTML too); every text and attribute value escaped. */
export function toMarkup(e: El): string {
  const parts: string[] = [];
  const write = (n: El) => {
    parts.push('<', n.tag);
    for (const [k, v] of Object.entries(n.attrs)) {
      if (v !== undefined) parts.push(' ', k, '="', escapeAttr(attrValue(v)), '"');
    }
    if (n.text === undefined && n.children.length === 0) {
      parts.push('/>');
      return;
    }
    parts.push('>');
    if (n.text !== undefined) parts.push(escapeText(n.text));
    for (const c of n.children) write(c);
    parts.push('</', n.tag, '>');
  };
  write(e);
  return parts.join('');
}
