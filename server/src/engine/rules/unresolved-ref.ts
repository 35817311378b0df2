import type { Rule } from '../lint/rule';
import { refUses } from '../model/refs';
import { closest } from '../model/workspace';

const rule: Rule = {
  meta: {
    id: 'unresolved-ref',
    description: 'A reference to an id that exists nowhere in the workspace, or to the wrong kind of item.',
    category: 'structure',
    defaultSeverity: 'error',
    fixable: false,
  },
  check(ctx) {
    const { scorecard: sc, workspace: ws } = ctx;
    if (sc.parent && !ws.byId.has(sc.parent.id)) {
      const guess = closest(
        sc.parent.id,
        ws.scorecardIds().filter((id) => id !== sc.id?.value),
      );
      ctx.report({
        span: sc.parent.span,
        message: `Unresolved parent "${sc.parent.raw}": no scorecard has this id.${guess ? ` Did you mean "${guess}"?` : ''}`,
        suggestions: guess ? [{ title: `Change to "${guess}"`, edits: [{ span: sc.parent.span, text: guess }] }] : undefined,
      });
    }
    for (const use of refUses(sc)) {
      const t = ws.resolve(sc, use.ref, use.kinds, use.vision);
      if (t.kind !== 'unresolved') continue;
      const suggestion = ws.suggest(sc, use.ref, use.kinds);
      const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
      ctx.report({
        span: use.ref.span,
        message: `Unresolved reference "${use.ref.raw}" in \`${use.field}\`${use.from ? ` of "${use.from}"` : ''}: ${t.reason}.${hint}`,
        suggestions: suggestion ? [{ title: `Change to "${suggestion}"`, edits: [{ span: use.ref.span, text: suggestion }] }] : undefined,
      });
    }
    for (const k of sc.kpis) {
      if (!k.data) continue;
      const read = ctx.readData(k.data.csv.value);
      if (typeof read === 'string') continue;
      const why = read ? `is not read: ${read.refused}` : 'cannot be read (the path is relative to this scorecard)';
      ctx.report({ span: k.data.csv.span, message: `The data file "${k.data.csv.value}" of KPI "${k.id}" ${why}.` });
    }
  },
};
export default rule;
