// A pull-request comment: a summary line, then one table of findings per scorecard.
import { docsUrl } from '../../engine';
import type { Severity } from '../../engine';
import { plural, rangeOf, slashes, visible } from './common';
import type { Formatter } from './types';

/**
 * Text that renders as exactly itself in GitHub-flavoured Markdown, inside a table cell, a list
 * item or a heading, and stays readable as source: the punctuation that starts code, emphasis,
 * links and images, strike-through, math and table cells is backslash-escaped, `&` only where
 * it would start an entity, HTML brackets become entities, and line breaks become `<br>`. An
 * `@name` (an owner written as a GitHub handle) gets a zero-width space after its `@`, so that a
 * pull-request comment shows it without notifying that person or team; e-mail addresses stay.
 */
export function md(s: string): string {
  return visible(s)
    .replace(/[\\`*_[\]|~$]/g, (c) => `\\${c}`)
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/(^|[^A-Za-z0-9_])@(?=[A-Za-z0-9])/g, '$1@&#8203;')
    .replace(/\r\n?|\n/g, '<br>');
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** "2 errors, 1 warning" for the severities present, or "no findings". */
export function counts(n: Record<Severity, number>): string {
  const parts = SEVERITIES.filter((s) => n[s] > 0).map((s) => plural(n[s], s));
  return parts.length ? parts.join(', ') : 'no findings';
}

const markdown: Formatter = (results) => {
  const n: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  const sections: string[] = [];
  for (const res of results) {
    if (res.findings.length === 0) continue;
    const rows = res.findings.map((f) => {
      n[f.severity]++;
      const r = rangeOf(res, f.span);
      return `| ${f.severity} | ${r.line}:${r.column} | [${md(f.rule)}](${docsUrl(f.rule)}) | ${md(f.message)} |`;
    });
    sections.push(`### ${md(slashes(res.file))}\n\n| Severity | Line | Rule | Message |\n| --- | --- | --- | --- |\n${rows.join('\n')}\n`);
  }
  const checked = plural(results.length, 'scorecard');
  const summary = sections.length
    ? `**kpilens**: ${counts(n)} in ${plural(sections.length, 'scorecard')} (${checked} checked).`
    : `**kpilens**: no findings in ${checked}.`;
  return [`## kpilens lint\n\n${summary}\n`, ...sections].join('\n');
};
export default markdown;
