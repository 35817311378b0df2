import { CodeAction, CodeActionKind, Diagnostic } from 'vscode-languageserver';
import { applyFixes } from '../engine';
import type { Finding, Fix, Scorecard, Span } from '../engine';
import { lineIndexAt } from '../engine/text';
import { diagnostic, replaceChanged, textEdits } from './convert';
import type { TextInfo } from './convert';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.kpilens`;
/** Server-side command that opens a rule's documentation (its only argument is the rule id). */
export const SHOW_DOCS_COMMAND = 'kpilens.server.showRuleDocs';

function edit(uri: string, doc: TextInfo, fix: Fix) {
  return { changes: { [uri]: textEdits(doc, fix.edits) } };
}

/** "Fix all kpilens problems": every safe fix of the document at once, as one edit. */
function fixAllAction(uri: string, doc: TextInfo, findings: readonly Finding[], kind: string): CodeAction | undefined {
  const change = replaceChanged(doc, applyFixes(doc.text, findings).text);
  if (!change) return undefined;
  return { title: 'Fix all kpilens problems', kind, edit: { changes: { [uri]: [change] } } };
}

/**
 * The comment that hides a rule's findings on a line: a `kpilens-disable-next-line` comment
 * above it at its indentation, or the rule added to such a comment when one is there already.
 */
function disableEdit(text: string, lineStarts: readonly number[], start: number, rule: string): { span: Span; text: string } {
  const line = lineIndexAt(lineStarts, start);
  const lineStart = lineStarts[line];
  const indent = /^[ \t]*/.exec(text.slice(lineStart, lineStart + 200))![0];
  if (line > 0) {
    const prevStart = lineStarts[line - 1];
    const prev = text.slice(prevStart, lineStart).replace(/\r?\n$|\r$/, '');
    const m = /^([ \t]*#\s*kpilens-disable-next-line\b)([^#]*?)(\s+--\s.*)?$/.exec(prev);
    if (m) {
      const ids = m[2].trim();
      const end = prevStart + m[1].length + m[2].length;
      return ids ? { span: { start: end, end }, text: `, ${rule}` } : { span: { start: end, end }, text: ` ${rule}` };
    }
  }
  const eol = /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
  return { span: { start: lineStart, end: lineStart }, text: `${indent}# kpilens-disable-next-line ${rule}${eol}` };
}

/** Quick fixes for the findings that overlap a range, and the fix-all action. */
export function codeActions(
  uri: string,
  sc: Scorecard,
  findings: readonly Finding[],
  span: Span,
  only: readonly string[] | undefined,
  textOf: (uri: string) => TextInfo | undefined,
): CodeAction[] {
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const out: CodeAction[] = [];
  if (only && wants(FIX_ALL_KIND)) {
    const all = fixAllAction(uri, sc, findings, FIX_ALL_KIND);
    return all ? [all] : [];
  }
  if (!wants(CodeActionKind.QuickFix)) return out;
  const here = findings.filter((f) => f.span.start <= span.end && span.start <= f.span.end);
  const rules = new Map<string, Finding>();
  for (const f of here) {
    const diag: Diagnostic = diagnostic(sc, f, textOf);
    if (f.fix) out.push({ title: f.fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diag], isPreferred: true, edit: edit(uri, sc, f.fix) });
    for (const s of f.suggestions ?? [])
      out.push({ title: s.title, kind: CodeActionKind.QuickFix, diagnostics: [diag], isPreferred: false, edit: edit(uri, sc, s) });
    if (!rules.has(f.rule)) rules.set(f.rule, f);
  }
  for (const [rule, f] of rules) {
    // Suppressions cannot hide unused-suppression findings (they are found after suppressing).
    if (rule === 'unused-suppression') continue;
    const e = disableEdit(sc.text, sc.lineStarts, f.span.start, rule);
    out.push({ title: `Disable ${rule} for this line`, kind: CodeActionKind.QuickFix, edit: { changes: { [uri]: textEdits(sc, [e]) } } });
  }
  if (here.length && findings.filter((f) => f.fix).length > 1) {
    const all = fixAllAction(uri, sc, findings, CodeActionKind.QuickFix);
    if (all) out.push(all);
  }
  for (const rule of rules.keys()) {
    out.push({
      title: `Show documentation for ${rule}`,
      kind: CodeActionKind.QuickFix,
      command: { title: `Show documentation for ${rule}`, command: SHOW_DOCS_COMMAND, arguments: [rule] },
    });
  }
  return out;
}
