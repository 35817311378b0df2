import { rejected } from './model';
import type { Kpi, Objective, Ref, Scorecard } from './model';
import type { Workspace } from './workspace';

// Coupling to the vision (FORMAT.md "References"): an objective or KPI is coupled when a chain of
// `objective`, `supports` and `contributes` refs reaches `vision` of a root. A chain that ends in
// an unresolved ref counts as coupled, because the ref is reported already by unresolved-ref.

type Node = Objective | Kpi;

/** Where one step of a chain leads: another item, or the end of a coupled chain. */
type Step = { node: Node; scorecard: Scorecard; ref: Ref } | { end: string; ref: Ref };

interface Coupling {
  scorecardOf: Map<Node, Scorecard>;
  steps: Map<Node, Step[]>;
  /** For each coupled node, the step that leads to the vision along a shortest chain. */
  next: Map<Node, Step>;
}

function compute(ws: Workspace): Coupling {
  const scorecardOf = new Map<Node, Scorecard>();
  const steps = new Map<Node, Step[]>();
  const next = new Map<Node, Step>();
  const callers = new Map<Node, Node[]>();
  const queue: Node[] = [];
  const follow = (from: Scorecard, ref: Ref, kind: 'objective' | 'kpi', vision: boolean): Step => {
    const t = ws.resolve(from, ref, [kind], vision);
    if (t.kind === 'item') return { node: t.item as Node, scorecard: t.scorecard, ref };
    if (t.kind === 'vision') return { end: t.scorecard?.id ? `${t.scorecard.id.value}/vision` : 'vision', ref };
    return { end: ref.raw, ref };
  };
  for (const sc of ws.scorecards) {
    for (const o of sc.objectives) {
      scorecardOf.set(o, sc);
      const list = o.supports.map((r) => follow(sc, r, 'objective', true));
      if (!list.length && rejected(o, 'supports')) list.push(unreadable(o, 'supports'));
      steps.set(o, list);
    }
    for (const k of sc.kpis) {
      scorecardOf.set(k, sc);
      const list = k.objective.map((r) => follow(sc, r, 'objective', false));
      for (const r of k.contributes) list.push(follow(sc, r, 'kpi', false));
      if (!list.length && (rejected(k, 'objective') || rejected(k, 'contributes')))
        list.push(unreadable(k, rejected(k, 'objective') ? 'objective' : 'contributes'));
      steps.set(k, list);
    }
  }
  // Breadth-first from the chain ends backwards: linear in the number of refs, and the first
  // step recorded for a node lies on one of its shortest chains to the vision.
  for (const [node, list] of steps) {
    for (const s of list) {
      if ('end' in s) {
        if (!next.has(node)) {
          next.set(node, s);
          queue.push(node);
        }
      } else {
        const list = callers.get(s.node);
        if (list) list.push(node);
        else callers.set(s.node, [node]);
      }
    }
  }
  for (let i = 0; i < queue.length; i++) {
    const reached = queue[i];
    for (const caller of callers.get(reached) ?? []) {
      if (next.has(caller)) continue;
      next.set(
        caller,
        steps.get(caller)!.find((s) => 'node' in s && s.node === reached)!,
      );
      queue.push(caller);
    }
  }
  return { scorecardOf, steps, next };
}

/**
 * A chain that ends in refs the schema rejects counts as coupled, as one that ends in an
 * unresolved ref does: the schema finding is the one to fix.
 */
function unreadable(item: Node, key: string): Step {
  return { end: `(the unreadable \`${key}\` of "${item.id}")`, ref: { raw: key, id: key, span: { start: item.idSpan.start, end: item.idSpan.end } } };
}

function coupling(ws: Workspace): Coupling {
  return ws.cached('coupling', () => compute(ws));
}

/** Whether a chain leads from the objective or KPI up to the vision. */
export function isCoupled(ws: Workspace, item: Node): boolean {
  return coupling(ws).next.has(item);
}

/**
 * The chain from an objective or KPI up to the vision, as qualified ids ending in
 * `<root>/vision` (or in the unresolved ref that ends it); undefined when there is none.
 */
export function pathToVision(ws: Workspace, sc: Scorecard, item: Node): string[] | undefined {
  const { next } = coupling(ws);
  if (!next.has(item)) return undefined;
  const path = [ws.qualifiedId(sc, item)];
  let cur = next.get(item);
  while (cur && 'node' in cur) {
    path.push(ws.qualifiedId(cur.scorecard, cur.node));
    cur = next.get(cur.node);
  }
  if (cur) path.push(cur.end);
  return path;
}

/** Why an uncoupled objective or KPI has no path: where its first chain dead-ends or loops. */
export function whyUncoupled(ws: Workspace, sc: Scorecard, item: Node): string {
  const { steps, scorecardOf } = coupling(ws);
  const first = steps.get(item) ?? [];
  if (!first.length) return item.kind === 'kpi' ? 'it names no objective and contributes to no KPI' : 'it supports nothing';
  const label = (n: Node) => {
    const owner = scorecardOf.get(n)!;
    return `"${owner === sc ? n.id : ws.qualifiedId(owner, n)}"`;
  };
  const name = (n: Node) => `${n.kind === 'kpi' ? 'KPI' : 'objective'} ${label(n)}`;
  const start = (first[0] as { node: Node }).node;
  // The subject of the rest of the sentence: the first item of the chain.
  const lead =
    item.kind === 'kpi' && start.kind === 'objective'
      ? `its objective ${label(start)} `
      : `it ${start.kind === 'kpi' ? 'contributes to' : 'supports'} ${name(start)}, which `;
  const seen = new Set<Node>([item]);
  let cur = start;
  for (;;) {
    seen.add(cur);
    const out = steps.get(cur) ?? [];
    if (!out.length) {
      const dead = cur.kind === 'kpi' ? 'names no objective and contributes to no KPI' : 'supports nothing';
      return cur === start ? `${lead}${dead}` : `${lead}leads to ${name(cur)}, which ${dead}`;
    }
    const onward = out.find((s): s is { node: Node; scorecard: Scorecard; ref: Ref } => 'node' in s && !seen.has(s.node));
    if (!onward) return `${lead}only leads into a loop that never reaches the vision`;
    cur = onward.node;
  }
}
