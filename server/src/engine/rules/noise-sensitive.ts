import { disturbancesOn, leversOn } from '../model/control';
import type { Kpi, Scorecard } from '../model/model';
import type { Rule, RuleContext } from '../lint/rule';
import { kpiNoise, kpiSeries, round } from '../model/stats';
import { targetVerdict } from '../model/targets';

const rule: Rule = {
  meta: {
    id: 'noise-sensitive',
    description: 'A KPI whose target cannot be told from noise, or that a strong disturbance moves with no lever to answer it.',
    category: 'selection',
    defaultSeverity: 'warning',
    fixable: false,
    options: {
      factor: { description: 'How many times the noise the planned change must exceed.', default: 2, min: 0 },
    },
  },
  check(ctx) {
    for (const k of ctx.scorecard.kpis) {
      targetWithinNoise(ctx, k);
      unansweredDisturbance(ctx, k);
    }
  },
};

function targetWithinNoise(ctx: RuleContext, k: Kpi): void {
  const { scorecard: sc, workspace: ws, options } = ctx;
  const target = k.target?.value;
  if (!target || !k.baseline) return;
  const series = kpiSeries(k, ctx.readData);
  // A target that asks for nothing is target-direction's finding, not one of noise.
  if (targetVerdict(k, series, ctx.asOf).asks !== 'improvement') return;
  const noise = kpiNoise(k, series);
  if (!noise) return;
  const gap = Math.abs(target.value - k.baseline.value);
  const limit = options.factor * noise.value;
  // Decimal values such as baseline 0.1 and target 0.3 must not fall short of 2 x 0.1 by a rounding error.
  if (gap >= limit - 1e-9 * Math.max(1, Math.abs(limit))) return;
  ctx.report({
    span: target.span,
    message: `KPI "${k.id}": target ${round(target.value)} is only ${round(gap)} from the baseline ${round(k.baseline.value)}, less than ${round(options.factor)} × noise ${round(noise.value)} (${noise.source}) = ${round(limit)}: reaching it could be luck.`,
    items: [ws.qualifiedId(sc, k)],
  });
}

function unansweredDisturbance(ctx: RuleContext, k: Kpi): void {
  const { scorecard: sc, workspace: ws } = ctx;
  // A disturbance listed without a level counts as medium (FORMAT.md).
  const on = disturbancesOn(ws, k);
  if (!on.length) return;
  const high = on.filter((d) => d.ref.level === 'high');
  if (!high.length || leversOn(ws, k).length) return;
  const name = (s: Scorecard, id: string) => `"${s === sc ? id : ws.qualifiedId(s, { id })}"`;
  const names = high.map((d) => name(d.scorecard, d.item.id)).join(', ');
  ctx.report({
    span: k.idSpan,
    message: `KPI "${k.id}" is moved strongly by disturbance${high.length > 1 ? 's' : ''} ${names} (high) and no lever can answer: its target is left to chance.`,
    related: high.map((d) => ({ location: { uri: d.scorecard.uri, span: d.ref.span }, message: `"${d.item.id}" affects "${k.id}" with level high.` })),
    items: [...new Set([ws.qualifiedId(sc, k), ...high.map((d) => ws.qualifiedId(d.scorecard, d.item))])].sort(),
  });
}

export default rule;
