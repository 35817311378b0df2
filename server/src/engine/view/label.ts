// Text as the pictures show it. The renderer cannot measure text (it has no DOM), so widths are
// estimated in average character widths, counting wide (East Asian, emoji) characters twice.

/** Bidirectional controls can make a label read differently from what the file says ("Trojan Source"). */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const CONTROL = /[\u0000-\u001F\u007F-\u009F]+/g;
const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/** One line of text: controls become spaces, bidi controls are shown as their code point. */
export function display(s: string): string {
  // Most labels are plain ASCII with single spaces: nothing to do.
  if (/^[\x21-\x7E]+( [\x21-\x7E]+)*$/.test(s)) return s;
  return s
    .replace(CONTROL, ' ')
    .replace(BIDI, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`)
    .replace(/\s+/g, ' ')
    .trim();
}

export function width(s: string): number {
  return /^[\x00-\x7F]*$/.test(s) ? s.length : [...s].length + (s.match(WIDE)?.length ?? 0);
}

/** Cut to a width, ending in an ellipsis when something was cut. */
export function clip(s: string, max: number): string {
  if (width(s) <= max) return s;
  let out = '';
  for (const ch of s) {
    if (width(out + ch) > max - 1) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}

/**
 * Greedy word wrap into at most `maxLines` lines of `max` width (the first line `first`, to leave
 * room for a badge); the last line is clipped.
 */
export function wrap(s: string, max: number, maxLines: number, first = max): string[] {
  const lines: string[] = [];
  const limit = () => (lines.length ? max : first);
  let line = '';
  const words = s.split(' ').filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (lines.length === maxLines - 1) {
      lines.push(clip([line, ...words.slice(i)].filter(Boolean).join(' '), limit()));
      return lines;
    }
    const joined = line ? `${line} ${word}` : word;
    if (width(joined) <= limit()) {
      line = joined;
      continue;
    }
    if (line) {
      lines.push(line);
      line = '';
      i--;
      continue;
    }
    // A word wider than a line is split where it must be.
    let head = '';
    for (const ch of word) {
      if (head && width(head + ch) > limit()) break;
      head += ch;
    }
    lines.push(head);
    words[i] = word.slice(head.length);
    i--;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}
