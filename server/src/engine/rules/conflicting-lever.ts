import type { Kpi, Ref } from '../model/model';
import type { Rule } from '../lint/rule';

const rule: Rule = {
  meta: {
    id: 'conflicting-lever',
    description: 'A lever that improves one KPI and worsens another: a trade-off to make explicit.',
    category: 'selection',
    defaultSeverity: 'info',
    fixable: false,
  },
  check(ctx) {
    const { scorecard: sc, workspace: ws } = ctx;
    // Two refs name the same KPI when they resolve to it; an unresolved ref is known by its text.
    const key = (ref: Ref) => {
      const t = ws.target<Kpi>(sc, ref, ['kpi']);
      return t ? ws.qualifiedId(t.scorecard, t.item) : ref.raw;
    };
    const list = (refs: Ref[]) => refs.map((r) => `"${r.raw}"`).join(', ');
    for (const l of sc.levers) {
      if (!l.improves.length || !l.worsens.length) continue;
      const improved = new Set(l.improves.map(key));
      const both = l.worsens.filter((r) => improved.has(key(r)));
      const others = l.worsens.filter((r) => !both.includes(r));
      const parts: string[] = [];
      if (others.length) parts.push(`improves ${list(l.improves)} but worsens ${list(others)}`);
      if (both.length) parts.push(`both improves and worsens ${list(both)}`);
      ctx.report({
        span: l.idSpan,
        message: `Lever "${l.id}" ${parts.join(', and ')}: make the trade-off explicit.`,
        related: l.worsens.map((r) => ({ location: { uri: sc.uri, span: r.span }, message: `"${l.id}" worsens "${r.raw}" here.` })),
        items: [ws.qualifiedId(sc, l)],
      });
    }
  },
};
export default rule;
