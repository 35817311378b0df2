import type { Rule } from '../lint/rule';
import { kpiStatus, statusWords } from '../model/status';
import { observationSpan } from './stale-data';

const rule: Rule = {
  meta: {
    id: 'status-mismatch',
    description: 'The status a team reported on the latest observation differs from the status its data gives.',
    category: 'practice',
    defaultSeverity: 'info',
    fixable: false,
  },
  check(ctx) {
    const { scorecard: sc, workspace: ws } = ctx;
    for (const k of sc.kpis) {
      const s = kpiStatus(k, ctx.readData, ctx.asOf);
      // Unknown or no data: there is nothing to compare the reported status with.
      if (!s.reported || !s.last || s.reported === s.status || s.status === 'unknown' || s.status === 'no-data') continue;
      ctx.report({
        span: observationSpan(ctx, k, s.last.date, 'status'),
        message: `KPI "${k.id}" was reported ${statusWords(s.reported)} on ${s.last.date}, but its data says ${statusWords(s.status)}: ${s.reason}.`,
        items: [ws.qualifiedId(sc, k)],
      });
    }
  },
};
export default rule;
