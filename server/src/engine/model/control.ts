import type { Disturbance, Kpi, Lever, Ref, Scorecard } from './model';
import type { Workspace } from './workspace';

// The control view of a workspace: which levers (inputs u) and disturbances (signals d) act on
// each KPI (output y), across every scorecard, since a lever in one scorecard may name
// `other-scorecard/kpi`. Refs that do not resolve act on nothing (unresolved-ref reports them).

export interface Actor<T> {
  scorecard: Scorecard;
  item: T;
  ref: Ref;
}

interface Control {
  levers: Map<Kpi, Actor<Lever>[]>;
  disturbances: Map<Kpi, Actor<Disturbance>[]>;
}

function compute(ws: Workspace): Control {
  const levers = new Map<Kpi, Actor<Lever>[]>();
  const disturbances = new Map<Kpi, Actor<Disturbance>[]>();
  const add = <T>(map: Map<Kpi, Actor<T>[]>, sc: Scorecard, item: T, ref: Ref) => {
    const t = ws.target<Kpi>(sc, ref, ['kpi']);
    if (!t) return;
    const actor = { scorecard: sc, item, ref };
    const list = map.get(t.item);
    if (list) list.push(actor);
    else map.set(t.item, [actor]);
  };
  for (const sc of ws.scorecards) {
    for (const l of sc.levers) {
      for (const ref of l.improves) add(levers, sc, l, ref);
      for (const ref of l.worsens) add(levers, sc, l, ref);
    }
    for (const d of sc.disturbances) for (const ref of d.affects) add(disturbances, sc, d, ref);
  }
  return { levers, disturbances };
}

function control(ws: Workspace): Control {
  return ws.cached('control', () => compute(ws));
}

/** Every `improves`/`worsens` entry of the workspace that names the KPI, in uri and document order. */
export function leversOn(ws: Workspace, kpi: Kpi): Actor<Lever>[] {
  return control(ws).levers.get(kpi) ?? [];
}

/** Every `affects` entry of the workspace that names the KPI, in uri and document order. */
export function disturbancesOn(ws: Workspace, kpi: Kpi): Actor<Disturbance>[] {
  return control(ws).disturbances.get(kpi) ?? [];
}
