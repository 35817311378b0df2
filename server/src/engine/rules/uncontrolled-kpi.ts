import { leversOn } from '../model/control';
import type { Rule } from '../lint/rule';

const rule: Rule = {
  meta: {
    id: 'uncontrolled-kpi',
    description: 'A KPI that no lever improves or worsens: nobody has a hand on it.',
    category: 'selection',
    defaultSeverity: 'info',
    fixable: false,
  },
  check(ctx) {
    const { scorecard: sc, workspace: ws } = ctx;
    for (const k of sc.kpis) {
      if (leversOn(ws, k).length) continue;
      ctx.report({
        span: k.idSpan,
        message: `KPI "${k.id}" is moved by no lever: no lever in the workspace improves or worsens it.`,
        items: [ws.qualifiedId(sc, k)],
      });
    }
  },
};
export default rule;
