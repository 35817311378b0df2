import type { Rule } from '../lint/rule';
import type { Suppression } from '../lint/suppress';
import type { Report, Span } from '../types';

const rule: Rule = {
  meta: {
    id: 'unused-suppression',
    description: 'A `kpilens-disable` comment that hides no finding: remove it so the next real finding is not hidden by accident.',
    category: 'structure',
    defaultSeverity: 'hint',
    fixable: true,
  },
  // Reported by the linter after every other rule has run, from what the suppressions hid.
  check() {},
};
export default rule;

/**
 * Reports for suppressions that hid nothing. `used` holds "index:id" for every suppression id
 * (or "index:*" for a comment without ids) that hid a finding; `known(id)` says whether a rule
 * that could be hidden is enabled (a comment for a rule turned off in the config is left alone).
 */
export function unusedSuppressionReports(
  text: string,
  sups: readonly Suppression[],
  used: ReadonlySet<string>,
  known: (id: string) => 'enabled' | 'off' | 'unknown',
): Report[] {
  const out: Report[] = [];
  sups.forEach((s, i) => {
    const name = `kpilens-disable-${s.kind}`;
    if (s.ids.length === 0) {
      if (!used.has(`${i}:*`))
        out.push({
          span: s.comment,
          message: `\`${name}\` hides no finding: remove it.`,
          fix: { title: 'Remove the unused suppression', edits: [{ span: removal(text, s.comment), text: '' }] },
        });
      return;
    }
    const unused = s.ids.filter((x) => !used.has(`${i}:${x.id}`) && known(x.id) !== 'off');
    if (unused.length === 0) return;
    if (unused.length === s.ids.length) {
      for (const x of unused) {
        const why =
          known(x.id) === 'unknown'
            ? `"${x.id}" is not a kpilens rule`
            : `no "${x.id}" finding ${s.kind === 'file' ? 'in this file' : `on ${s.kind === 'line' ? 'this' : 'the next'} line`}`;
        out.push({
          span: x.span,
          message: `Unused suppression: ${why}.`,
          fix: { title: 'Remove the unused suppression', edits: [{ span: removal(text, s.comment), text: '' }] },
        });
      }
      return;
    }
    for (const x of unused) {
      const why = known(x.id) === 'unknown' ? `"${x.id}" is not a kpilens rule` : `no "${x.id}" finding to hide`;
      out.push({
        span: x.span,
        message: `Unused suppression: ${why}.`,
        fix: { title: `Remove "${x.id}" from the suppression`, edits: [{ span: idRemoval(text, x.span), text: '' }] },
      });
    }
  });
  return out;
}

/** The comment, and its whole line when the comment stands alone on it; else the comment and the blanks before it. */
function removal(text: string, c: Span): Span {
  let start = c.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  const lineStart = start === 0 || text[start - 1] === '\n' || text[start - 1] === '\r';
  if (!lineStart) return { start, end: c.end };
  let end = c.end;
  if (text[end] === '\r') end++;
  if (text[end] === '\n') end++;
  return { start, end };
}

/** An id and the comma or blanks that join it to its neighbour. */
function idRemoval(text: string, s: Span): Span {
  let end = s.end;
  while (end < text.length && /[ \t,]/.test(text[end])) end++;
  if (end < text.length && text[end] !== '\n' && text[end] !== '\r') return { start: s.start, end };
  let start = s.start;
  while (start > 0 && /[ \t,]/.test(text[start - 1])) start--;
  return { start, end: s.end };
}
