// The one place where engine data (UTF-16 offsets, findings, fixes) becomes LSP data.
import {
  Diagnostic,
  DiagnosticSeverity,
  DiagnosticTag,
  DocumentSymbol,
  FoldingRange,
  FoldingRangeKind,
  Position,
  Range,
  SymbolKind,
  TextEdit,
} from 'vscode-languageserver';
import { docsUrl, lineCol, offsetAt } from '../engine';
import type { Finding, Severity, Span, TextEdit as EngineEdit } from '../engine';
import type { Fold, OutlineNode } from '../engine/editor';

/** What conversions need of a document: its text and line starts. */
export interface TextInfo {
  text: string;
  lineStarts: number[];
}

export function position(doc: TextInfo, offset: number): Position {
  const { line, column } = lineCol(doc.lineStarts, offset, doc.text.length);
  return { line: line - 1, character: column - 1 };
}

export function range(doc: TextInfo, span: Span): Range {
  return { start: position(doc, span.start), end: position(doc, span.end) };
}

export function offset(doc: TextInfo, pos: Position): number {
  return offsetAt(doc.lineStarts, doc.text, pos.line, pos.character);
}

export function spanOf(doc: TextInfo, r: Range): Span {
  return { start: offset(doc, r.start), end: offset(doc, r.end) };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * A finding as a diagnostic. `textOf` gives the text of other documents, for related
 * locations; a related location in a document that is not known is left out.
 */
export function diagnostic(doc: TextInfo, f: Finding, textOf: (uri: string) => TextInfo | undefined): Diagnostic {
  const d: Diagnostic = {
    range: range(doc, f.span),
    severity: SEVERITY[f.severity],
    code: f.rule,
    codeDescription: { href: docsUrl(f.rule) },
    source: 'kpilens',
    message: f.message,
  };
  if (f.rule === 'unused-suppression') d.tags = [DiagnosticTag.Unnecessary];
  const related = (f.related ?? []).flatMap((r) => {
    const other = textOf(r.location.uri);
    return other ? [{ location: { uri: r.location.uri, range: range(other, r.location.span) }, message: r.message }] : [];
  });
  if (related.length) d.relatedInformation = related;
  return d;
}

/** The diagnostic that says linting a document failed: on its first line, whatever the text. */
export function failureDiagnostic(text: string, message: string): Diagnostic {
  let end = 0;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: end } }, severity: DiagnosticSeverity.Error, source: 'kpilens', message };
}

export function textEdits(doc: TextInfo, edits: readonly EngineEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: range(doc, e.span), newText: e.text }));
}

/** One edit that turns `before` into `after`: the span between their common prefix and suffix. */
export function replaceChanged(doc: TextInfo, after: string): TextEdit | undefined {
  const before = doc.text;
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { range: range(doc, { start, end: before.length - end }), newText: after.slice(start, after.length - end) };
}

const SYMBOL_KIND: Record<OutlineNode['kind'], SymbolKind> = {
  scorecard: SymbolKind.Module,
  vision: SymbolKind.String,
  objective: SymbolKind.Class,
  kpi: SymbolKind.Field,
  lever: SymbolKind.Function,
  disturbance: SymbolKind.Event,
};

export function symbolKind(kind: OutlineNode['kind']): SymbolKind {
  return SYMBOL_KIND[kind];
}

export function documentSymbol(doc: TextInfo, node: OutlineNode): DocumentSymbol {
  return {
    name: node.name,
    detail: node.detail,
    kind: SYMBOL_KIND[node.kind],
    range: range(doc, node.span),
    selectionRange: range(doc, node.selection),
    children: node.children.map((c) => documentSymbol(doc, c)),
  };
}

export function foldingRange(f: Fold): FoldingRange {
  return f.comment ? { startLine: f.start, endLine: f.end, kind: FoldingRangeKind.Comment } : { startLine: f.start, endLine: f.end };
}
