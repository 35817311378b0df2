import type { Rule } from '../lint/rule';
import { isPlaceholderOwner } from '../model/model';
import type { Kpi, Scorecard, Val } from '../model/model';
import type { Workspace } from '../model/workspace';

interface Owned {
  scorecard: Scorecard;
  kpi: Kpi;
  /** Where the KPI names this owner (a co-owner counts as much as the lead). */
  owner: Val<string>;
}

/** KPIs by owner (spelled exactly as written), in workspace order: scorecards by uri, then document order. */
function kpisByOwner(ws: Workspace): Map<string, Owned[]> {
  return ws.cached('owner-load', () => {
    const out = new Map<string, Owned[]>();
    for (const scorecard of ws.scorecards) {
      for (const kpi of scorecard.kpis) {
        for (const owner of kpi.owner) {
          // `TODO` is nobody: kpi-owner reports it; it carries no load.
          if (isPlaceholderOwner(owner.value)) continue;
          const list = out.get(owner.value) ?? [];
          list.push({ scorecard, kpi, owner });
          out.set(owner.value, list);
        }
      }
    }
    return out;
  });
}

/** The ids, up to a dozen: a message stays one readable line however large the workspace. */
function listed(ids: string[]): string {
  const shown = 12;
  return ids.length <= shown ? ids.join(', ') : `${ids.slice(0, shown).join(', ')} and ${ids.length - shown} more`;
}

const rule: Rule = {
  meta: {
    id: 'owner-load',
    description: 'An owner with more KPIs across the workspace than one person can steer.',
    category: 'practice',
    defaultSeverity: 'warning',
    fixable: false,
    options: {
      max: { description: 'Most KPIs one owner may hold.', default: 5, min: 1, integer: true },
    },
  },
  check(ctx) {
    const { scorecard: sc, workspace: ws, options } = ctx;
    for (const [owner, owned] of kpisByOwner(ws)) {
      // The finding sits on the owner's first KPI, so it is reported once, in that scorecard.
      if (owned.length <= options.max || owned[0].scorecard !== sc) continue;
      const ids = owned.map((o) => ws.qualifiedId(o.scorecard, o.kpi));
      ctx.report({
        span: owned[0].owner.span,
        message: `"${owner}" owns ${owned.length} KPIs across the workspace, more than ${options.max}: ${listed(ids)}.`,
        related: owned
          .slice(1)
          .map((o) => ({ location: { uri: o.scorecard.uri, span: o.owner.span }, message: `Also owned by "${owner}": ${ws.qualifiedId(o.scorecard, o.kpi)}` })),
        items: [...ids].sort(),
      });
    }
  },
};
export default rule;
