import { lintFiles } from './lint';
import type { LintOptions, LintResult, SourceFile } from './lint';
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
  const overlaps = (a: TextEdit, b: TextEdit) => (a.span.start < b.span.end && b.span.start < a.span.end) || a.span.start === b.span.start;
  for (const f of fixes) {
    if (taken.some((t) => t.edits.some((a) => f.edits.some((b) => overlaps(a, b))))) continue;
    taken.push(f);
  }
  return {
    text: applyEdits(
      text,
      taken.flatMap((f) => f.edits),
    ).text,
    fixed: taken.length,
  };
}

/**
 * What `kpilens lint --fix` does to a workspace: lint, apply the safe fixes of the target files
 * (`options.isTarget`), and lint again until nothing more can be fixed (one fix may make room for
 * another), for at most ten rounds. Returns the texts, in the order of `files`, and the last lint.
 */
export function fixFiles(files: readonly SourceFile[], options: LintOptions): LintResult & { texts: string[] } {
  let current = files.map((f) => ({ uri: f.uri, text: f.text }));
  let result = lintFiles(current, options);
  for (let round = 0; round < 10; round++) {
    let changed = false;
    current = current.map((f) => {
      if (options.isTarget && !options.isTarget(f.uri)) return f;
      const { text, fixed } = applyFixes(f.text, result.findings.get(f.uri) ?? []);
      if (fixed === 0 || text === f.text) return f;
      changed = true;
      return { uri: f.uri, text };
    });
    if (!changed) break;
    result = lintFiles(current, options);
  }
  return { ...result, texts: current.map((f) => f.text) };
}
