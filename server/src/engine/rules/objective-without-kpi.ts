import { escapeRegExp } from '../text';
import type { Rule } from '../lint/rule';

const rule: Rule = {
  meta: {
    id: 'objective-without-kpi',
    description: 'An objective that no KPI measures.',
    category: 'practice',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check(ctx) {
    const { scorecard: sc, workspace: ws } = ctx;
    // KPIs in text YAML could not parse may name an objective that the model cannot see.
    const damaged = ws.scorecards.flatMap((s) => (s.damaged ?? []).filter((d) => d.key === 'kpis').map((d) => s.text.slice(d.span.start, d.span.end)));
    for (const obj of sc.objectives) {
      if (damaged.some((text) => new RegExp(`(^|[^a-z0-9-])${escapeRegExp(obj.id)}($|[^a-z0-9-])`).test(text))) continue;
      // A second objective with the same id is unreachable by refs; duplicate-id reports it.
      if (ws.item(sc, obj.id) !== obj) continue;
      if (ws.kpisOfObjective(sc, obj).length > 0) continue;
      ctx.report({
        span: obj.idSpan,
        message: `Objective "${obj.id}" has no KPI: no KPI names it in its \`objective\`, so nobody can tell whether it is reached.`,
        items: [ws.qualifiedId(sc, obj)],
      });
    }
  },
};
export default rule;
