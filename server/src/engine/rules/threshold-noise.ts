import type { Rule } from '../rule';
import { estimateNoise, kpiSeries } from '../stats';

const rule: Rule = {
  meta: {
    id: 'threshold-noise',
    description: "A warn/alert band narrower than twice the noise: the status would flap.",
    category: 'practice',
    defaultSeverity: 'warning',
    fixable: false,
    options: {
    factor: { description: "How many times the noise the band must span.", default: 2, min: 0 },
    },
  },
  check(ctx) {
    const { scorecard: sc, workspace: ws, options } = ctx;
    for (const k of sc.kpis) {
      const th = k.thresholds;
      if (!th?.warn || !th.alert) continue;
      let noise = k.noise?.value;
      let source = 'declared';
      if (noise === undefined) {
        const series = kpiSeries(k, ctx.readData);
        noise = estimateNoise(series.map((o) => o.value));
        source = `estimated from ${series.length} points`;
      }
      if (noise === undefined) continue;
      const band = Math.abs(th.warn.value - th.alert.value);
      const limit = options.factor * noise;
      // Decimal thresholds such as 3.5 and 3.1 must not fall short of 2 x 0.2 by a rounding error.
      if (band >= limit - 1e-9 * Math.max(1, Math.abs(limit))) continue;
      ctx.report({
        span: th.span,
        message: `The warn/alert band of "${k.id}" is ${num(band)} wide (warn ${th.warn.value}, alert ${th.alert.value}), under ${num(options.factor)} x noise ${num(noise)} (${source}) = ${num(limit)}: the status would flap.`,
        items: [ws.qualifiedId(sc, k)],
      });
    }
  },
};

/** At most three decimals, without trailing zeros. */
function num(x: number): string {
  return String(Number(x.toFixed(3)));
}
export default rule;
