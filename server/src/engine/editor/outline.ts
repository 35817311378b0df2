import { itemsOf, Scorecard } from '../model/model';
import type { ItemKind } from '../model/model';
import type { Span } from '../types';

// The outline of a scorecard (for editors' symbol views) and its foldable regions.

export interface OutlineNode {
  name: string;
  detail?: string;
  kind: 'scorecard' | 'vision' | ItemKind;
  /** The whole construct. */
  span: Span;
  /** Its name: the id, or the `vision` key. */
  selection: Span;
  children: OutlineNode[];
}

/** The scorecard, then its vision and items in document order. */
export function outline(sc: Scorecard): OutlineNode {
  const children: OutlineNode[] = [];
  if (sc.vision) {
    children.push({
      name: 'vision',
      detail: sc.vision.statement?.value,
      kind: 'vision',
      span: { start: sc.vision.keySpan.start, end: sc.vision.span.end },
      selection: sc.vision.keySpan,
      children: [],
    });
  }
  for (const it of itemsOf(sc)) {
    const detail = it.kind === 'objective' ? it.title?.value : it.name?.value;
    children.push({ name: it.id, detail, kind: it.kind, span: it.span, selection: it.idSpan, children: [] });
  }
  children.sort((a, b) => a.span.start - b.span.start);
  const fileName = sc.uri.slice(sc.uri.lastIndexOf('/') + 1);
  const selection = sc.id?.span ?? { start: 0, end: 0 };
  return { name: sc.id?.value ?? fileName, detail: sc.title?.value, kind: 'scorecard', span: { start: 0, end: sc.text.length }, selection, children };
}

export interface Fold {
  /** 0-based first and last line. */
  start: number;
  end: number;
  comment: boolean;
}

/**
 * Foldable regions from indentation, so they work on broken YAML too: a line folds over the
 * lines below it that are indented deeper (or, after `key:`, over a `- ` list at its own
 * indentation); runs of two or more comment lines fold as comments.
 */
export function folds(lineTexts: readonly string[]): Fold[] {
  const out: Fold[] = [];
  const open: { line: number; indent: number; listKey: boolean }[] = [];
  let lastContent = -1;
  let commentRun = -1;
  const close = (indent: number, isItem: boolean) => {
    while (open.length) {
      const top = open[open.length - 1];
      if (indent > top.indent || (indent === top.indent && isItem && top.listKey)) return;
      open.pop();
      if (lastContent > top.line) out.push({ start: top.line, end: lastContent, comment: false });
    }
  };
  lineTexts.forEach((text, i) => {
    const trimmed = text.trimStart();
    const isComment = trimmed.startsWith('#');
    if (isComment) {
      if (commentRun < 0) commentRun = i;
    } else if (commentRun >= 0) {
      if (i - 1 > commentRun) out.push({ start: commentRun, end: i - 1, comment: true });
      commentRun = -1;
    }
    if (trimmed === '' || isComment) return;
    const indent = text.length - trimmed.length;
    const isItem = /^-(\s|$)/.test(trimmed);
    close(indent, isItem);
    open.push({ line: i, indent, listKey: /:\s*(#.*)?$/.test(trimmed) });
    lastContent = i;
  });
  if (commentRun >= 0 && lineTexts.length - 1 > commentRun) out.push({ start: commentRun, end: lineTexts.length - 1, comment: true });
  close(-1, false);
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}
