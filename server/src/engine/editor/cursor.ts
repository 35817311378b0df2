import type { Segment } from '../syntax/schema-path';
import type { Span } from '../types';

// Where in the YAML structure a cursor sits, read from the text around it rather than from a
// parse: while someone types, the document is rarely valid YAML. Block structure comes from
// indentation and `- ` markers on the lines above; flow collections (`[a, b]`, `{ k: v }`) are
// read on the cursor's own line. List positions in paths are -1 (which item does not matter).

export type CursorContext =
  | {
      position: 'key' | 'value';
      /** Key position: the path of the mapping the key goes into. Value position: the path of the value. */
      path: Segment[];
      /** The text typed so far, which a completion replaces. */
      prefix: Span;
      /** Key position: the keys the mapping already has; in a list, the plain values of its other items. */
      present: string[];
      /** The column of the key being typed, or of the key whose value is typed. */
      column: number;
      /** The cursor follows `key:` directly, so a value needs a space before it. */
      needsSpace: boolean;
      /** Key position in block style, with nothing on the line but the typed text (after `- ` when `dash`). */
      block: boolean;
      /** The line starts a new list item (`- `) before the typed text. */
      dash: boolean;
    }
  | { position: 'suppression'; prefix: Span; present: string[] };

interface Line {
  blank: boolean;
  indent: number;
  /** Column of the last `- ` marker, when the line starts a list item. */
  dash?: number;
  /** Column where the content after indentation and markers starts. */
  content: number;
  key?: string;
  /** Offset (in the line) just after the key's colon. */
  afterColon?: number;
}

const KEY_RE = /^("[^"\n]*"|'[^'\n]*'|[^\s#:{}[\],"'][^#:{}[\],\n]*?)[ \t]*:(?=[ \t]|$)/;
const TOKEN_RE = /[A-Za-z0-9_./-]*$/;

function parseLine(line: string): Line {
  const m = /^( *)((?:-(?: +|$))*)(.*)$/s.exec(line)!;
  const indent = m[1].length;
  const content = indent + m[2].length;
  const body = m[3];
  const dash = m[2] ? indent + m[2].trimEnd().lastIndexOf('-') : undefined;
  if (!m[2] && (body.trim() === '' || body.trimStart().startsWith('#'))) return { blank: true, indent, content };
  const k = KEY_RE.exec(body);
  if (!k) return { blank: false, indent, dash, content };
  const raw = k[1];
  const key = /^["']/.test(raw) ? raw.slice(1, -1) : raw;
  return { blank: false, indent, dash, content, key, afterColon: content + k[0].length };
}

function linesOf(text: string): { lines: string[]; starts: number[] } {
  const lines: string[] = [];
  const starts: number[] = [];
  const re = /\r\n|\r|\n/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    starts.push(last);
    lines.push(text.slice(last, m.index));
    last = m.index + m[0].length;
  }
  starts.push(last);
  lines.push(text.slice(last));
  return { lines, starts };
}

