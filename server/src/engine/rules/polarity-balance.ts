import type { Rule } from '../lint/rule';
import { POLARITIES, scorecardSpan } from '../model/model';
import type { Kpi, Pole } from '../model/model';

const rule: Rule = {
  meta: {
    id: 'polarity-balance',
    description: 'A scorecard whose KPIs serve only one pole of a polarity.',
    category: 'practice',
    defaultSeverity: 'info',
    fixable: false,
  },
  check(ctx) {
    const { scorecard: sc, workspace: ws } = ctx;
    // The KPIs serving each pole, in document order, each once.
    const byPole = new Map<Pole, Kpi[]>();
    for (const k of sc.kpis) {
      for (const p of k.poles) {
        const list = byPole.get(p.value);
        if (!list) byPole.set(p.value, [k]);
        else if (list[list.length - 1] !== k) list.push(k);
      }
    }
    for (const [key, a, b] of POLARITIES) {
      const sa = byPole.get(a) ?? [];
      const sb = byPole.get(b) ?? [];
      // A KPI that serves both poles lands in both lists, so it balances the polarity by itself.
      if ((sa.length === 0) === (sb.length === 0)) continue;
      const [served, missing, kpis] = sa.length ? [a, b, sa] : [b, a, sb];
      ctx.report({
        span: scorecardSpan(sc),
        message: `Every KPI that names ${/^[aeiou]/.test(key) ? 'an' : 'a'} ${key} pole serves ${served} (${kpis.length} KPI${kpis.length === 1 ? '' : 's'}), none ${missing}: add a KPI that serves ${missing}.`,
        items: kpis.map((k) => ws.qualifiedId(sc, k)).sort(),
      });
    }
  },
};
export default rule;
