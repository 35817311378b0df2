import type { Rule } from '../lint/rule';
import { addMonths } from '../dates';

/** The longest stretch, in months from as-of, that a dated target may run without a milestone. */
export const MAX_MONTHS_WITHOUT_MILESTONE = 18;

const rule: Rule = {
  meta: {
    id: 'milestone-missing',
    description: 'A dated target more than 18 months away with no milestone on the way: progress cannot be checked until it is too late.',
    category: 'practice',
    defaultSeverity: 'info',
    fixable: false,
  },
  check(ctx) {
    const { scorecard: sc, workspace: ws } = ctx;
    const limit = addMonths(ctx.asOf, MAX_MONTHS_WITHOUT_MILESTONE);
    for (const k of sc.kpis) {
      const t = k.target;
      // A target still to be decided or withheld has no value to plan interim values towards.
      if (!t?.by || !t.value || t.by.value <= limit) continue;
      const by = t.by.value;
      // A milestone without a readable date is a schema finding; it counts as one on the way.
      if (k.milestones.some((m) => !m.by || (m.by.value > ctx.asOf && m.by.value < by))) continue;
      ctx.report({
        span: t.by.span,
        message: `KPI "${k.id}" aims for ${t.value.value} by ${by}, more than ${MAX_MONTHS_WITHOUT_MILESTONE} months after ${ctx.asOf}, with no milestone in between: progress cannot be checked on the way.`,
        items: [ws.qualifiedId(sc, k)],
      });
    }
  },
};
export default rule;