/** The plain value of a list item's line (`- ana # lead` gives `ana`), or undefined when it holds a key or a collection. */
function scalarItem(line: string, l: Line): string | undefined {
  if (l.key !== undefined) return undefined;
  const v = line
    .slice(l.content)
    .replace(/(^|\s)#.*$/, '')
    .trim()
    .replace(/^(["'])(.*)\1$/, '$2');
  return v && !/^[{[]/.test(v) ? v : undefined;
}

/**
 * The path of the collection whose entries sit at column `need` (a mapping's keys, or a
 * sequence's `-` markers when `mode` is 'seq'), found from the lines above `from`. Keys of the
 * starting mapping, or the plain values of the starting sequence, seen on the way are added to `present`.
 */
function ownerPath(lines: readonly string[], from: number, need: number, mode: 'map' | 'seq', present: string[]): Segment[] | undefined {
  const path: Segment[] = [];
  let collecting = true;
  const enterItem = (l: Line) => {
    path.push(-1);
    need = l.dash!;
    mode = 'seq';
    collecting = false;
  };
  for (let i = from - 1; i >= 0; i--) {
    const l = parseLine(lines[i]);
    if (l.blank) continue;
    if (mode === 'map') {
      if (l.content > need) continue;
      if (l.content === need) {
        if (collecting && l.key !== undefined) present.push(l.key);
        if (l.dash !== undefined) enterItem(l);
        continue;
      }
    } else {
      const item = collecting && l.dash === need ? scalarItem(lines[i], l) : undefined;
      if (item !== undefined) present.push(item);
      if (l.dash === need || l.content > need || (l.dash !== undefined && l.dash > need)) continue;
    }
    // A line further left: the key whose value holds what we came from.
    if (l.key === undefined) return undefined;
    path.push(l.key);
    need = l.content;
    mode = 'map';
    collecting = false;
    if (l.dash !== undefined) enterItem(l);
  }
  return mode === 'map' ? path.reverse() : undefined;
}

/** Keys at column `need` below line `from`, up to the end of that mapping. */
function keysBelow(lines: readonly string[], from: number, need: number, present: string[]): void {
  for (let i = from + 1; i < lines.length; i++) {
    const l = parseLine(lines[i]);
    if (l.blank) continue;
    if (l.indent < need) return;
    if (l.content === need && l.dash === undefined && l.key !== undefined) present.push(l.key);
  }
}

/** The plain values of the items below line `from` of a list whose `-` markers sit at column `dash`. */
function itemsBelow(lines: readonly string[], from: number, dash: number, present: string[]): void {
  for (let i = from + 1; i < lines.length; i++) {
    const l = parseLine(lines[i]);
    if (l.blank) continue;
    if (l.indent < dash) return;
    const item = l.dash === dash ? scalarItem(lines[i], l) : undefined;
    if (item !== undefined) present.push(item);
  }
}

interface Frame {
  kind: 'map' | 'seq';
  key?: string;
  keys: string[];
  /** The plain values a flow list holds before the cursor. */
  items: string[];
}

/** Open flow collections at the end of a value's text; undefined when the end is inside a quoted string or a comment. */
function flowFrames(value: string): Frame[] | undefined {
  const frames: Frame[] = [];
  let tokenStart = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    const top = frames[frames.length - 1];
    if (c === '"' || c === "'") {
      const close = value.indexOf(c, i + 1);
      if (close < 0) return undefined;
      i = close;
    } else if (c === '#' && (i === 0 || /\s/.test(value[i - 1]))) {
      return undefined;
    } else if (c === '{' || c === '[') {
      frames.push({ kind: c === '{' ? 'map' : 'seq', keys: [], items: [] });
      tokenStart = i + 1;
    } else if (c === '}' || c === ']') {
      frames.pop();
      tokenStart = i + 1;
    } else if (c === ',') {
      if (top?.kind === 'map') top.key = undefined;
      const item = value
        .slice(tokenStart, i)
        .trim()
        .replace(/^["']|["']$/g, '');
      if (top?.kind === 'seq' && item) top.items.push(item);
      tokenStart = i + 1;
    } else if (c === ':' && top?.kind === 'map' && top.key === undefined && (i + 1 === value.length || /\s/.test(value[i + 1]))) {
      top.key = value
        .slice(tokenStart, i)
        .trim()
        .replace(/^["']|["']$/g, '');
      top.keys.push(top.key);
    }
  }
  return frames;
}

const SUPPRESSION_RE = /#\s*kpilens-disable-(?:next-line|line|file)\b([^#]*)$/;

/** What the cursor at `offset` is typing: a key, a value (with its path), or a rule id in a suppression comment. */
export function cursorContext(text: string, offset: number): CursorContext | undefined {
  const { lines, starts } = linesOf(text);
  let row = starts.length - 1;
  while (row > 0 && starts[row] > offset) row--;
  const before = lines[row].slice(0, offset - starts[row]);
  const token = TOKEN_RE.exec(before)![0];
  const prefix = { start: offset - token.length, end: offset };

  const sup = SUPPRESSION_RE.exec(before);
  if (sup) {
    const present = sup[1].split(/[\s,]+/).filter((x) => x && x !== token);
    return { position: 'suppression', prefix, present };
  }
  const m = /^( *)((?:-(?: +|$))*)(.*)$/s.exec(before)!;
  const indent = m[1].length;
  const dash = m[2].length > 0;
  const column = indent + m[2].length;
  const body = m[3];
  const present: string[] = [];
  const dashColumn = indent + m[2].trimEnd().lastIndexOf('-');
  const owner = () => (dash ? ownerPath(lines, row, dashColumn, 'seq', present)?.concat(-1) : ownerPath(lines, row, column, 'map', present));

  const k = KEY_RE.exec(body);
  // A list item written as a flow collection (`- { date: 2026-01-31, va`): the item itself is the
  // outermost frame, so the path of the list (which ends with the item) is where the frames start.
  const flowItem = !k && dash && /^[{[]/.test(body);
  if (!k && !flowItem) {
    if (body !== token) return undefined;
    const path = owner();
    if (!path) return undefined;
    keysBelow(lines, row, column, present);
    if (dash) itemsBelow(lines, row, dashColumn, present);
    return { position: 'key', path, prefix, present, column, needsSpace: false, block: true, dash };
  }
  const base = owner();
  if (!base) return undefined;
  if (k) base.push(/^["']/.test(k[1]) ? k[1].slice(1, -1) : k[1]);
  const value = k ? body.slice(k[0].length) : body;
  const frames = flowFrames(value);
  if (!frames || (flowItem && frames.length === 0)) return undefined;
  const needsSpace = text[prefix.start - 1] === ':';
  if (frames.length === 0) {
    return { position: 'value', path: base, prefix, present: [], column, needsSpace, block: false, dash };
  }
  const path = [...base];
  for (const f of frames.slice(0, -1)) {
    if (f.kind === 'seq') path.push(-1);
    else if (f.key !== undefined) path.push(f.key);
    else return undefined;
  }
  const top = frames[frames.length - 1];
  if (top.kind === 'seq') return { position: 'value', path: [...path, -1], prefix, present: top.items, column, needsSpace, block: false, dash };
  if (top.key !== undefined) return { position: 'value', path: [...path, top.key], prefix, present: [], column, needsSpace, block: false, dash };
  return { position: 'key', path, prefix, present: top.keys, column, needsSpace: false, block: false, dash };
}

/** The key under an offset and its path (for hovers), or undefined when the offset is not on a key. */
export function keyAt(text: string, offset: number): { path: Segment[]; span: Span } | undefined {
  let start = offset;
  let end = offset;
  while (start > 0 && /[A-Za-z0-9_-]/.test(text[start - 1])) start--;
  while (end < text.length && /[A-Za-z0-9_-]/.test(text[end])) end++;
  if (start === end || !/^[ \t]*:(?:[ \t]|$|[\r\n])/.test(text.slice(end, end + 3) || ':')) return undefined;
  const ctx = cursorContext(text, end);
  if (!ctx || ctx.position !== 'key') return undefined;
  return { path: [...ctx.path, text.slice(start, end)], span: { start, end } };
}
