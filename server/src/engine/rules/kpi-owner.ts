import type { Rule } from '../rule';
import { insertKey } from '../edit';
import { LIST_OF } from '../model';
import type { Span } from '../types';

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
      if (item.owner.length) continue;
      // `owner:` written without a value (or with one that is not text): fill it in rather than add the key a second time.
      const existing = item.shape.keys.includes('owner') ? ctx.parsed.spanAt(`/${LIST_OF[item.kind]}/${item.index}/owner`) : undefined;
      const edit = existing?.keySpan
        ? { span: { start: existing.keySpan.end, end: valueEnd(sc.text, existing.span, existing.keySpan) }, text: ': TODO' }
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
/** Where a key's value ends; for an empty value, just after the key's colon. */
function valueEnd(text: string, value: Span, key: Span): number {
  if (value !== key && value.end > key.end) return value.end;
  let p = key.end;
  while (text[p] === ' ') p++;
  return text[p] === ':' ? p + 1 : key.end;
}
export default rule;
