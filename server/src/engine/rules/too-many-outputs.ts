import type { Kpi } from '../model';
import { scorecardSpan } from '../model';
import type { Rule } from '../rule';
import { maxMatching } from '../stats';

const rule: Rule = {
  meta: {
    id: 'too-many-outputs',
    description: "More KPIs than the levers of the scorecard can move independently: some targets cannot all be reached at once.",
    category: 'selection',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check(ctx) {
    const { scorecard: sc, workspace: ws } = ctx;
    // Levers of this scorecard that move each of its KPIs, in document order.
    const leversOf = new Map<Kpi, number[]>();
    sc.levers.forEach((l, li) => {
      for (const refs of [l.improves, l.worsens]) {
        for (const ref of refs) {
          const t = ws.target<Kpi>(sc, ref, ['kpi']);
          if (!t || t.scorecard !== sc) continue;
          const list = leversOf.get(t.item);
          // A lever's refs come together, so it can only be the last one listed.
          if (!list) leversOf.set(t.item, [li]);
          else if (list[list.length - 1] !== li) list.push(li);
        }
      }
    });
    const steered = sc.kpis.filter((k) => leversOf.has(k));
    const match = maxMatching(steered.map((k) => leversOf.get(k)!));
    const unmatched = steered.filter((_, i) => match[i] < 0);
    if (!unmatched.length) return;
    const names = unmatched.map((k) => k.id);
    const who = names.length === 1 ? `${names[0]} has no lever of its own` : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} have no lever of their own`;
    ctx.report({
      span: scorecardSpan(sc),
      message: `${steered.length} steered KPIs but the levers can move only ${steered.length - unmatched.length} independently: ${who}.`,
      related: unmatched.map((k) => ({ location: { uri: sc.uri, span: k.idSpan }, message: `${k.id} has no lever of its own.` })),
      items: unmatched.map((k) => ws.qualifiedId(sc, k)).sort(),
    });
  },
};
export default rule;
