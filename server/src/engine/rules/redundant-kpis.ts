import { leversOn } from '../control';
import type { Correlation, Kpi, Objective, Observation, Scorecard } from '../model';
import type { Rule, RuleContext } from '../rule';
import { correlateSeries, kpiSeries } from '../stats';
import type { RelatedInfo, Span } from '../types';
import type { Workspace } from '../workspace';

const rule: Rule = {
  meta: {
    id: 'redundant-kpis',
    description: "Two KPIs that carry the same information (declared or measured correlation, or the same objective, unit and levers): keep one.",
    category: 'selection',
    defaultSeverity: 'warning',
    fixable: false,
    options: {
    minR: { description: "Smallest absolute correlation that makes two KPIs redundant.", default: 0.8, min: 0 },
    minPoints: { description: "Fewest shared history dates before a measured correlation counts.", default: 8, min: 3, integer: true },
    },
  },
  check(ctx) {
    const { scorecard: sc, workspace: ws, options } = ctx;
    const declared = declaredPairs(ws, options.minR);
    // Pairs of this scorecard's KPIs already reported, by either member.
    const seen = new Map<Kpi, Set<Kpi>>();
    const mark = (a: Kpi, b: Kpi) => {
      for (const [x, y] of [[a, b], [b, a]]) {
        const set = seen.get(x);
        if (set) set.add(y);
        else seen.set(x, new Set([y]));
      }
    };
    for (const d of declared.values()) {
      if (d.scorecard === sc) reportDeclared(ctx, d);
      if (d.members[0].scorecard === sc && d.members[1].scorecard === sc) mark(d.members[0].kpi, d.members[1].kpi);
    }
    const report = (a: Kpi, b: Kpi, why: string) => {
      mark(a, b);
      ctx.report({
        span: a.idSpan,
        message: `${a.id} and ${b.id} carry the same information: ${why}.`,
        related: [{ location: { uri: sc.uri, span: b.idSpan }, message: `"${b.id}" carries the same information as "${a.id}".` }],
        items: [ws.qualifiedId(sc, a), ws.qualifiedId(sc, b)].sort(),
      });
    };
    // Pairs of this scorecard's KPIs, each once, in document order of their first member.
    // Comparing series is quadratic; past MAX_SERIES KPIs with enough history the later ones are
    // left out, so one huge scorecard cannot stall the editor (see the rule's docs page).
    const withData: { k: Kpi; s: readonly Observation[] }[] = [];
    for (const k of sc.kpis) {
      if (withData.length === MAX_SERIES) break;
      const s = kpiSeries(k, ctx.readData);
      if (s.length >= options.minPoints) withData.push({ k, s });
    }
    for (let i = 0; i < withData.length; i++) {
      for (let j = i + 1; j < withData.length; j++) {
        const { k: a, s: sa } = withData[i];
        const { k: b, s: sb } = withData[j];
        if (seen.get(a)?.has(b)) continue;
        const { shared, r } = correlateSeries(sa, sb);
        // A computed r that should be exactly minR may fall short by a rounding error.
        if (shared < options.minPoints || r === undefined || Math.abs(r) < options.minR - 1e-9) continue;
        report(a, b, `r = ${r.toFixed(2)} over ${shared} shared dates`);
      }
    }
    const numbers = new Map<object, number>();
    const numberOf = (item: object) => {
      let n = numbers.get(item);
      if (n === undefined) numbers.set(item, (n = numbers.size));
      return n;
    };
    const groups = new Map<string, Kpi[]>();
    for (const k of sc.kpis) {
      const key = signatureKey(ws, sc, k, numberOf);
      if (key === undefined) continue;
      const group = groups.get(key);
      if (group) group.push(k);
      else groups.set(key, [k]);
    }
    for (const group of groups.values()) {
      for (let i = 0; i < group.length; i++) {
        for (let j = i + 1; j < group.length; j++) {
          if (!seen.get(group[i])?.has(group[j])) report(group[i], group[j], explain(ws, sc, group[i]));
        }
      }
    }
  },
};

interface Member {
  scorecard: Scorecard;
  kpi: Kpi;
}

interface Declared {
  scorecard: Scorecard;
  correlation: Correlation;
  r: number;
  members: [Member, Member];
}

function pairKey(ws: Workspace, sa: Scorecard, a: Kpi, sb: Scorecard, b: Kpi): string {
  return [ws.qualifiedId(sa, a), ws.qualifiedId(sb, b)].sort().join(' ');
}

/**
 * Declared correlations at or past minR, by pair, across the workspace. The first declaration
 * of a pair (in uri and document order) reports it; every scorecard then leaves the pair alone.
 */
