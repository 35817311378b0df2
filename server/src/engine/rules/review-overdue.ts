import type { Rule } from '../lint/rule';
import { addPeriods, dayNumber } from '../dates';
import { mayHoldDamaged, scorecardSpan, rejected } from '../model/model';

const rule: Rule = {
  meta: {
    id: 'review-overdue',
    description: 'A scorecard without a review block or past its review date, or a KPI without a cadence.',
    category: 'practice',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check(ctx) {
    const { scorecard: sc, workspace: ws } = ctx;
    if (!sc.isMapping) return;
    const name = sc.id?.value ?? sc.uri;
    const review = sc.review;
    if (!review) {
      // A review block lost in text YAML could not parse is not a missing one.
      if (!mayHoldDamaged(sc, 'review'))
        ctx.report({
          span: scorecardSpan(sc),
          message: `Scorecard "${name}" has no \`review\` block: add one with its cadence and the date of the last review.`,
        });
    } else if (!isMapping(ctx.parsed.data, 'review')) {
      // A review that is not a mapping is the schema's finding.
    } else if (!review.last) {
      // A `last` the schema rejects is the schema's finding, not a missing date.
      if (!review.keys.includes('last'))
        ctx.report({ span: review.keySpan, message: `The review of "${name}" has no \`last\` date: record when the scorecard was last reviewed.` });
    } else if (review.cadence) {
      const due = addPeriods(review.last.value, review.cadence.value, 1);
      const late = dayNumber(ctx.asOf) - dayNumber(due);
      if (late > 0) {
        ctx.report({
          span: review.last.span,
          message: `The ${review.cadence.value} review of "${name}" is overdue: last ${review.last.value}, due ${due}, ${late} day${late === 1 ? '' : 's'} late as of ${ctx.asOf}.`,
        });
      }
    }
    for (const k of sc.kpis) {
      // A cadence the schema rejects (`Monthly`) is the schema's finding, not a missing cadence.
      if (k.cadence || rejected(k, 'cadence')) continue;
      ctx.report({ span: k.idSpan, message: `KPI "${k.id}" has no \`cadence\`: say how often it is measured and reviewed.`, items: [ws.qualifiedId(sc, k)] });
    }
  },
};

function isMapping(data: unknown, key: string): boolean {
  const v = (data as Record<string, unknown> | undefined)?.[key];
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export default rule;
