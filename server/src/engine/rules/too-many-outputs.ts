import type { Kpi } from '../model/model';
import { scorecardSpan } from '../model/model';
import type { Rule } from '../lint/rule';
import { maxMatching } from '../model/stats';

const rule: Rule = {
  meta: {
    id: 'too-many-outputs',
    description: 'More KPIs than the levers of the scorecard can move independently: some targets cannot all be reached at once.',
    category: 'selection',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check(ctx) {
    const { scorecard: sc, workspace: ws } = ctx;
    const own = (ref: Kpi['contributes'][number]) => {
      const t = ws.target<Kpi>(sc, ref, ['kpi']);
      return t && t.scorecard === sc ? t.item : undefined;
    };
    // The outputs: a KPI that contributes to another KPI of this scorecard is an inner-loop measure
    // of that KPI, not an output of its own; KPIs with the same `measure.of` are one output.
    const outputOf = new Map<Kpi, Kpi[]>();
    const byMeasure = new Map<string, Kpi>();
    const outputs: Kpi[] = [];
    for (const k of sc.kpis) {
      if (k.contributes.some((ref) => own(ref) !== undefined)) continue;
      const of = k.measure?.of?.value;
      const same = of === undefined ? undefined : byMeasure.get(of);
      if (same) {
        outputOf.set(k, [same]);
        continue;
      }
      if (of !== undefined) byMeasure.set(of, k);
      outputOf.set(k, [k]);
      outputs.push(k);
    }
    // Inner-loop measures steer the outputs they feed (through other inner measures too).
    const resolve = (k: Kpi, seen: Set<Kpi>): Kpi[] => {
      const known = outputOf.get(k);
      if (known) return known;
      if (seen.has(k)) return [];
      seen.add(k);
      const found = [
        ...new Set(
          k.contributes.flatMap((ref) => {
            const t = own(ref);
            return t ? resolve(t, seen) : [];
          }),
        ),
      ];
      outputOf.set(k, found);
      return found;
    };
    // Levers of this scorecard that move each output, in document order. A `low` edge does not
    // steer: a lever that barely moves a KPI cannot set it.
    const leversOf = new Map<Kpi, number[]>();
    sc.levers.forEach((l, li) => {
      for (const refs of [l.improves, l.worsens]) {
        for (const ref of refs) {
          if (ref.level === 'low') continue;
          const t = own(ref);
          if (!t) continue;
          for (const out of resolve(t, new Set())) {
            const list = leversOf.get(out);
            if (!list) leversOf.set(out, [li]);
            else if (!list.includes(li)) list.push(li);
          }
        }
      }
    });
    const steered = outputs.filter((k) => leversOf.has(k));
    const match = maxMatching(steered.map((k) => leversOf.get(k)!));
    const unmatched = steered.filter((_, i) => match[i] < 0);
    if (!unmatched.length) return;
    const names = unmatched.map((k) => `"${k.id}"`);
    const who =
      names.length === 1 ? `${names[0]} has no lever of its own` : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} have no lever of their own`;
    ctx.report({
      span: scorecardSpan(sc),
      message: `${steered.length} steered KPIs but the levers can move only ${steered.length - unmatched.length} independently: ${who}.`,
      related: unmatched.map((k) => ({ location: { uri: sc.uri, span: k.idSpan }, message: `"${k.id}" has no lever of its own.` })),
      items: unmatched.map((k) => ws.qualifiedId(sc, k)).sort(),
    });
  },
};
export default rule;
