import type { Rule } from '../lint/rule';
import { insertKey } from '../lint/edit';
import { isPlaceholderOwner, rejected } from '../model/model';

const rule: Rule = {
  meta: {
    id: 'kpi-owner',
    description: 'A KPI or lever without an owner, or whose owner is still to be named (`TODO`, `TBD`, empty).',
    category: 'practice',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check(ctx) {
    const { scorecard: sc, workspace: ws } = ctx;
    for (const item of [...sc.kpis, ...sc.levers]) {
      const what = `${item.kind === 'kpi' ? 'KPI' : 'Lever'} "${item.id}"`;
      const items = [ws.qualifiedId(sc, item)];
      if (item.owner.length) {
        if (!item.owner.every((o) => isPlaceholderOwner(o.value))) continue;
        ctx.report({ span: item.owner[0].span, message: `${what}: owner still to be named.`, items });
        continue;
      }
      // An owner the schema rejects (a number, a mapping) is the schema's finding.
      if (rejected(item, 'owner')) continue;
      if (item.shape.keys.includes('owner')) {
        // `owner:` with nothing after it: a placeholder like `TODO`.
        ctx.report({ span: item.idSpan, message: `${what}: owner still to be named.`, items });
        continue;
      }
      ctx.report({
        span: item.idSpan,
        message: `${what} has no owner: name the person or role accountable for it.`,
        // Offered in the editor only: a placeholder is no owner, so `--fix` and fix-on-save never
        // write one, and once it is there the finding stays ("owner still to be named").
        suggestions: [{ title: 'Add `owner: TODO`', edits: [insertKey(sc.text, item.shape, 'owner', 'TODO')] }],
        items,
      });
    }
  },
};

export default rule;
