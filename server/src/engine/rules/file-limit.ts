import type { Rule } from '../lint/rule';

const rule: Rule = {
  meta: {
    id: 'file-limit',
    description: "A file past the engine's limits (over 16 MB, nesting deeper than 64, more than 1,000 aliases): only what is safe is checked.",
    category: 'structure',
    defaultSeverity: 'info',
    fixable: false,
  },
  check(ctx) {
    for (const r of ctx.parsed.limits) ctx.report(r);
  },
};
export default rule;
