import { lineCol } from '../../engine';
import type { Severity } from '../../engine';
import { safeForTerminal } from './terminal';
import type { Formatter } from './types';
import { maxOf } from '../../engine/arrays';

const COLORS = { red: 31, yellow: 33, blue: 34, gray: 90, bold: 1, underline: 4 } as const;

/** For people: findings grouped by file, aligned columns, a summary line. */
const stylish: Formatter = (results, { color }) => {
  const paint = (c: keyof typeof COLORS, s: string) => (color ? `\u001b[${COLORS[c]}m${s}\u001b[0m` : s);
  const sevColor: Record<Severity, keyof typeof COLORS> = { error: 'red', warning: 'yellow', info: 'blue', hint: 'gray' };
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let fixable = 0;
  const blocks: string[] = [];
  for (const r of results) {
    if (r.findings.length === 0) continue;
    const rows = r.findings.map((f) => {
      counts[f.severity]++;
      if (f.fix) fixable++;
      const p = lineCol(r.lineStarts, f.span.start, r.text.length);
      return { pos: `${p.line}:${p.column}`, sev: f.severity, msg: safeForTerminal(f.message), rule: f.rule };
    });
    const wPos = maxOf(rows.map((x) => x.pos.length));
    const wSev = maxOf(rows.map((x) => x.sev.length));
    const wMsg = Math.min(100, maxOf(rows.map((x) => x.msg.length)));
    const lines = rows.map(
      (x) => `  ${paint('gray', x.pos.padEnd(wPos))}  ${paint(sevColor[x.sev], x.sev.padEnd(wSev))}  ${x.msg.padEnd(wMsg)}  ${paint('gray', x.rule)}`,
    );
    blocks.push(`${paint('underline', safeForTerminal(r.file))}\n${lines.join('\n')}`);
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  if (total === 0) return '';
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning')];
  if (counts.info) parts.push(plural(counts.info, 'info'));
  if (counts.hint) parts.push(plural(counts.hint, 'hint'));
  const mark = counts.error ? paint('red', '✖') : counts.warning ? paint('yellow', '⚠') : paint('blue', 'ℹ');
  let summary = `${mark} ${paint('bold', `${plural(total, 'problem')} (${parts.join(', ')})`)}`;
  if (fixable) summary += `\n  ${plural(fixable, 'problem')} can be fixed with \`kpilens lint --fix\`.`;
  return `\n${blocks.join('\n\n')}\n\n${summary}\n`;
};
export default stylish;
