import type { Rule } from '../lint/rule';
import type { Scorecard } from '../model/model';
import type { Span } from '../types';
import type { Workspace } from '../model/workspace';

interface Node {
  key: string;
  label: string;
  scorecard: Scorecard;
}
interface Edge {
  from: Node;
  to: Node;
  span: Span;
}
interface Cycle {
  via: 'parent' | 'supports' | 'contributes';
  edges: Edge[];
}

/** Every cycle of the cascade, one per strongly connected component, found once per workspace. */
function cycles(ws: Workspace): Cycle[] {
  return ws.cached('cascade-cycles', () => {
    const out: Cycle[] = [];
    const graphs: Record<Cycle['via'], { nodes: Node[]; edges: Map<Node, Edge[]> }> = {
      parent: { nodes: [], edges: new Map() },
      supports: { nodes: [], edges: new Map() },
      contributes: { nodes: [], edges: new Map() },
    };
    const nodes = new Map<string, Node>();
    const node = (sc: Scorecard, id: string, kind: string): Node => {
      const key = `${kind}:${sc.uri}#${id}`;
      let n = nodes.get(key);
      if (!n) {
        n = { key, label: kind === 'scorecard' ? id : ws.qualifiedId(sc, { id }), scorecard: sc };
        nodes.set(key, n);
      }
      return n;
    };
    const add = (via: Cycle['via'], e: Edge) => {
      const g = graphs[via];
      if (!g.edges.has(e.from)) {
        g.edges.set(e.from, []);
        g.nodes.push(e.from);
      }
      g.edges.get(e.from)!.push(e);
    };
    for (const sc of ws.scorecards) {
      if (sc.id && sc.parent && ws.byId.get(sc.id.value) === sc) {
        const p = ws.byId.get(sc.parent.id);
        if (p?.id) add('parent', { from: node(sc, sc.id.value, 'scorecard'), to: node(p, p.id.value, 'scorecard'), span: sc.parent.span });
      }
      for (const o of sc.objectives) {
        for (const ref of o.supports) {
          const t = ws.resolve(sc, ref, ['objective'], true);
          if (t.kind === 'item') add('supports', { from: node(sc, o.id, 'item'), to: node(t.scorecard, t.item.id, 'item'), span: ref.span });
        }
      }
      for (const k of sc.kpis) {
        for (const ref of k.contributes) {
          const t = ws.target(sc, ref, ['kpi']);
          if (t) add('contributes', { from: node(sc, k.id, 'item'), to: node(t.scorecard, t.item.id, 'item'), span: ref.span });
        }
      }
    }
    for (const via of ['parent', 'supports', 'contributes'] as const) {
      const g = graphs[via];
      for (const comp of scc(g.nodes, (n) => (g.edges.get(n) ?? []).map((e) => e.to))) {
        const inComp = new Set(comp);
        // The component's first node in workspace order starts the cycle, so reports are stable.
        const start = g.nodes.find((n) => inComp.has(n))!;
        const path = shortestCycle(start, (n) => (g.edges.get(n) ?? []).filter((e) => inComp.has(e.to)));
        if (path) out.push({ via, edges: path });
      }
    }
    return out;
  });
}

/** Tarjan's strongly connected components; returns those that contain a cycle. */
function scc(nodes: Node[], next: (n: Node) => Node[]): Node[][] {
  const index = new Map<Node, number>();
  const low = new Map<Node, number>();
  const onStack = new Set<Node>();
  const stack: Node[] = [];
  const out: Node[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    // Iterative, so that a long chain cannot overflow the call stack.
    const work: { n: Node; i: number; succ: Node[] }[] = [];
    const push = (n: Node) => {
      index.set(n, counter);
      low.set(n, counter++);
      stack.push(n);
      onStack.add(n);
      work.push({ n, i: 0, succ: next(n) });
    };
    push(root);
    while (work.length) {
      const top = work[work.length - 1];
      if (top.i < top.succ.length) {
        const w = top.succ[top.i++];
        if (!index.has(w)) push(w);
        else if (onStack.has(w)) low.set(top.n, Math.min(low.get(top.n)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].n;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.n)!));
      }
      if (low.get(top.n) === index.get(top.n)) {
        const comp: Node[] = [];
        let w: Node;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== top.n);
        if (comp.length > 1 || next(top.n).includes(top.n)) out.push(comp);
      }
    }
  }
  return out;
}

function shortestCycle(start: Node, edges: (n: Node) => Edge[]): Edge[] | undefined {
  const prev = new Map<Node, Edge>();
  const queue: Node[] = [start];
  for (let q = 0; q < queue.length; q++) {
    for (const e of edges(queue[q])) {
      if (e.to === start) {
        const path = [e];
        let n = e.from;
        while (n !== start) {
          const p = prev.get(n)!;
          path.unshift(p);
          n = p.from;
        }
        return path;
      }
      if (!prev.has(e.to)) {
        prev.set(e.to, e);
        queue.push(e.to);
      }
    }
  }
  return undefined;
}

const rule: Rule = {
  meta: {
    id: 'cascade-cycle',
    description: 'A cycle through `parent`, `supports` or `contributes`: the cascade must flow up to the vision, never around in a loop.',
    category: 'structure',
    defaultSeverity: 'error',
    fixable: false,
  },
  check(ctx) {
    for (const c of cycles(ctx.workspace)) {
      const first = c.edges[0];
      if (first.from.scorecard !== ctx.scorecard) continue;
      const names = [...c.edges.map((e) => e.from.label), first.from.label].join(' → ');
      ctx.report({
        span: first.span,
        message: `Cycle through \`${c.via}\`: ${names}.`,
        related: c.edges.slice(1).map((e) => ({ location: { uri: e.from.scorecard.uri, span: e.span }, message: `${e.from.label} → ${e.to.label}` })),
        items: c.edges.map((e) => e.from.label),
      });
    }
  },
};
export default rule;
