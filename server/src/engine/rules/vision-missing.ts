import type { Rule } from '../lint/rule';
import { mayHoldDamaged, scorecardSpan } from '../model/model';

const rule: Rule = {
  meta: {
    id: 'vision-missing',
    description: 'A root scorecard without a vision statement, or a vision without values.',
    category: 'practice',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check(ctx) {
    const { scorecard: sc } = ctx;
    if (!sc.isMapping || sc.parent) return;
    const name = sc.id?.value ?? sc.uri;
    const vision = sc.vision;
    // A statement or values the schema rejects are the schema's finding, not missing ones.
    if (vision && !vision.statement && vision.keys.includes('statement')) return;
    // A vision written as something else than a mapping is the schema's finding; one lost in
    // text YAML could not parse is not missing.
    if (!vision && (sc.shape?.keys.includes('vision') || mayHoldDamaged(sc, 'vision'))) return;
    if (!vision?.statement || vision.statement.value.trim() === '') {
      ctx.report({
        span: scorecardSpan(sc),
        message: `Root scorecard "${name}" has no vision statement: write the vision every objective and KPI below it serves.`,
      });
    } else if (!vision.values?.length && !(vision.values === undefined && vision.keys.includes('values'))) {
      ctx.report({ span: vision.keySpan, message: `The vision of "${name}" has no values: list the values that guide how it is pursued.` });
    }
  },
};
export default rule;
