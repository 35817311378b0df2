// The kinds of single edit the design targets name ("any single edit: a value, a quoted name, a
// key, a list item"), as one plan that the server benchmark and the engine split both replay on a
// generated scorecard, with the findings each edit leaves so that every wait knows its count.
import { deleteKpiEdit, injectionPoints, insertKpiEdit, keyEdit, nameEdit, TextChange, visionEdit } from './generate';

export const KINDS = ['value', 'name', 'key', 'insert', 'delete', 'vision'] as const;
export type Kind = (typeof KINDS)[number];
/** The kinds of kindSteps: all but `value`, which the benchmarks time on their own. */
export const OTHER_KINDS = KINDS.filter((k) => k !== 'value');

export const KIND_LABELS: Record<Kind, string> = {
  value: 'value',
  name: 'quoted name',
  key: 'key',
  insert: 'insert a KPI',
  delete: 'delete a KPI',
  vision: 'vision',
};

export interface Step {
  kind: Kind;
  change(text: string): TextChange;
  /** Findings kpilens reports beyond those of the generated file once this edit is made; a schema-only validator reports none more. */
  extra: number;
}

/**
 * `edits` edits of every kind but `value` (the target edits the benchmarks already make), in
 * this order: typing into quoted names, adding and taking out a key, deleting a KPI and inserting
 * it again elsewhere (the file keeps its size, and the inserted KPI is clean because its lever
 * names it), rewriting the vision. Each touches a KPI without an injected finding, spread over the file.
 */
export function kindSteps(kpis: number, findings: number, edits: number): Step[] {
  const injected = injectionPoints(kpis, findings);
  const clean = (i: number) => {
    let k = i % kpis;
    while (injected.has(k)) k = (k + 1) % kpis;
    return k;
  };
  const spread = (e: number) => clean(Math.floor(((e + 0.5) * kpis) / edits));
  const steps: Step[] = [];
  for (let e = 0; e < edits; e++) steps.push({ kind: 'name', change: (t) => nameEdit(t, spread(e), 'abcdefghijklmnopqrstuvwxyz'[e % 26]), extra: 0 });
  // Pairs on one KPI: the first adds the key, the second takes it out.
  for (let e = 0; e < edits; e++) steps.push({ kind: 'key', change: (t) => keyEdit(t, spread(e - (e % 2))), extra: 0 });
  for (let e = 0; e < edits; e++) {
    const j = spread(e);
    // The lever of the deleted KPI names a KPI that is gone: one unresolved-ref until it is back.
    steps.push({ kind: 'delete', change: (t) => deleteKpiEdit(t, j), extra: 1 });
    steps.push({ kind: 'insert', change: (t) => insertKpiEdit(t, clean(j + Math.floor(kpis / 2)), j), extra: 0 });
  }
  for (let e = 0; e < edits; e++) steps.push({ kind: 'vision', change: (t) => visionEdit(t, e), extra: 0 });
  return steps;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Milliseconds per kind from timed steps: the median of each kind's edits, NaN for a kind without any. */
export function mediansByKind(times: readonly { kind: Kind; ms: number }[]): Record<Kind, number> {
  const out = {} as Record<Kind, number>;
  for (const kind of KINDS) {
    const own = times.filter((t) => t.kind === kind).map((t) => t.ms);
    out[kind] = own.length ? median(own) : Number.NaN;
  }
  return out;
}
