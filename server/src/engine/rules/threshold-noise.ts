import type { Rule } from '../lint/rule';
import { kpiNoise, kpiSeries, medianOf, MIN_NOISE_POINTS, NOISE_WINDOW, round } from '../model/stats';

const rule: Rule = {
  meta: {
    id: 'threshold-noise',
    description: "A status that would flap: a warn/alert band narrower than twice the noise, or a standing target at the KPI's usual level.",
    category: 'practice',
    defaultSeverity: 'warning',
    fixable: false,
    options: {
      factor: { description: 'How many times the noise the warn/alert band must span.', default: 2, min: 0 },
    },
  },
  check(ctx) {
    const { scorecard: sc, workspace: ws, options } = ctx;
    for (const k of sc.kpis) {
      const th = k.thresholds;
      const target = k.target?.every ? k.target.value : undefined;
      if (!(th?.warn && th.alert) && !target) continue;
      const series = kpiSeries(k, ctx.readData);
      const noise = kpiNoise(k, series);
      if (!noise) continue;
      if (th?.warn && th.alert) {
        const band = Math.abs(th.warn.value - th.alert.value);
        const limit = options.factor * noise.value;
        // Decimal thresholds such as 3.5 and 3.1 must not fall short of 2 x 0.2 by a rounding error.
        if (band < limit - 1e-9 * Math.max(1, Math.abs(limit))) {
          ctx.report({
            span: th.span,
            message: `The warn/alert band of "${k.id}" is ${round(band)} wide (warn ${th.warn.value}, alert ${th.alert.value}), under ${round(options.factor)} × noise ${round(noise.value)} (${noise.source}) = ${round(limit)}: the status would flap.`,
            items: [ws.qualifiedId(sc, k)],
          });
        }
      }
      // A standing target at the level the KPI usually sits: met one period, missed the next, by chance.
      if (target && series.length >= MIN_NOISE_POINTS) {
        const last = series.slice(-NOISE_WINDOW).map((o) => o.value);
        const usual = medianOf(last)!;
        const gap = Math.abs(target.value - usual);
        if (gap <= noise.value + 1e-9 * Math.max(1, noise.value)) {
          ctx.report({
            span: target.span,
            message: `KPI "${k.id}": the standing target ${round(target.value)} is only ${round(gap)} from the usual level ${round(usual)} (median of the last ${last.length} observations), within the noise ${round(noise.value)} (${noise.source}): its status would flip between met and missed by chance.`,
            items: [ws.qualifiedId(sc, k)],
          });
        }
      }
    }
  },
};
export default rule;
