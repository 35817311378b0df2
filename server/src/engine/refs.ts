import type { ItemKind, Ref, Scorecard } from './model';

/** Every ref a scorecard writes, with the kinds of item it must name. One list, so rules agree. */
export interface RefUse {
  ref: Ref;
  kinds: readonly ItemKind[];
  /** `vision` is allowed (objective `supports`). */
  vision: boolean;
  /** The id of the item that writes the ref (undefined for correlations). */
  from?: string;
  field: 'supports' | 'objective' | 'contributes' | 'improves' | 'worsens' | 'affects' | 'between';
}

export function refUses(sc: Scorecard): RefUse[] {
  const out: RefUse[] = [];
  for (const o of sc.objectives) for (const ref of o.supports) out.push({ ref, kinds: ['objective'], vision: true, from: o.id, field: 'supports' });
  for (const k of sc.kpis) {
    for (const ref of k.objective) out.push({ ref, kinds: ['objective'], vision: false, from: k.id, field: 'objective' });
    for (const ref of k.contributes) out.push({ ref, kinds: ['kpi'], vision: false, from: k.id, field: 'contributes' });
  }
  for (const l of sc.levers) {
    for (const ref of l.improves) out.push({ ref, kinds: ['kpi'], vision: false, from: l.id, field: 'improves' });
    for (const ref of l.worsens) out.push({ ref, kinds: ['kpi'], vision: false, from: l.id, field: 'worsens' });
  }
  for (const d of sc.disturbances) for (const ref of d.affects) out.push({ ref, kinds: ['kpi'], vision: false, from: d.id, field: 'affects' });
  for (const c of sc.correlations) for (const ref of c.between) out.push({ ref, kinds: ['kpi'], vision: false, field: 'between' });
  return out;
}
