import { Disturbance, Item, Kpi, Level, Scorecard, scorecardSpan } from '../model/model';
import { kpiStatus } from '../model/status';
import { lineCol } from '../text';
import type { DataRead, Finding, Span, StatusName } from '../types';
import type { Workspace } from '../model/workspace';
import type { Cascade, CascadeEdge, CascadeGroup, CascadeNode, DisturbanceView, EdgeKind, FindingView, KpiFacts, Status } from './types';
import { worstOf } from './types';

export type ReadData = (scorecardUri: string, csv: string) => DataRead | undefined;

/** Scorecards in cascade order with their depth: each root and its descendants depth first, then the rest. */
export function cascadeOrder(ws: Workspace): { sc: Scorecard; depth: number; parent?: Scorecard }[] {
  const children = new Map<Scorecard, Scorecard[]>();
  for (const sc of ws.scorecards) {
    const parent = ws.parentOf(sc);
    if (parent && parent !== sc) children.set(parent, [...(children.get(parent) ?? []), sc]);
  }
  const out: { sc: Scorecard; depth: number; parent?: Scorecard }[] = [];
  const seen = new Set<Scorecard>();
  const visit = (sc: Scorecard, depth: number, parent?: Scorecard) => {
    if (seen.has(sc)) return;
    seen.add(sc);
    out.push({ sc, depth, parent });
    for (const c of children.get(sc) ?? []) visit(c, depth + 1, sc);
  };
  for (const sc of ws.scorecards) if (ws.isRoot(sc)) visit(sc, 0);
  // Scorecards whose parent does not resolve, or whose parents form a cycle, start their own tree.
  for (const sc of ws.scorecards) visit(sc, 0);
  return out;
}

export function groupTitle(sc: Scorecard): string {
  return sc.title?.value ?? sc.id?.value ?? sc.uri.split(/[\\/]/).pop() ?? sc.uri;
}

export function findingView(sc: Scorecard, f: Finding): FindingView {
  const { line, column } = lineCol(sc.lineStarts, f.span.start, sc.text.length);
  return { rule: f.rule, severity: f.severity, message: f.message, line, column };
}

/** The preview's status band of a KPI's status: no data shows as unknown. */
const BAND: Record<StatusName, Status> = { 'on-track': 'ok', 'at-risk': 'warn', 'off-track': 'alert', unknown: 'unknown', 'no-data': 'unknown' };

/** Something a finding can sit on: the innermost one whose span holds the finding's start gets it. */
interface Holder {
  span: Span;
  findings: FindingView[];
}

