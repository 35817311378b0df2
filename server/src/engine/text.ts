import type { LineCol, Span } from './types';

/** A string as a regular expression that matches it literally. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Compares strings by UTF-16 code units, the same on every machine (unlike localeCompare). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Editors drop a byte-order mark; so do we, so that columns agree with the editor's. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Offsets of the first character of every line; a line ends at \n, \r\n or a lone \r. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** 0-based line index of an offset, by binary search over line starts. */
export function lineIndexAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** 1-based line and UTF-16 column of an offset (clamped into the text). */
export function lineCol(starts: readonly number[], offset: number, textLength: number): LineCol {
  const o = Math.max(0, Math.min(offset, textLength));
  const line = lineIndexAt(starts, o);
  return { line: line + 1, column: o - starts[line] + 1 };
}

/** Offset of a 0-based line and character, clamped to the line. */
export function offsetAt(starts: readonly number[], text: string, line: number, character: number): number {
  if (line < 0) return 0;
  if (line >= starts.length) return text.length;
  const lineStart = starts[line];
  const next = line + 1 < starts.length ? starts[line + 1] : text.length;
  let lineEnd = next;
  while (lineEnd > lineStart && (text.charCodeAt(lineEnd - 1) === 10 || text.charCodeAt(lineEnd - 1) === 13)) lineEnd--;
  return Math.min(lineStart + Math.max(0, character), lineEnd);
}

export function spanOf(start: number, end: number): Span {
  return { start, end: Math.max(start, end) };
}

/** The Levenshtein distance, bounded: returns max + 1 as soon as the distance exceeds max. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** "a", "a and b", "a, b and c". */
export function andList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A number as messages show it: at most three decimals, without trailing zeros. */
export function formatNumber(x: number): string {
  return String(Number(x.toFixed(3)));
}
