// Where an edit falls in a scorecard's text: how the text divides into top-level blocks and
// list items, and the range two versions of a text differ in.
import { ITEM_LISTS } from '../model/model';
import type { Span } from '../types';

/** A top-level key and its lines: from its line to the next top-level key (or the end). */
export interface Block {
  key: string;
  start: number;
  end: number;
  /** For a block sequence of items: the column of its dashes and where each item's lines start. */
  items?: { indent: number; starts: number[] };
}

/** How a scorecard's text divides into blocks and items, and the span of the top-level mapping. */
export interface Layout {
  blocks: Block[];
  /** The index of each block in `blocks`, by key: a file may hold hundreds of thousands of blocks. */
  byKey: Map<string, number>;
  root: Span;
}

/**
 * The changed range: the longest common prefix, then the longest common suffix of the rest.
 * Whole chunks are compared as strings first, which is many times faster than a character loop.
 */
export function changedRange(old: string, text: string): { start: number; oldEnd: number; newEnd: number } {
  const CHUNK = 1024;
  const min = Math.min(old.length, text.length);
  let start = 0;
  while (start + CHUNK <= min && old.slice(start, start + CHUNK) === text.slice(start, start + CHUNK)) start += CHUNK;
  while (start < min && old.charCodeAt(start) === text.charCodeAt(start)) start++;
  let oldEnd = old.length;
  let newEnd = text.length;
  while (oldEnd - CHUNK >= start && newEnd - CHUNK >= start && old.slice(oldEnd - CHUNK, oldEnd) === text.slice(newEnd - CHUNK, newEnd)) {
    oldEnd -= CHUNK;
    newEnd -= CHUNK;
  }
  while (oldEnd > start && newEnd > start && old.charCodeAt(oldEnd - 1) === text.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return { start, oldEnd, newEnd };
}

/** Whether lines (ending in a newline) are one list item: a dash at `indent`, then only deeper, blank or comment lines. */

/** Column-0 lines that start a top-level block: a plain key and a colon. */
const KEY_LINE = /^([A-Za-z0-9_][A-Za-z0-9_-]*)[ ]*:(?=[ \n]|$)/;

/** Where each top-level block starts and, for the lists, where their items start; undefined when in doubt. */
export function scanLayout(text: string): Omit<Layout, 'root'> | undefined {
  const blocks: Block[] = [];
  const byKey = new Map<string, number>();
  for (let p = 0; p < text.length;) {
    let eol = text.indexOf('\n', p);
    if (eol < 0) eol = text.length;
    const line = text.slice(p, eol);
    const content = line.trimStart();
    // Nothing but comments and blank lines may come before the first key.
    if (!blocks.length && content !== '' && content[0] !== '#' && !KEY_LINE.test(line)) return undefined;
    const c = text[p];
    if (p < eol && c !== ' ' && c !== '#' && !(c === '-' && !text.startsWith('---', p))) {
      const m = KEY_LINE.exec(line);
      if (!m || byKey.has(m[1])) return undefined;
      if (blocks.length) blocks[blocks.length - 1].end = p;
      byKey.set(m[1], blocks.length);
      blocks.push({ key: m[1], start: p, end: text.length });
    }
    p = eol + 1;
  }
  for (const b of blocks) if ((ITEM_LISTS as readonly string[]).includes(b.key)) b.items = itemStarts(text, b);
  return blocks.length ? { blocks, byKey } : undefined;
}

/** The item lines of a block sequence: a dash at one indentation, every other content line deeper. */
function itemStarts(text: string, b: Block): Block['items'] {
  const starts: number[] = [];
  let indent = -1;
  let p = text.indexOf('\n', b.start) + 1;
  // The key line holds nothing but the key and maybe a comment.
  if (p <= 0 || !/^[^:]*:[ ]*(#.*)?$/.test(text.slice(b.start, p - 1))) return undefined;
  while (p > 0 && p < b.end) {
    let eol = text.indexOf('\n', p);
    if (eol < 0) eol = text.length;
    let n = p;
    while (n < eol && text.charCodeAt(n) === 32) n++;
    if (n < eol && text[n] !== '#') {
      if (indent < 0) indent = n - p;
      if (n - p < indent || (n - p === indent && (text[n] !== '-' || (n + 1 < eol && text[n + 1] !== ' ')))) return undefined;
      if (n - p === indent) starts.push(p);
    }
    p = eol + 1;
  }
  return starts.length ? { indent, starts } : undefined;
}
