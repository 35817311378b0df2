import { Item, ItemKind, itemsOf, Kpi, LIST_OF, Objective, Ref, Scorecard } from './model';
import { ID_RE } from '../syntax/values';
import { compareStrings, editDistance } from '../text';

/** What a ref resolves to. `vision` is the reserved target of root objectives. */
export type Resolution =
  { kind: 'item'; scorecard: Scorecard; item: Item } | { kind: 'vision'; scorecard?: Scorecard } | { kind: 'unresolved'; reason: string };

/**
 * The index of every scorecard of a workspace: scorecards by id, items by id, and the
 * resolution of refs. Built once per lint; rules share its memoized graph computations.
 */
export class Workspace {
  readonly scorecards: Scorecard[];
  /** The first scorecard declaring each id (in uri order); later ones are duplicates. */
  readonly byId = new Map<string, Scorecard>();
  private readonly itemIndex = new Map<Scorecard, Map<string, Item>>();
  private readonly memo = new Map<string, unknown>();

  constructor(scorecards: Scorecard[]) {
    this.scorecards = [...scorecards].sort((a, b) => compareStrings(a.uri, b.uri));
    for (const sc of this.scorecards) {
      if (sc.id && !this.byId.has(sc.id.value)) this.byId.set(sc.id.value, sc);
      const items = new Map<string, Item>();
      for (const it of itemsOf(sc)) if (!items.has(it.id)) items.set(it.id, it);
      this.itemIndex.set(sc, items);
    }
  }

