import type { Rule } from '../lint/rule';
import { POLARITIES } from '../model/model';

const rule: Rule = {
  meta: {
    id: 'polarity-overuse',
    description: "A polarity assessment where one pole outweighs the other: the overused pole's downside shows.",
    category: 'practice',
    defaultSeverity: 'info',
    fixable: false,
    options: {
      gap: { description: 'Smallest difference between the two poles that counts as overuse.', default: 3, min: 1 },
    },
  },
  check(ctx) {
    const { scorecard: sc, options } = ctx;
    for (const p of sc.polarities) {
      const [, a, b] = POLARITIES.find(([key]) => key === p.key)!;
      const sa = p.scores[a];
      const sb = p.scores[b];
      if (!sa || !sb) continue;
      const diff = Math.abs(sa.value - sb.value);
      if (diff < options.gap) continue;
      const [over, under] = sa.value > sb.value ? [a, b] : [b, a];
      ctx.report({
        span: p.span,
        message: `The ${a}/${b} assessment leans to ${over}: ${a} ${sa.value}, ${b} ${sb.value}, ${diff} apart (${options.gap} or more is overuse). Overused, ${over} shows its downside: invest in ${under}.`,
      });
    }
  },
};
export default rule;
