import { ITEM_LISTS, REF_FIELDS } from './model';
import type { ItemKind, Ref, Scorecard } from './model';

/** Every ref a scorecard writes, with the kinds of item it must name. One list, so rules agree. */
export interface RefUse {
  ref: Ref;
  kinds: readonly ItemKind[];
  /** `vision` is allowed (objective `supports`). */
  vision: boolean;
  /** The id of the item that writes the ref (undefined for correlations). */
  from?: string;
  /** The field that holds it: a ref field of model.ts's description, or `between` of a correlation. */
  field: string;
}

export function refUses(sc: Scorecard): RefUse[] {
  const out: RefUse[] = [];
  for (const list of ITEM_LISTS) {
    for (const it of sc[list]) {
      const fields = it as unknown as Record<string, readonly Ref[]>;
      for (const f of REF_FIELDS) {
        if (f.kind !== it.kind) continue;
        for (const ref of fields[f.key]) out.push({ ref, kinds: f.kinds, vision: f.vision, from: it.id, field: f.key });
      }
    }
  }
  for (const c of sc.correlations) for (const ref of c.between) out.push({ ref, kinds: ['kpi'], vision: false, field: 'between' });
  return out;
}
