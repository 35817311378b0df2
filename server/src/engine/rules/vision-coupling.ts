import { isCoupled, whyUncoupled } from '../model/coupling';
import type { Rule } from '../lint/rule';

const rule: Rule = {
  meta: {
    id: 'vision-coupling',
    description: 'A KPI or objective with no path up to the vision: it may be measured well, but it does not tell whether the strategy is working.',
    category: 'selection',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check(ctx) {
    const { scorecard: sc, workspace: ws } = ctx;
    for (const item of [...sc.objectives, ...sc.kpis]) {
      if (isCoupled(ws, item)) continue;
      const what = item.kind === 'kpi' ? 'KPI' : 'Objective';
      ctx.report({
        span: item.idSpan,
        message: `${what} "${item.id}" has no path up to the vision: ${whyUncoupled(ws, sc, item)}.`,
        items: [ws.qualifiedId(sc, item)],
      });
    }
  },
};
export default rule;
