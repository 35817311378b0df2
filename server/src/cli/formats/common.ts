// Helpers shared by the machine and CI formats: positions, related locations, and the
// characters that must never reach a terminal, a log viewer or a rendered comment as they are.
import type { Finding, Span } from '../../engine';
import { lineCol } from '../../engine';
import type { FileResult, FormatOptions } from './types';

export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** 1-based lines, UTF-16 columns, endColumn exclusive. */
export function rangeOf(r: Pick<FileResult, 'text' | 'lineStarts'>, span: Span): Range {
  const start = lineCol(r.lineStarts, span.start, r.text.length);
  const end = lineCol(r.lineStarts, span.end, r.text.length);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/** A path as CI systems want it: forward slashes. */
export function slashes(file: string): string {
  return file.replace(/\\/g, '/');
}

export interface RelatedPlace {
  file: string;
  /** Unknown when the document cannot be found (its text is needed for lines). */
  range?: Range;
  message: string;
}

/**
 * Related locations of a finding, with their document as displayed: through the CLI's
 * `document` lookup when it gives one, else among the results by path.
 */
export function relatedOf(f: Finding, results: readonly FileResult[], options: Pick<FormatOptions, 'document'>): RelatedPlace[] {
  return (f.related ?? []).map((rel) => {
    const uri = rel.location.uri;
    const doc = options.document?.(uri) ?? results.find((r) => r.file === uri);
    return doc ? { file: doc.file, range: rangeOf(doc, rel.location.span), message: rel.message } : { file: uri, message: rel.message };
  });
}

/**
 * C0 and C1 control characters (a terminal escape starts with one) and the bidirectional
 * controls that can make text read differently from what it is ("Trojan Source").
 */
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Shows invisible characters as `\uXXXX`, so a reader sees that they are there and what they are. */
export function visible(s: string): string {
  return s.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * JSON.stringify leaves C1 controls, DEL and the bidirectional controls raw; escaped, the file
 * still carries the same strings but cannot reorder or colour what a person sees when viewing it.
 */
const RAW_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** Indented JSON in which every character that could act on a terminal or a viewer is escaped. */
export function stringify(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(RAW_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
