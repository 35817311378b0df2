import type { Kpi } from '../model/model';
import type { Rule, RuleContext } from '../lint/rule';
import { kpiStatus } from '../model/status';
import type { Span } from '../types';

const rule: Rule = {
  meta: {
    id: 'stale-data',
    description: 'A KPI with a cadence whose latest observation is older than two cadence periods: its status is out of date.',
    category: 'practice',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check(ctx) {
    const { scorecard: sc, workspace: ws } = ctx;
    for (const k of sc.kpis) {
      if (!k.cadence) continue;
      const s = kpiStatus(k, ctx.readData, ctx.asOf);
      if (!s.stale || !s.last) continue;
      ctx.report({
        span: observationSpan(ctx, k, s.last.date, 'date'),
        message: `KPI "${k.id}" is measured ${k.cadence.value}, but its latest observation is from ${s.last.date}, more than two periods before ${ctx.asOf}: its status is out of date.`,
        items: [ws.qualifiedId(sc, k)],
      });
    }
  },
};

/**
 * Where an observation of a KPI is written: the `key` of the last history entry with that date
 * (the one that counts, as in kpiObservations), or the `csv` value when the observations come
 * from a data file. A history shared through a YAML alias is written elsewhere: then the KPI's
 * own `history` key.
 */
export function observationSpan(ctx: RuleContext, k: Kpi, date: string, key: 'date' | 'status'): Span {
  if (!k.history.length) return k.data?.csv.span ?? k.idSpan;
  const history = (ctx.parsed.data as { kpis?: { history?: unknown }[] } | undefined)?.kpis?.[k.index]?.history;
  const entries = Array.isArray(history) ? (history as unknown[]) : [];
  let i = entries.length - 1;
  while (i >= 0 && (entries[i] as { date?: unknown } | null)?.date !== date) i--;
  const inside = (span: Span) => span.start >= k.span.start && span.end <= k.span.end;
  const found = i >= 0 ? ctx.parsed.spanAt(`/kpis/${k.index}/history/${i}/${key}`).span : undefined;
  if (found && inside(found)) return found;
  const own = ctx.parsed.spanAt(`/kpis/${k.index}/history`).keySpan;
  return own && inside(own) ? own : k.idSpan;
}
export default rule;
