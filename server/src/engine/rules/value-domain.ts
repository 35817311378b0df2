import type { Rule } from '../lint/rule';
import type { Kpi, Val } from '../model/model';
import { parseCsvSeries } from '../model/stats';

/** The units that have a domain (FORMAT.md, Format 1.1): how a KPI is named in them, and what the domain is. */
const DOMAINS = {
  percent: { is: 'is in percent', domain: 'percent lies in 0..100', holds: (v: number) => v >= 0 && v <= 100 },
  count: { is: 'is a count', domain: 'a count is a whole number, 0 or more', holds: (v: number) => Number.isInteger(v) && v >= 0 },
  ratio: { is: 'is a ratio', domain: 'a ratio is 0 or more', holds: (v: number) => v >= 0 },
} as const;
type Domain = (typeof DOMAINS)[keyof typeof DOMAINS];

/** The domain of a KPI's unit, when it has one; the unit is read without regard to case. */
export function unitDomain(unit: string | undefined): Domain | undefined {
  const u = unit?.trim().toLowerCase();
  return u === 'percent' || u === 'count' || u === 'ratio' ? DOMAINS[u] : undefined;
}

const rule: Rule = {
  meta: {
    id: 'value-domain',
    description: "A value outside its unit's domain: a percent outside 0..100, a negative or fractional count, a negative ratio.",
    category: 'structure',
    defaultSeverity: 'error',
    fixable: false,
  },
  check(ctx) {
    const { scorecard: sc, workspace: ws } = ctx;
    for (const k of sc.kpis) {
      const d = unitDomain(k.unit?.value);
      if (!d) continue;
      const items = [ws.qualifiedId(sc, k)];
      const check = (v: Val<number> | undefined, as: string) => {
        if (v && !d.holds(v.value)) ctx.report({ span: v.span, message: `KPI "${k.id}" ${d.is}, so ${v.value} cannot be ${as}: ${d.domain}.`, items });
      };
      check(k.baseline, 'its baseline');
      check(k.target?.value, 'its target');
      for (const m of k.milestones) check(m.value, m.by ? `its milestone for ${m.by.value}` : 'a milestone');
      // With `maintain`, warn and alert are distances from the target, not values of the KPI:
      // their sign is threshold-order's, and a distance wider than the domain is harmless.
      if (k.direction?.value !== 'maintain') {
        check(k.thresholds?.warn, 'its warn threshold');
        check(k.thresholds?.alert, 'its alert threshold');
      }
      if (k.shape.keys.includes('history')) history(k, d);
      // The rows of the data file count where the observations come from it (kpiObservations).
      if (!k.history.length && k.data) csv(k, k.data, d);
    }

    /** Each observation written in the scorecard, on its value; projections too, as a forecast cannot leave the domain either. */
    function history(k: Kpi, d: Domain): void {
      const kpis = (ctx.parsed.data as { kpis?: unknown } | undefined)?.kpis;
      const entries = Array.isArray(kpis) ? (kpis[k.index] as { history?: unknown } | undefined)?.history : undefined;
      if (!Array.isArray(entries)) return;
      entries.forEach((e: unknown, i) => {
        if (typeof e !== 'object' || e === null) return;
        const { value, date } = e as { value?: unknown; date?: unknown };
        if (typeof value !== 'number' || !Number.isFinite(value) || d.holds(value)) return;
        const when = typeof date === 'string' ? `the value observed on ${date}` : 'an observed value';
        // An observation given by an alias is written elsewhere: the finding stays in the KPI, on the alias.
        const at = ctx.parsed.spanAt(`/kpis/${k.index}/history/${i}/value`).span;
        const span = at.start >= k.span.start && at.end <= k.span.end ? at : ctx.parsed.spanAt(`/kpis/${k.index}/history/${i}`).span;
        ctx.report({ span, message: `KPI "${k.id}" ${d.is}, so ${value} cannot be ${when}: ${d.domain}.`, items: [ws.qualifiedId(sc, k)] });
      });
    }

    /** The rows of a CSV file cannot be pointed at from the scorecard: one finding on the `csv` value names the first row out of the domain and counts the others. */
    function csv(k: Kpi, data: NonNullable<Kpi['data']>, d: Domain): void {
      const text = ctx.readData(data.csv.value);
      if (typeof text !== 'string') return;
      const out = parseCsvSeries(text, data.column.value).filter((o) => !d.holds(o.value));
      if (!out.length) return;
      const more = out.length - 1;
      const rest = more ? ` ${more} more row${more === 1 ? '' : 's'} of the file ${more === 1 ? 'lies' : 'lie'} outside it.` : '';
      ctx.report({
        span: data.csv.span,
        message: `KPI "${k.id}" ${d.is}, so ${out[0].value} cannot be the value observed on ${out[0].date} in ${data.csv.value}: ${d.domain}.${rest}`,
        items: [ws.qualifiedId(sc, k)],
      });
    }
  },
};
export default rule;
