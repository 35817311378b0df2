import { lineCol } from '../../engine';
import { stringify } from './common';
import type { Formatter } from './types';

/** An array of `{file, line, column, endLine, endColumn, rule, severity, message}`, exactly. */
const json: Formatter = (results) => {
  const out = [];
  for (const r of results) {
    for (const f of r.findings) {
      const s = lineCol(r.lineStarts, f.span.start, r.text.length);
      const e = lineCol(r.lineStarts, f.span.end, r.text.length);
      out.push({ file: r.file, line: s.line, column: s.column, endLine: e.line, endColumn: e.column, rule: f.rule, severity: f.severity, message: f.message });
    }
  }
  return `${stringify(out)}\n`;
};
export default json;