  /** Computes a value once per workspace (for rules that look at all scorecards). */
  cached<T>(key: string, compute: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, compute());
    return this.memo.get(key) as T;
  }

  item(sc: Scorecard, id: string): Item | undefined {
    return this.itemIndex.get(sc)?.get(id);
  }

  /** The parent scorecard, when `parent` resolves. */
  parentOf(sc: Scorecard): Scorecard | undefined {
    return sc.parent ? this.byId.get(sc.parent.id) : undefined;
  }

  /** A root has no `parent` at all; one whose parent does not resolve is not a root. */
  isRoot(sc: Scorecard): boolean {
    return !sc.parent;
  }

  /** The root at the top of a scorecard's parent chain, or undefined when the chain breaks or cycles. */
  rootOf(sc: Scorecard): Scorecard | undefined {
    const seen = new Set<Scorecard>();
    let cur: Scorecard | undefined = sc;
    while (cur && !seen.has(cur)) {
      if (this.isRoot(cur)) return cur;
      seen.add(cur);
      cur = this.parentOf(cur);
    }
    return undefined;
  }

  /** Resolve a ref written in `from` to an item of one of the expected kinds (or the vision). */
  resolve(from: Scorecard, ref: Ref, kinds: readonly ItemKind[], allowVision = false): Resolution {
    if (allowVision && ref.id === 'vision') {
      if (!ref.scorecard) return { kind: 'vision', scorecard: this.rootOf(from) };
      const sc = this.byId.get(ref.scorecard);
      if (sc && this.isRoot(sc) && !this.item(sc, 'vision')) return { kind: 'vision', scorecard: sc };
    }
    const sc = ref.scorecard ? this.byId.get(ref.scorecard) : from;
    if (!sc) {
      return { kind: 'unresolved', reason: `no scorecard has id "${ref.scorecard}"` };
    }
    const item = this.item(sc, ref.id);
    if (item && kinds.includes(item.kind)) return { kind: 'item', scorecard: sc, item };
    const what = kinds.map(kindName).join(' or ');
    if (item) return { kind: 'unresolved', reason: `"${ref.raw}" is ${article(kindName(item.kind))}, not ${article(what)}` };
    const where = ref.scorecard ? ` in scorecard "${ref.scorecard}"` : '';
    return { kind: 'unresolved', reason: `no ${what} "${ref.id}"${where}` };
  }

  /** The closest id to an unresolved ref, qualified as the ref must be written; asked only when reporting it. */
  suggest(from: Scorecard, ref: Ref, kinds: readonly ItemKind[]): string | undefined {
    const sc = ref.scorecard ? this.byId.get(ref.scorecard) : from;
    return sc ? this.suggestItem(from, sc, ref, kinds) : this.suggestScorecard(ref.scorecard ?? '', ref);
  }

  /** The resolved item of a ref, when it is one of the kinds. */
  target<K extends Item>(from: Scorecard, ref: Ref, kinds: readonly ItemKind[]): { scorecard: Scorecard; item: K } | undefined {
    const t = this.resolve(from, ref, kinds);
    return t.kind === 'item' ? { scorecard: t.scorecard, item: t.item as K } : undefined;
  }

  private suggestItem(from: Scorecard, sc: Scorecard, ref: Ref, kinds: readonly ItemKind[]): string | undefined {
    const candidates: string[] = [];
    // Only well-formed ids: writing a malformed one (`a[b`) in place of a ref can break the YAML.
    for (const kind of kinds) for (const it of sc[LIST_OF[kind]]) if (ID_RE.test(it.id)) candidates.push(it.id);
    const best = closest(ref.id, candidates);
    if (best) return ref.scorecard ? `${ref.scorecard}/${best}` : best;
    if (!ref.scorecard) {
      // A bare id that exists elsewhere: suggest the qualified form.
      for (const other of this.scorecards) {
        if (other === from || !other.id || !ID_RE.test(other.id.value)) continue;
        const it = this.item(other, ref.id);
        if (it && kinds.includes(it.kind)) return `${other.id.value}/${ref.id}`;
      }
    }
    return undefined;
  }

  private suggestScorecard(name: string, ref: Ref): string | undefined {
    const best = closest(name, this.scorecardIds());
    return best ? `${best}/${ref.id}` : undefined;
  }

  /** The scorecard ids a ref may be changed to: the well-formed ones. */
  scorecardIds(): string[] {
    return [...this.byId.keys()].filter((id) => ID_RE.test(id));
  }

  /** Every item of every scorecard, qualified: `scorecard/id`. */
  qualifiedId(sc: Scorecard, item: { id: string }): string {
    return `${sc.id?.value ?? sc.uri}/${item.id}`;
  }

  /** KPIs whose `objective` names the objective, across the workspace. */
  kpisOfObjective(sc: Scorecard, obj: Objective): Kpi[] {
    const index = this.cached('kpisOfObjective', () => {
      const map = new Map<Objective, Kpi[]>();
      for (const s of this.scorecards) {
        for (const k of s.kpis) {
          for (const ref of k.objective) {
            const t = this.target<Objective>(s, ref, ['objective']);
            if (!t) continue;
            const list = map.get(t.item);
            // A KPI that names an objective twice is listed once; its refs come one after another.
            if (!list) map.set(t.item, [k]);
            else if (list[list.length - 1] !== k) list.push(k);
          }
        }
      }
      return map;
    });
    void sc;
    return index.get(obj) ?? [];
  }
}

export function kindName(kind: ItemKind): string {
  return kind === 'kpi' ? 'KPI' : kind;
}

function article(word: string): string {
  return /^[aeiouAEIOU]|^KPI/.test(word) && !/^[uU]/.test(word) ? `an ${word}` : `a ${word}`;
}

/** The closest candidate by edit distance, if close enough to be a plausible typo. */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  const max = Math.max(1, Math.min(3, Math.floor(name.length / 3)));
  let best: string | undefined;
  let bestD = max + 1;
  for (const c of candidates) {
    if (c === name) continue;
    const d = editDistance(name, c, max);
    if (d < bestD || (d === bestD && best !== undefined && c < best)) {
      best = c;
      bestD = d;
    }
  }
  return bestD <= max ? best : undefined;
}
