import type { Rule } from '../rule';
import { insertKey } from '../edit';

const rule: Rule = {
  meta: {
    id: 'kpi-owner',
    description: "A KPI or lever without an owner.",
    category: 'practice',
    defaultSeverity: 'warning',
    fixable: true,
  },
  check(ctx) {
    const { scorecard: sc, workspace: ws } = ctx;
    for (const item of [...sc.kpis, ...sc.levers]) {
      if (item.owner) continue;
      const existing = item.shape.keys.get('owner');
      // `owner:` written without a value: fill it in rather than add the key a second time.
      const edit = existing
        ? { span: { start: existing.key.end, end: Math.max(existing.key.end, existing.value.end) }, text: ': TODO' }
        : insertKey(sc.text, item.shape, 'owner', 'TODO');
      ctx.report({
        span: item.idSpan,
        message: `${item.kind === 'kpi' ? 'KPI' : 'Lever'} "${item.id}" has no owner: name the person or role accountable for it.`,
        fix: { title: 'Add `owner: TODO`', edits: [edit] },
        items: [ws.qualifiedId(sc, item)],
      });
    }
  },
};
export default rule;