function attach(holders: Holder[], at: number): Holder | undefined {
  // Items of a scorecard never overlap, so the last one starting at or before `at` is the only candidate.
  let lo = 0;
  let hi = holders.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (holders[mid].span.start <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const h = found >= 0 ? holders[found] : undefined;
  return h && at <= h.span.end ? h : undefined;
}

export function buildCascade(ws: Workspace, findings: ReadonlyMap<string, readonly Finding[]>, readData?: ReadData, asOf?: string): Cascade {
  const order = cascadeOrder(ws);
  const groups: CascadeGroup[] = [];
  const nodes: CascadeNode[] = [];
  const disturbances: DisturbanceView[] = [];
  const edges: CascadeEdge[] = [];
  const keyOf = new Map<Item, string>();
  const visionKey = (sc: Scorecard) => `${sc.uri}#:vision`;

  // Keys first, so that refs to items of scorecards later in the order resolve.
  for (const { sc } of order) {
    const used = new Map<string, number>();
    for (const it of [...sc.objectives, ...sc.kpis, ...sc.levers, ...sc.disturbances]) {
      const n = (used.get(it.id) ?? 0) + 1;
      used.set(it.id, n);
      keyOf.set(it, n === 1 ? `${sc.uri}#${it.id}` : `${sc.uri}#${it.id}:${n}`);
    }
  }
  const seenEdges = new Set<string>();
  const edge = (kind: EdgeKind, from: string, to: string, level?: Level) => {
    const id = `${kind} ${from} ${to}`;
    if (seenEdges.has(id)) return;
    seenEdges.add(id);
    edges.push(level ? { kind, from, to, level } : { kind, from, to });
  };
  const kpiKey = (sc: Scorecard, ref: Parameters<Workspace['resolve']>[1]) => {
    const t = ws.target<Kpi>(sc, ref, ['kpi']);
    return t && keyOf.get(t.item);
  };
  const affectedBy = new Map<string, { key: string; level: Level }[]>();
  for (const { sc } of order) {
    for (const d of sc.disturbances) {
      for (const ref of d.affects) {
        const k = kpiKey(sc, ref);
        if (!k) continue;
        const list = affectedBy.get(k) ?? [];
        list.push({ key: keyOf.get(d)!, level: ref.level ?? 'medium' });
        affectedBy.set(k, list);
      }
    }
  }

  for (const { sc, depth, parent } of order) {
    const group: CascadeGroup = {
      key: sc.uri,
      ...(sc.id ? { id: sc.id.value } : {}),
      title: groupTitle(sc),
      ...(sc.owner ? { owner: sc.owner.value } : {}),
      ...(parent ? { parent: parent.uri } : {}),
      depth,
      counts: {
        objectives: sc.objectives.length,
        kpis: sc.kpis.length,
        levers: sc.levers.length,
        disturbances: sc.disturbances.length,
        findings: findings.get(sc.uri)?.length ?? 0,
      },
      uri: sc.uri,
      span: { start: 0, end: sc.text.length },
      select: scorecardSpan(sc),
      findings: [],
    };
    groups.push(group);
    const holders: Holder[] = [];
    const node = (n: Omit<CascadeNode, 'group' | 'uri' | 'findings'>, holds = true): CascadeNode => {
      const full: CascadeNode = { ...n, group: sc.uri, uri: sc.uri, findings: [] };
      nodes.push(full);
      if (holds) holders.push(full);
      return full;
    };

    if (ws.isRoot(sc)) {
      // A root without a vision block still gets a vision node, for its objectives to support;
      // it holds no findings, since its range is the scorecard id where scorecard findings sit.
      const v = sc.vision;
      node(
        {
          key: visionKey(sc),
          kind: 'vision',
          id: 'vision',
          label: v?.statement?.value ?? 'Vision',
          span: v ? { start: v.keySpan.start, end: v.span.end } : scorecardSpan(sc),
          select: v?.statement?.span ?? v?.keySpan ?? scorecardSpan(sc),
        },
        v !== undefined,
      );
    }
    for (const o of sc.objectives) {
      node({ key: keyOf.get(o)!, kind: 'objective', id: o.id, label: o.title?.value ?? o.id, span: o.span, select: o.idSpan });
      for (const ref of o.supports) {
        const t = ws.resolve(sc, ref, ['objective'], true);
        if (t.kind === 'vision' && t.scorecard) edge('supports', keyOf.get(o)!, visionKey(t.scorecard));
        else if (t.kind === 'item') edge('supports', keyOf.get(o)!, keyOf.get(t.item)!);
      }
    }
    for (const k of sc.kpis) {
      const key = keyOf.get(k)!;
      const standing = kpiStatus(k, (csv) => readData?.(sc.uri, csv), asOf);
      const facts: KpiFacts = {
        ...(k.unit ? { unit: k.unit.value } : {}),
        ...(k.direction ? { direction: k.direction.value } : {}),
        ...(k.baseline ? { baseline: k.baseline.value } : {}),
        ...(k.target?.value ? { target: k.target.value.value } : {}),
        ...(k.target?.by ? { targetBy: k.target.by.value } : {}),
        ...(standing.last ? { last: standing.last } : {}),
        status: BAND[standing.status],
        standing,
        poles: [...new Set(k.poles.map((p) => p.value))],
        disturbances: affectedBy.get(key) ?? [],
      };
      node({
        key,
        kind: 'kpi',
        id: k.id,
        label: k.name?.value ?? k.id,
        ...(k.owner.length ? { owner: k.owner.map((o) => o.value).join(', ') } : {}),
        span: k.span,
        select: k.idSpan,
        kpi: facts,
      });
      for (const ref of k.objective) {
        const t = ws.target(sc, ref, ['objective']);
        if (t) edge('objective', key, keyOf.get(t.item)!);
      }
      for (const ref of k.contributes) {
        const to = kpiKey(sc, ref);
        if (to) edge('contributes', key, to);
      }
    }
    for (const l of sc.levers) {
      const key = keyOf.get(l)!;
      node({
        key,
        kind: 'lever',
        id: l.id,
        label: l.name?.value ?? l.id,
        ...(l.owner.length ? { owner: l.owner.map((o) => o.value).join(', ') } : {}),
        span: l.span,
        select: l.idSpan,
      });
      for (const [kind, refs] of [
        ['improves', l.improves],
        ['worsens', l.worsens],
      ] as const) {
        for (const ref of refs) {
          const to = kpiKey(sc, ref);
          if (to) edge(kind, key, to, ref.level);
        }
      }
    }
    for (const d of sc.disturbances) {
      const view = disturbanceView(sc, d, keyOf.get(d)!);
      disturbances.push(view);
      holders.push(view);
    }

    holders.sort((a, b) => a.span.start - b.span.start);
    const all = findings.get(sc.uri) ?? [];
    for (const f of all) (attach(holders, f.span.start) ?? group).findings.push(findingView(sc, f));
    for (const h of holders) {
      const worst = worstOf(h.findings);
      if (worst) (h as CascadeNode | DisturbanceView).worst = worst;
    }
    const worst = worstOf(all);
    if (worst) group.worst = worst;
  }
  return { groups, nodes, edges, disturbances };
}

function disturbanceView(sc: Scorecard, d: Disturbance, key: string): DisturbanceView {
  return { key, id: d.id, group: sc.uri, label: d.name?.value ?? d.id, uri: sc.uri, span: d.span, select: d.idSpan, findings: [] };
}
