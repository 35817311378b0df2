import type { Correlation, Kpi, Observation, Scorecard } from '../model/model';
import type { Rule, RuleContext } from '../lint/rule';
import { correlationP, firstDifferences, kpiSeries, leaveOneOut, pearson, sharedValues } from '../model/stats';
import type { RelatedInfo, Span } from '../types';
import type { Workspace } from '../model/workspace';

/** Two-sided significance a measured correlation must reach (RULES.md 1.1). */
export const MAX_P = 0.01;
/** How far abs(r) may fall when one shared date is left out: one leverage point is not redundancy. */
export const ROBUST_DROP = 0.2;

const rule: Rule = {
  meta: {
    id: 'redundant-kpis',
    description: 'Two KPIs that carry the same information (the same measure, or a declared or a significant and robust measured correlation): keep one.',
    category: 'selection',
    defaultSeverity: 'warning',
    fixable: false,
    options: {
      minR: { description: 'Smallest absolute correlation that makes two KPIs redundant.', default: 0.8, min: 0 },
      minPoints: { description: 'Fewest shared history dates before a measured correlation counts.', default: 8, min: 3, integer: true },
    },
  },
  check(ctx) {
    const { scorecard: sc, workspace: ws, options } = ctx;
    const declared = declaredPairs(ws, options.minR);
    // Pairs of this scorecard's KPIs already reported, by either member.
    const seen = new Map<Kpi, Set<Kpi>>();
    const mark = (a: Kpi, b: Kpi) => {
      for (const [x, y] of [
        [a, b],
        [b, a],
      ]) {
        const set = seen.get(x);
        if (set) set.add(y);
        else seen.set(x, new Set([y]));
      }
    };
    for (const d of declared.values()) {
      if (d.scorecard === sc) reportDeclared(ctx, d);
      if (d.members[0].scorecard === sc && d.members[1].scorecard === sc) mark(d.members[0].kpi, d.members[1].kpi);
    }
    for (const p of sameMeasurePairs(ws, declared, options.minR)) {
      if (p.a.scorecard === sc && p.b.scorecard === sc) mark(p.a.kpi, p.b.kpi);
      if (p.a.scorecard !== sc) continue;
      const name = (m: Member) => (m.scorecard === sc ? m.kpi.id : ws.qualifiedId(m.scorecard, m.kpi));
      ctx.report({
        span: p.a.kpi.idSpan,
        message: `"${name(p.a)}" and "${name(p.b)}" carry the same information: both measure "${p.of}"; keep one, or say with \`contributes\` which one feeds the other.`,
        related: [{ location: { uri: p.b.scorecard.uri, span: p.b.kpi.idSpan }, message: `"${name(p.b)}" also measures "${p.of}".` }],
        items: [ws.qualifiedId(p.a.scorecard, p.a.kpi), ws.qualifiedId(p.b.scorecard, p.b.kpi)].sort(),
      });
    }
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
        const why = measuredRedundancy(sa, sb, options.minR, options.minPoints);
        if (!why) continue;
        mark(a, b);
        ctx.report({
          span: a.idSpan,
          message: `"${a.id}" and "${b.id}" carry the same information: ${why}.`,
          related: [{ location: { uri: sc.uri, span: b.idSpan }, message: `"${b.id}" carries the same information as "${a.id}".` }],
          items: [ws.qualifiedId(sc, a), ws.qualifiedId(sc, b)].sort(),
        });
      }
    }
  },
};

/**
 * Why two series carry the same information, or undefined: their first differences at the shared
 * dates correlate with abs(r) >= minR over at least minPoints dates, significantly (two-sided
 * p < MAX_P), and abs(r) stays >= minR - ROBUST_DROP whichever one date is left out.
 */
export function measuredRedundancy(a: readonly Observation[], b: readonly Observation[], minR: number, minPoints: number): string | undefined {
  const { xs, ys } = sharedValues(a, b);
  if (xs.length < minPoints) return undefined;
  const r = pearson(firstDifferences(xs), firstDifferences(ys));
  // A computed r that should be exactly minR may fall short by a rounding error.
  if (r === undefined || Math.abs(r) < minR - 1e-9) return undefined;
  const p = correlationP(r, xs.length - 1);
  if (p === undefined || p >= MAX_P) return undefined;
  const robust = leaveOneOut(xs, ys);
  if (robust.r < minR - ROBUST_DROP - 1e-9) return undefined;
  return `their changes correlate, r = ${r.toFixed(2)} over ${xs.length} shared dates (p ${p < 0.001 ? '< 0.001' : `= ${p.toFixed(3)}`}), and |r| stays at least ${robust.r.toFixed(2)} whichever date is left out`;
}

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

/**
 * Pairs of KPIs of the workspace with the same `measure.of`, first member first in path and
 * document order, unless one contributes to the other (directly or through other KPIs): then
 * one is a part or a finer grain of the other, not a duplicate. A declared pair is left to its
 * declaration.
 */
function sameMeasurePairs(ws: Workspace, declared: Map<string, Declared>, minR: number): { a: Member; b: Member; of: string }[] {
  return ws.cached(`redundant-kpis:same-measure:${minR}`, () => {
    const groups = new Map<string, Member[]>();
    for (const scorecard of ws.scorecards) {
      for (const kpi of scorecard.kpis) {
        const of = kpi.measure?.of?.value;
        if (of === undefined || ws.item(scorecard, kpi.id) !== kpi) continue;
        const list = groups.get(of);
        // Past MAX_SERIES KPIs of one measure the later ones are left out, as for the series below.
        if (list) {
          if (list.length < MAX_SERIES) list.push({ scorecard, kpi });
        } else groups.set(of, [{ scorecard, kpi }]);
      }
    }
    const feeds = contributesReach(ws);
    const out: { a: Member; b: Member; of: string }[] = [];
    for (const [of, list] of groups) {
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          const [a, b] = [list[i], list[j]];
          if (feeds(a.kpi, b.kpi) || feeds(b.kpi, a.kpi)) continue;
          if (declared.has(pairKey(ws, a.scorecard, a.kpi, b.scorecard, b.kpi))) continue;
          out.push({ a, b, of });
        }
      }
    }
    return out;
  });
}

/** Whether a KPI contributes to another, directly or through other KPIs (each KPI's reach is found once). */
function contributesReach(ws: Workspace): (from: Kpi, to: Kpi) => boolean {
  const next = new Map<Kpi, Kpi[]>();
  for (const sc of ws.scorecards) {
    for (const k of sc.kpis)
      if (k.contributes.length)
        next.set(
          k,
          k.contributes.flatMap((ref) => ws.target<Kpi>(sc, ref, ['kpi'])?.item ?? []),
        );
  }
  const reach = new Map<Kpi, Set<Kpi>>();
  return (from, to) => {
    let set = reach.get(from);
    if (!set) {
      set = new Set<Kpi>();
      const queue = [from];
      for (let i = 0; i < queue.length; i++) {
        for (const n of next.get(queue[i]) ?? []) {
          if (!set.has(n)) {
            set.add(n);
            queue.push(n);
          }
        }
      }
      reach.set(from, set);
    }
    return set.has(to);
  };
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
    message: `"${name(a)}" and "${name(b)}" carry the same information: declared r = ${d.r}.`,
    related,
    items: d.members.map((m) => ws.qualifiedId(m.scorecard, m.kpi)).sort(),
  });
}

/** At most this many KPIs of one scorecard have their histories compared pairwise. */
export const MAX_SERIES = 400;

export default rule;
