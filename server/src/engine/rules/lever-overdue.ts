import type { Rule } from '../lint/rule';
import { dayNumber } from '../dates';
import { rejected } from '../model/model';

/** How a lever that is not done stands, in words. */
const STANDING = { planned: 'is still planned', active: 'is still active', stalled: 'is stalled' } as const;

const rule: Rule = {
  meta: {
    id: 'lever-overdue',
    description: 'A lever whose `due` date has passed while its state is not `done`.',
    category: 'practice',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check(ctx) {
    const { scorecard: sc, workspace: ws } = ctx;
    for (const l of sc.levers) {
      if (!l.due || l.state?.value === 'done') continue;
      // A `state` the schema rejects is still a state: whether it means done is not known.
      if (rejected(l, 'state')) continue;
      const late = dayNumber(ctx.asOf) - dayNumber(l.due.value);
      if (!(late > 0)) continue;
      const standing = l.state ? STANDING[l.state.value] : 'has no `state`, so it counts as not done';
      ctx.report({
        span: l.due.span,
        message: `Lever "${l.id}" was due on ${l.due.value} and ${standing}: ${late} day${late === 1 ? '' : 's'} overdue as of ${ctx.asOf}.`,
        items: [ws.qualifiedId(sc, l)],
      });
    }
  },
};
export default rule;
