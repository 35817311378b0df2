// Text as the pictures show it. The renderer has no DOM and cannot measure text, so it estimates
// widths from a table: per ASCII character the advance of DejaVu Sans (one of the widest common
// sans-serif faces; Segoe UI, San Francisco and Helvetica are narrower), and per character class
// beyond ASCII a width at least that of the glyphs a browser draws for it. Estimates err wide,
// so a label that fits by the estimate fits on screen; the browser tests check it with real boxes.

/** Bidirectional controls can make a label read differently from what the file says ("Trojan Source"). */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const CONTROL = /[\u0000-\u001F\u007F-\u009F]+/g;
const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/** More than three marks on one letter: no script needs them, "Zalgo" text piles them over the lines around. */
const MARK_PILE = /(\p{M}{3})\p{M}+/gu;

/** One line of text: controls become spaces, bidi controls are shown as their code point, marks piled on a letter are cut to three. */
export function display(s: string): string {
  // Most labels are plain ASCII with single spaces: nothing to do.
  if (/^[\x21-\x7E]+( [\x21-\x7E]+)*$/.test(s)) return s;
  return s
    .replace(CONTROL, ' ')
    .replace(MARK_PILE, '$1')
    .replace(BIDI, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`)
    .replace(/\s+/g, ' ')
    .trim();
}

/** Width in character cells: wide (East Asian, emoji) characters count twice. */
export function width(s: string): number {
  return /^[\x00-\x7F]*$/.test(s) ? s.length : [...s].length + (s.match(WIDE)?.length ?? 0);
}

// Advances in hundredths of an em of the characters 32..126 (space to tilde).
const REGULAR = [
  32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 34, 34, 84, 84, 84, 53, 100, 68, 69, 70, 77, 63, 58,
  77, 75, 29, 29, 66, 56, 86, 75, 79, 60, 79, 69, 63, 61, 73, 68, 99, 69, 61, 69, 39, 34, 39, 84, 50, 50, 61, 63, 55, 63, 62, 35, 63, 63, 28, 28, 58, 28, 97,
  63, 61, 63, 63, 41, 52, 39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84,
];
const BOLD = [
  35, 46, 52, 84, 70, 100, 87, 31, 46, 46, 52, 84, 38, 42, 38, 37, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 40, 40, 84, 84, 84, 58, 100, 77, 76, 73, 83, 68, 68,
  82, 84, 37, 37, 77, 64, 100, 84, 85, 73, 85, 77, 72, 68, 81, 77, 110, 77, 72, 73, 46, 37, 46, 84, 50, 50, 67, 72, 59, 72, 68, 44, 72, 71, 34, 34, 67, 34, 104,
  71, 69, 72, 72, 49, 60, 48, 71, 65, 92, 65, 65, 58, 71, 37, 71, 84,
];

/** Nothing to see: combining and enclosing marks, format controls (zero-width, bidi, tags), variation selectors. */
const ZERO = /^[\p{Mn}\p{Me}\p{Cf}]$/u;
/** Emoji: about an em and a quarter in colour emoji fonts; so are flags' letters and skin tones, drawn apart where a font lacks them. */
const EMOJI = /^\p{Extended_Pictographic}$/u;
const flagOrTone = (c: number) => (c >= 0x1f1e6 && c <= 0x1f1ff) || (c >= 0x1f3fb && c <= 0x1f3ff);
/** East Asian wide and fullwidth: an em. */
const CJK =
  /^[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]$/u;

function em(ch: string, bold: boolean): number {
  const c = ch.codePointAt(0)!;
  if (c >= 32 && c < 127) return (bold ? BOLD : REGULAR)[c - 32] / 100;
  if (c < 32 || (c >= 127 && c < 160)) return 0;
  if (c === 0x2026) return 1;
  if (ZERO.test(ch)) return 0;
  if (EMOJI.test(ch) || flagOrTone(c)) return 1.25;
  if (CJK.test(ch)) return 1;
  // Every other script: at least the widest letters of Latin, Cyrillic, Greek, Arabic or Hebrew.
  return bold ? 0.86 : 0.78;
}

/** The estimated width in pixels of a line of text at a font size; never less than what browsers draw. */
export function textWidth(s: string, size: number, bold = false): number {
  let w = 0;
  for (const ch of s) w += em(ch, bold);
  return w * size;
}

/** A way of measuring a line: characters cells by default, pixels with `pixels()`. */
export type Measure = (s: string) => number;

export function pixels(size: number, bold = false): Measure {
  return (s) => textWidth(s, size, bold);
}

/** Cut to a width, ending in an ellipsis when something was cut. */
export function clip(s: string, max: number, measure: Measure = width): string {
  if (measure(s) <= max) return s;
  const room = max - measure('…');
  let out = '';
  for (const ch of s) {
    if (measure(out + ch) > room) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}

/**
 * Greedy word wrap into at most `maxLines` lines of `max` width (the first line `first`, to leave
 * room for a badge); the last line is clipped.
 */
export function wrap(s: string, max: number, maxLines: number, first = max, measure: Measure = width): string[] {
  return wrapEach(s, (i) => (i === 0 ? first : max), maxLines, measure);
}

/** Word wrap where line `i` may be `limit(i)` wide; a word wider than its line is split, the last line clipped. */
export function wrapEach(s: string, limit: (line: number) => number, maxLines: number, measure: Measure = width): string[] {
  const lines: string[] = [];
  let line = '';
  const words = s.split(' ').filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const max = limit(lines.length);
    if (lines.length === maxLines - 1) {
      lines.push(clip([line, ...words.slice(i)].filter(Boolean).join(' '), max, measure));
      return lines;
    }
    const joined = line ? `${line} ${word}` : word;
    if (measure(joined) <= max) {
      line = joined;
      continue;
    }
    if (line) {
      lines.push(line);
      line = '';
      i--;
      continue;
    }
    // A word wider than a line is split where it must be (between code points, never inside a pair).
    let head = '';
    for (const ch of word) {
      if (head && measure(head + ch) > max) break;
      head += ch;
    }
    lines.push(head);
    words[i] = word.slice(head.length);
    i--;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}
