import type { Rule } from '../lint/rule';
import { scorecardSpan } from '../model/model';
import type { Kpi } from '../model/model';

/** A KPI that is steered and reviewed: `tier: key`, the default. A supporting indicator is only watched. */
const isKey = (k: Kpi) => k.tier?.value !== 'supporting';

const rule: Rule = {
  meta: {
    id: 'portfolio-size',
    description: 'A scorecard with more key KPIs or objectives than a team can keep in mind, or an objective with more key KPIs than it needs.',
    category: 'practice',
    defaultSeverity: 'info',
    fixable: false,
    options: {
      maxKpis: { description: 'Most key KPIs in one scorecard.', default: 10, min: 1, integer: true },
      maxObjectives: { description: 'Most objectives in one scorecard.', default: 5, min: 1, integer: true },
      maxKpisPerObjective: { description: 'Most key KPIs that name one objective.', default: 4, min: 1, integer: true },
    },
  },
  check(ctx) {
    const { scorecard: sc, workspace: ws, options } = ctx;
    const name = sc.id?.value ?? sc.uri;
    const span = scorecardSpan(sc);
    const keys = sc.kpis.filter(isKey).length;
    if (keys > options.maxKpis) {
      ctx.report({
        span,
        message: `Scorecard "${name}" has ${keys} key KPIs, more than ${options.maxKpis}: keep the few that steer it, and mark the others \`tier: supporting\` or move them to team scorecards.`,
      });
    }
    if (sc.objectives.length > options.maxObjectives) {
      ctx.report({
        span,
        message: `Scorecard "${name}" has ${sc.objectives.length} objectives, more than ${options.maxObjectives}: focus on the few that matter most.`,
      });
    }
    for (const obj of sc.objectives) {
      // A second objective with the same id is unreachable by refs; duplicate-id reports it.
      if (ws.item(sc, obj.id) !== obj) continue;
      const n = ws.kpisOfObjective(sc, obj).filter(isKey).length;
      if (n <= options.maxKpisPerObjective) continue;
      ctx.report({
        span: obj.idSpan,
        message: `Objective "${obj.id}" is measured by ${n} key KPIs, more than ${options.maxKpisPerObjective}: choose the few that tell whether it is reached, and mark the others \`tier: supporting\`.`,
        items: [ws.qualifiedId(sc, obj)],
      });
    }
  },
};
export default rule;
