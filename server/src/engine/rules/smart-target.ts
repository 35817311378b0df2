import type { Rule } from '../lint/rule';
import { rejected } from '../model/model';
import type { Kpi } from '../model/model';

const blank = (v: { value: string } | undefined) => !v || v.value.trim() === '';

const rule: Rule = {
  meta: {
    id: 'smart-target',
    description: 'A KPI that is not SMART: no definition, unit, baseline, target value or target date, or a target value still to be decided.',
    category: 'practice',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check(ctx) {
    const { scorecard: sc, workspace: ws } = ctx;
    for (const k of sc.kpis) {
      const missing = missingParts(k);
      const tbd = k.target?.pending?.value === 'tbd' ? k.target.pending : undefined;
      if (missing.length === 0 && !tbd) continue;
      if (missing.length === 0) {
        ctx.report({ span: tbd!.span, message: `KPI "${k.id}" is not SMART yet: target value still to be decided.`, items: [ws.qualifiedId(sc, k)] });
        continue;
      }
      if (tbd) missing.push('target value still to be decided');
      ctx.report({ span: k.idSpan, message: `KPI "${k.id}" is not SMART: ${missing.join(', ')}.`, items: [ws.qualifiedId(sc, k)] });
    }
  },
};

/**
 * The parts of a SMART target a KPI lacks. A field written with a value the schema rejects
 * counts as there (the schema finding is the one to fix). `measure` defines the KPI as well as
 * `definition` does; a standing target (`every`) is time-bound and needs no baseline, being met
 * in every period; `withheld` is a value set but not published in the file.
 */
function missingParts(k: Kpi): string[] {
  const missing: string[] = [];
  const t = k.target;
  if (blank(k.definition) && !k.measure && !rejected(k, 'definition') && !rejected(k, 'measure')) missing.push('no definition');
  if (blank(k.unit) && !rejected(k, 'unit')) missing.push('no unit');
  const standing = !!t?.every || (!!t && rejected(t, 'every'));
  if (!k.baseline && !rejected(k, 'baseline') && !standing) missing.push('no baseline');
  // A `target` that is not a mapping is a schema finding; its parts then count as there.
  if (!rejected(k, 'target')) {
    if (!t?.value && !t?.pending && !(t && rejected(t, 'value'))) missing.push('no target value');
    if (!t?.by && !standing && !(t && rejected(t, 'by'))) missing.push('no target date');
  }
  return missing;
}
export default rule;
