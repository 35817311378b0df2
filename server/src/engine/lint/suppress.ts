import type { Comment } from '../model/model';
import { lineIndexAt } from '../text';
import type { Span } from '../types';

export interface Suppression {
  kind: 'next-line' | 'line' | 'file';
  comment: Span;
  /** 0-based line whose findings it hides; -1 for the whole file. */
  line: number;
  /** The rule ids named, with their spans; empty means every rule. */
  ids: { id: string; span: Span }[];
}

const RE = /^#\s*kpilens-disable-(next-line|line|file)\b(.*)$/;

export function findSuppressions(comments: readonly Comment[], lineStarts: readonly number[]): Suppression[] {
  const out: Suppression[] = [];
  for (const c of comments) {
    const m = RE.exec(c.text);
    if (!m) continue;
    const kind = m[1] as Suppression['kind'];
    const rest = m[2];
    const restStart = c.span.start + c.text.length - rest.length;
    const ids: Suppression['ids'] = [];
    // Ids are separated by commas or spaces; a reason may follow ` -- `, another comment a `#`.
    const body = rest.split(/\s--\s|#/)[0];
    const idRe = /[A-Za-z0-9_-]+/g;
    let im: RegExpExecArray | null;
    while ((im = idRe.exec(body))) ids.push({ id: im[0], span: { start: restStart + im.index, end: restStart + im.index + im[0].length } });
    const line = lineIndexAt(lineStarts, c.span.start);
    out.push({ kind, comment: c.span, line: kind === 'file' ? -1 : kind === 'next-line' ? line + 1 : line, ids });
  }
  return out;
}
