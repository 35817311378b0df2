// GitHub Actions workflow commands: each finding becomes an annotation on the pull request's
// changed lines (`::error file=…,line=…::message`).
import type { Severity } from '../../engine';
import { rangeOf, relatedOf, slashes, visible } from './common';
import type { Formatter } from './types';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** The runner decodes these escapes in a command's message. */
export function escapeData(s: string): string {
  return visible(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Properties end at `,` and the properties at `::`, so both are escaped there too. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const github: Formatter = (results, options) => {
  const lines: string[] = [];
  for (const res of results) {
    for (const f of res.findings) {
      const r = rangeOf(res, f.span);
      const props = [
        `file=${escapeProperty(slashes(res.file))}`,
        `line=${r.line}`,
        `col=${r.column}`,
        `endLine=${r.endLine}`,
        `endColumn=${r.endColumn}`,
        `title=${escapeProperty(`kpilens(${f.rule})`)}`,
      ];
      // Related places (the other end of a duplicate, the rest of a cycle) follow the message.
      const related = relatedOf(f, results, options).map(
        (rel) => `\n  ${slashes(rel.file)}${rel.range ? `:${rel.range.line}:${rel.range.column}` : ''}: ${rel.message}`,
      );
      lines.push(`::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message + related.join(''))}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
};
export default github;
