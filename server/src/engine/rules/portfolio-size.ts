import type { Rule } from '../rule';
import { scorecardSpan } from '../model';

const rule: Rule = {
  meta: {
    id: 'portfolio-size',
    description: "A scorecard with more KPIs or objectives than a team can keep in mind.",
    category: 'practice',
    defaultSeverity: 'info',
    fixable: false,
    options: {
    maxKpis: { description: "Most KPIs in one scorecard.", default: 7, min: 1, integer: true },
    maxObjectives: { description: "Most objectives in one scorecard.", default: 3, min: 1, integer: true },
    },
  },
  check(ctx) {
    const { scorecard: sc, options } = ctx;
    const name = sc.id?.value ?? sc.uri;
    const span = scorecardSpan(sc);
    if (sc.kpis.length > options.maxKpis) {
      ctx.report({ span, message: `Scorecard "${name}" has ${sc.kpis.length} KPIs, more than ${options.maxKpis}: keep the few that steer it and move the rest to team scorecards.` });
    }
    if (sc.objectives.length > options.maxObjectives) {
      ctx.report({ span, message: `Scorecard "${name}" has ${sc.objectives.length} objectives, more than ${options.maxObjectives}: focus on the few that matter most.` });
    }
  },
};
export default rule;
