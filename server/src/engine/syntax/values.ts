// Reading one scalar of the YAML tree as the model types it (a text, a number, one of a list, a
// date, a ref): a value of another type reads as nothing, which the schema reports.
import { isScalar } from 'yaml';
import type { Level, Ref, Val } from '../model/model';
import type { Span } from '../types';
import { spanOfNode } from './parse';
import type { AnyNode } from './parse';

const REF_RE = /^(?:([a-z0-9]+(?:-[a-z0-9]+)*)\/)?([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/** An id as the schema allows it; a ref names one, and a suggested id must be one. */
export const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A text value; `shared` for values that repeat across items (units, owners), kept once. */
export function str(node: AnyNode, shared = false): Val<string> | undefined {
  if (isScalar(node) && typeof node.value === 'string')
    return { value: shared ? intern(node.value) : node.value, span: spanOfNode(node, { start: 0, end: 0 }) };
  return undefined;
}

export function num(node: AnyNode): Val<number> | undefined {
  if (isScalar(node) && typeof node.value === 'number' && Number.isFinite(node.value))
    return { value: node.value, span: spanOfNode(node, { start: 0, end: 0 }) };
  return undefined;
}

export function oneOf<T extends string>(node: AnyNode, allowed: readonly T[]): Val<T> | undefined {
  const s = str(node);
  const i = s ? (allowed as readonly string[]).indexOf(s.value) : -1;
  // The allowed value itself, not the parsed copy: a large scorecard repeats a handful of them.
  return i < 0 ? undefined : { value: allowed[i], span: s!.span };
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function date(node: AnyNode): Val<string> | undefined {
  const s = str(node);
  return s && DATE_RE.test(s.value) ? s : undefined;
}

export function parseRef(raw: string, span: Span, level?: Level): Ref | undefined {
  const m = REF_RE.exec(raw);
  if (!m) return undefined;
  // A bare ref is its own id: one string for both.
  return m[1] ? { raw, scorecard: m[1], id: m[2], span, level } : { raw, id: raw, span, level };
}

/**
 * One copy of each key name, unit and owner: a large scorecard repeats them in every item. The
 * table is bounded, so a file of made-up names cannot grow it without end.
 */
const names = new Map<string, string>();
export function intern(name: string): string {
  const known = names.get(name);
  if (known !== undefined) return known;
  if (names.size < 4096 && name.length <= 64) names.set(name, name);
  return name;
}

/** The one empty list that every item without refs, poles or history shares: most items of a large file. */
export const NONE = Object.freeze([]) as never[];
