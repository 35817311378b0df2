import type { Rule } from '../rule';
import { addMonths } from '../dates';
import { insertKey } from '../edit';
import type { Kpi, Scorecard } from '../model';
import type { Fix } from '../types';

const blank = (v: { value: string } | undefined) => !v || v.value.trim() === '';

const rule: Rule = {
  meta: {
    id: 'smart-target',
    description: "A KPI that is not SMART: no definition, unit, baseline, target value or target date.",
    category: 'practice',
    defaultSeverity: 'warning',
    fixable: true,
  },
  check(ctx) {
    const { scorecard: sc, workspace: ws } = ctx;
    for (const k of sc.kpis) {
      const missing: string[] = [];
      if (blank(k.definition)) missing.push('no definition');
      if (blank(k.unit)) missing.push('no unit');
      if (!k.baseline) missing.push('no baseline');
      if (!k.target?.value) missing.push('no target value');
      if (!k.target?.by) missing.push('no target date');
      if (missing.length === 0) continue;
      ctx.report({
        span: k.idSpan,
        message: `KPI "${k.id}" is not SMART: ${missing.join(', ')}.`,
        fix: targetFix(sc, k, addMonths(ctx.asOf, 12)),
        items: [ws.qualifiedId(sc, k)],
      });
    }
  },
};

/** A target skeleton dated a year from the as-of date; the value is the baseline, never a guess. */
function targetFix(sc: Scorecard, k: Kpi, by: string): Fix | undefined {
  if (!k.target) {
    // A `target` key whose value is not a mapping is a schema finding; adding a second key would break the YAML.
    if (k.shape.keys.includes('target')) return undefined;
    const value = k.baseline ? `value: ${sc.text.slice(k.baseline.span.start, k.baseline.span.end)}, ` : '';
    return { title: `Add a target to reach by ${by}`, edits: [insertKey(sc.text, k.shape, 'target', `{ ${value}by: ${by} }`)] };
  }
  if (k.target.by || k.target.shape.keys.includes('by')) return undefined;
  return { title: `Add the target date ${by}`, edits: [insertKey(sc.text, k.target.shape, 'by', by)] };
}
export default rule;