function declaredPairs(ws: Workspace, minR: number): Map<string, Declared> {
  return ws.cached(`redundant-kpis:declared:${minR}`, () => {
    const out = new Map<string, Declared>();
    for (const sc of ws.scorecards) {
      for (const c of sc.correlations) {
        if (c.between.length !== 2 || !c.r || Math.abs(c.r.value) < minR) continue;
        const [a, b] = c.between.map((ref) => ws.target<Kpi>(sc, ref, ['kpi']));
        if (!a || !b || a.item === b.item) continue;
        const key = pairKey(ws, a.scorecard, a.item, b.scorecard, b.item);
        const members: [Member, Member] = [
          { scorecard: a.scorecard, kpi: a.item },
          { scorecard: b.scorecard, kpi: b.item },
        ];
        if (!out.has(key)) out.set(key, { scorecard: sc, correlation: c, r: c.r.value, members });
      }
    }
    return out;
  });
}

function reportDeclared(ctx: RuleContext, d: Declared): void {
  const { scorecard: sc, workspace: ws } = ctx;
  const name = (m: Member) => (m.scorecard === sc ? m.kpi.id : ws.qualifiedId(m.scorecard, m.kpi));
  const own = d.members.filter((m) => m.scorecard === sc).sort((x, y) => x.kpi.idSpan.start - y.kpi.idSpan.start);
  const between = d.correlation.between;
  const betweenSpan: Span = { start: between[0].span.start, end: between[between.length - 1].span.end };
  const first = own[0];
  const others = d.members.filter((m) => m !== first);
  const related: RelatedInfo[] = others.map((m) => ({ location: { uri: m.scorecard.uri, span: m.kpi.idSpan }, message: `"${name(m)}" is one of the pair.` }));
  if (first) related.push({ location: { uri: sc.uri, span: betweenSpan }, message: `The correlation declared here: r = ${d.r}.` });
  const [a, b] = first ? [first, others[0]] : d.members;
  ctx.report({
    span: first ? first.kpi.idSpan : betweenSpan,
    message: `${name(a)} and ${name(b)} carry the same information: declared r = ${d.r}.`,
    related,
    items: d.members.map((m) => ws.qualifiedId(m.scorecard, m.kpi)).sort(),
  });
}

/** At most this many KPIs of one scorecard have their histories compared pairwise. */
export const MAX_SERIES = 400;

interface Named {
  scorecard: Scorecard;
  item: { id: string };
}

/** What makes two KPIs structurally the same: the objectives they serve and the levers that move them (with the unit). */
function parts(ws: Workspace, sc: Scorecard, k: Kpi): { objectives: Named[]; levers: Named[] } {
  return { objectives: k.objective.flatMap((ref) => ws.target<Objective>(sc, ref, ['objective']) ?? []), levers: leversOn(ws, k) };
}

/**
 * The signature of a KPI as a key: the sets of its objectives and levers, and its unit; undefined
 * when one of the three is missing or empty. Items are keyed by a number of their own: names are
 * built only for reported pairs.
 */
function signatureKey(ws: Workspace, sc: Scorecard, k: Kpi, numberOf: (item: object) => number): string | undefined {
  const unit = k.unit?.value;
  if (unit === undefined) return undefined;
  const { objectives, levers } = parts(ws, sc, k);
  if (!objectives.length || !levers.length) return undefined;
  const set = (xs: Named[]) => (xs.length === 1 ? String(numberOf(xs[0].item)) : [...new Set(xs.map((x) => numberOf(x.item)))].sort((x, y) => x - y).join(','));
  // The unit goes last: whatever it holds, it cannot run into the lists.
  return `${set(objectives)}|${set(levers)}|${unit}`;
}

/** The words for the signature a KPI shares with another, built only for the pairs that are reported. */
function explain(ws: Workspace, sc: Scorecard, k: Kpi): string {
  const own = ws.qualifiedId(sc, { id: '' });
  const local = (q: string) => (q.startsWith(own) ? q.slice(own.length) : q);
  const names = (xs: Named[]) => [...new Set(xs.map((x) => ws.qualifiedId(x.scorecard, x.item)))].sort();
  const list = (ids: string[]) => ids.map((q) => `"${local(q)}"`).join(', ');
  const { objectives, levers } = parts(ws, sc, k);
  const [o, l] = [names(objectives), names(levers)];
  return `the same objective${o.length > 1 ? 's' : ''} ${list(o)}, unit "${k.unit?.value}" and lever${l.length > 1 ? 's' : ''} ${list(l)}`;
}
export default rule;
