import type { Rule } from '../lint/rule';
import { scorecardSpan } from '../model/model';

const rule: Rule = {
  meta: {
    id: 'horizon-balance',
    description: 'A scorecard whose KPIs are all short-term or all long-term.',
    category: 'practice',
    defaultSeverity: 'info',
    fixable: false,
  },
  check(ctx) {
    const { scorecard: sc, workspace: ws } = ctx;
    const declared = sc.kpis.filter((k) => k.horizon);
    if (declared.length === 0) return;
    const kind = declared[0].horizon!.value;
    if (declared.some((k) => k.horizon!.value !== kind)) return;
    const other = kind === 'short' ? 'long' : 'short';
    const who =
      declared.length === 1 ? `The only KPI that declares a horizon ("${declared[0].id}") is` : `All ${declared.length} KPIs that declare a horizon are`;
    ctx.report({
      span: scorecardSpan(sc),
      message: `${who} ${kind}-term: add a ${other}-term KPI.`,
      items: declared.map((k) => ws.qualifiedId(sc, k)).sort(),
    });
  },
};
export default rule;
