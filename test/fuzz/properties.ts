// The properties every lint must keep, checked on any workspace the fuzz tests make.
import { applyEdits, applyFixes, lintFiles } from '../../server/src/engine';
import type { Finding, LintOptions, SourceFile } from '../../server/src/engine';
import { AS_OF, DATA, ROOT } from './corpus';

export interface Problem {
  property: string;
  detail: string;
}

function options(errors: Problem[]): LintOptions {
  return {
    asOf: AS_OF,
    readData: (_uri, csv) => (csv === 'data/injuries.csv' ? DATA : undefined),
    onRuleError: (rule, uri, e) => errors.push({ property: 'no rule throws', detail: `${rule} on ${uri}: ${e instanceof Error ? e.stack : String(e)}` }),
  };
}

/** Findings as plain JSON, for comparing two runs. */
function snapshot(findings: Map<string, Finding[]>): string {
  return JSON.stringify([...findings].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function inside(span: { start: number; end: number }, length: number): boolean {
  return Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end && span.end <= length;
}

/**
 * Lints a workspace and checks the properties: nothing throws (the engine nor any rule), every
 * range lies inside its document, a second lint gives the same findings, and applying the fixes
 * (all safe fixes together, or any one suggestion) to a document without YAML errors leaves it
 * without YAML errors. Returns what broke, empty when all held, and how long the first lint took
 * (the one an editor or the CLI would run; the others are the properties' own).
 */
export function check(files: readonly SourceFile[]): Problem[] & { lintMs?: number } {
  const problems: Problem[] & { lintMs?: number } = [];
  let first: Map<string, Finding[]>;
  try {
    const started = performance.now();
    first = lintFiles(files, options(problems)).findings;
    problems.lintMs = performance.now() - started;
  } catch (e) {
    return [{ property: 'lint never throws', detail: e instanceof Error ? (e.stack ?? e.message) : String(e) }];
  }
  const texts = new Map(files.map((f) => [f.uri, f.text]));
  for (const [uri, list] of first) {
    const length = texts.get(uri)!.length;
    for (const f of list) {
      if (!inside(f.span, length))
        problems.push({ property: 'finding inside its document', detail: `${f.rule} ${JSON.stringify(f.span)} in ${uri} (length ${length})` });
      for (const r of f.related ?? []) {
        const other = texts.get(r.location.uri);
        if (other === undefined || !inside(r.location.span, other.length))
          problems.push({ property: 'related location inside its document', detail: `${f.rule} → ${r.location.uri} ${JSON.stringify(r.location.span)}` });
      }
      for (const fix of [f.fix, ...(f.suggestions ?? [])]) {
        for (const e of fix?.edits ?? []) {
          if (!inside(e.span, length))
            problems.push({ property: 'fix inside its document', detail: `${f.rule} ${fix!.title} ${JSON.stringify(e.span)} (length ${length})` });
        }
      }
    }
  }
  try {
    const again = lintFiles(files, options(problems)).findings;
    if (snapshot(again) !== snapshot(first))
      problems.push({ property: 'lint is deterministic', detail: 'a second lint of the same files gave other findings' });
  } catch (e) {
    problems.push({ property: 'lint never throws', detail: String(e) });
  }
  for (const f of files) {
    const findings = first.get(f.uri) ?? [];
    if (findings.some((x) => x.rule === 'yaml-syntax')) continue;
    const candidates: { what: string; text: string }[] = [{ what: 'all fixes', text: applyFixes(f.text, findings).text }];
    for (const x of findings)
      for (const s of x.suggestions ?? []) candidates.push({ what: `${x.rule} suggestion "${s.title}"`, text: applyEdits(f.text, s.edits).text });
    for (const c of candidates) {
      if (c.text === f.text) continue;
      const after =
        lintFiles(
          files.map((g) => (g.uri === f.uri ? { uri: g.uri, text: c.text } : g)),
          options(problems),
        ).findings.get(f.uri) ?? [];
      const broken = after.find((x) => x.rule === 'yaml-syntax');
      if (broken)
        problems.push({
          property: 'fixes keep the YAML valid',
          detail: `${c.what} on ${f.uri}: ${broken.message}\n--- before\n${f.text}\n--- after\n${c.text}`,
        });
    }
  }
  return problems;
}

/** The workspace a mutated text is linted in: the mutated file beside an intact sibling. */
export function workspaceWith(mutated: string): SourceFile[] {
  return [
    { uri: 'harbor.kpi.yaml', text: ROOT },
    { uri: 'mutated.kpi.yaml', text: mutated },
  ];
}
