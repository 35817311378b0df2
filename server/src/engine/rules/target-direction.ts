import type { Rule } from '../lint/rule';
import { kpiSeries } from '../model/stats';
import { milestoneProblems, targetVerdict } from '../model/targets';
import { pushAll } from '../arrays';

const rule: Rule = {
  meta: {
    id: 'target-direction',
    description:
      'A target or milestone that asks for nothing: on the wrong side of the baseline for the direction, equal to it, already beaten by the latest value, or milestones that do not lead to the target.',
    category: 'selection',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check(ctx) {
    const { scorecard: sc, workspace: ws } = ctx;
    for (const k of sc.kpis) {
      const verdict = targetVerdict(k, kpiSeries(k, ctx.readData), ctx.asOf);
      const problems = verdict.asks === 'nothing' ? [verdict.problem] : [];
      pushAll(problems, milestoneProblems(k));
      for (const p of problems) ctx.report({ span: p.span, message: p.message, items: [ws.qualifiedId(sc, k)] });
    }
  },
};
export default rule;
