import type { MapShape } from '../model/model';
import type { TextEdit } from '../types';

// Text edits for fixes that add a key to a mapping. They keep the YAML valid in both styles a
// person writes items in: `- id: x` followed by indented keys, and `- { id: x, name: y }`.

/** The edit that adds `key: valueText` after the last pair of a mapping. */
export function insertKey(text: string, shape: MapShape, key: string, valueText: string): TextEdit {
  const pair = `${key}: ${valueText}`;
  if (shape.flow) {
    if (shape.keys.length === 0) return insertAt(shape.span.start + 1, ` ${pair} `);
    return insertAt(shape.lastValueEnd, `, ${pair}`);
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = ' '.repeat(shape.indent);
  const at = shape.lastValueEnd;
  // A block scalar or a nested block collection ends after its last line break: the new key
  // then goes on a line of its own right there.
  if (at > 0 && (text[at - 1] === '\n' || text[at - 1] === '\r')) return insertAt(at, `${indent}${pair}${eol}`);
  // Otherwise after the end of the last value's line, so a trailing comment stays with its value.
  let end = at;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return insertAt(/^\s*(#.*)?$/.test(text.slice(at, end)) ? end : at, `${eol}${indent}${pair}`);
}

function insertAt(offset: number, text: string): TextEdit {
  return { span: { start: offset, end: offset }, text };
}
