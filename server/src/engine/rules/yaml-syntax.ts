import type { Rule } from '../lint/rule';

const rule: Rule = {
  meta: {
    id: 'yaml-syntax',
    description: 'YAML that does not parse; every error is reported and the rest of the file is still checked.',
    category: 'structure',
    defaultSeverity: 'error',
    fixable: false,
  },
  check(ctx) {
    for (const r of ctx.parsed.syntax) ctx.report(r);
  },
};
export default rule;
