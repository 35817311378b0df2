import type { Rule } from '../lint/rule';
import { scorecardSpan } from '../model/model';

const rule: Rule = {
  meta: {
    id: 'indicator-balance',
    description: 'A scorecard whose KPIs are all lagging or all leading indicators.',
    category: 'practice',
    defaultSeverity: 'info',
    fixable: false,
  },
  check(ctx) {
    const { scorecard: sc, workspace: ws } = ctx;
    const declared = sc.kpis.filter((k) => k.indicator);
    if (declared.length === 0) return;
    const kind = declared[0].indicator!.value;
    if (declared.some((k) => k.indicator!.value !== kind)) return;
    const other = kind === 'lagging' ? 'leading' : 'lagging';
    const who =
      declared.length === 1 ? `The only KPI that declares an indicator ("${declared[0].id}") is` : `All ${declared.length} KPIs that declare an indicator are`;
    ctx.report({
      span: scorecardSpan(sc),
      message: `${who} ${kind}: add a ${other} indicator.`,
      items: declared.map((k) => ws.qualifiedId(sc, k)).sort(),
    });
  },
};
export default rule;
