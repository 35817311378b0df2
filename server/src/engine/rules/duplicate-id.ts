import type { Rule } from '../lint/rule';
import { itemsOf } from '../model/model';
import type { Item } from '../model/model';
import { kindName } from '../model/workspace';

const rule: Rule = {
  meta: {
    id: 'duplicate-id',
    description: 'An id defined twice: scorecard ids across the workspace, item ids within a scorecard.',
    category: 'structure',
    defaultSeverity: 'error',
    fixable: false,
  },
  check(ctx) {
    const { scorecard: sc, workspace: ws } = ctx;
    if (sc.id) {
      const first = ws.byId.get(sc.id.value);
      if (first && first !== sc && first.id) {
        ctx.report({
          span: sc.id.span,
          message: `Duplicate scorecard id "${sc.id.value}": it is already the id of the scorecard in ${fileName(first.uri)}.`,
          related: [{ location: { uri: first.uri, span: first.id.span }, message: 'First defined here' }],
        });
      }
    }
    const seen = new Map<string, Item>();
    for (const it of itemsOf(sc)) {
      const prev = seen.get(it.id);
      if (!prev) {
        seen.set(it.id, it);
        continue;
      }
      ctx.report({
        span: it.idSpan,
        message: `Duplicate id "${it.id}": ${article(kindName(it.kind))} and ${article(kindName(prev.kind))} of this scorecard share it (objectives, KPIs, levers and disturbances share one namespace).`,
        related: [{ location: { uri: sc.uri, span: prev.idSpan }, message: 'First defined here' }],
      });
    }
  },
};

/** The file's name without its folders: messages must not carry machine paths. */
function fileName(uri: string): string {
  return uri.slice(Math.max(uri.lastIndexOf('/'), uri.lastIndexOf('\\')) + 1);
}

function article(w: string): string {
  return /^[aeio]/.test(w) ? `an ${w}` : `a ${w}`;
}
export default rule;
