import type { Finding, Fix, TextEdit } from '../types';

/**
 * Applies edits to a text. Edits are applied from the end backwards; an edit that overlaps one
 * already taken is skipped (the next lint pass offers it again on the new text).
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: TextEdit[] } {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end);
  const applied: TextEdit[] = [];
  let out = text;
  let limit = Infinity;
  for (const e of sorted) {
    if (e.span.end > limit || e.span.start < 0 || e.span.end > text.length || e.span.start > e.span.end) continue;
    out = out.slice(0, e.span.start) + e.text + out.slice(e.span.end);
    applied.push(e);
    limit = e.span.start;
  }
  return { text: out, applied };
}

/** Applies the safe fixes of findings, each fix whole or not at all. */
export function applyFixes(text: string, findings: readonly Finding[]): { text: string; fixed: number } {
  const fixes: Fix[] = findings.map((f) => f.fix).filter((f): f is Fix => !!f && f.edits.length > 0);
  const taken: Fix[] = [];
  const overlaps = (a: TextEdit, b: TextEdit) => a.span.start < b.span.end && b.span.start < a.span.end || (a.span.start === b.span.start);
  for (const f of fixes) {
    if (taken.some((t) => t.edits.some((a) => f.edits.some((b) => overlaps(a, b))))) continue;
    taken.push(f);
  }
  return { text: applyEdits(text, taken.flatMap((f) => f.edits)).text, fixed: taken.length };
}
