import { Item, ItemKind, itemsOf, Kpi, Level, Lever, Disturbance, Ref, Scorecard } from './model';
import { refUses, RefUse } from './refs';
import type { Location, Span } from '../types';
import type { Workspace } from './workspace';

// Questions an editor asks about the model: what is at an offset, what a ref names, where an
// item is used, which scorecards depend on which. Pure functions over the workspace index.

/** Every ref a scorecard writes, `scorecard.parent` included (it names a scorecard, not an item). */
export type RefSite = RefUse | { ref: Ref; kinds: readonly ItemKind[]; vision: false; field: 'parent'; from?: undefined };

function refSites(sc: Scorecard): RefSite[] {
  const uses: RefSite[] = refUses(sc);
  return sc.parent ? [{ ref: sc.parent, kinds: [], vision: false, field: 'parent' }, ...uses] : uses;
}

/** Something a ref or an id can name. */
export type Entity =
  { kind: 'scorecard'; scorecard: Scorecard } | { kind: 'item'; scorecard: Scorecard; item: Item } | { kind: 'vision'; scorecard?: Scorecard };

/** What sits at an offset: an id where it is defined, or (part of) a ref where it is used. */
export interface SymbolAt {
  /** The span of the name under the offset, without quotes; for `company/nps`, the part hovered. */
  span: Span;
  role: 'definition' | 'reference';
  /** What the name stands for; undefined for a ref that does not resolve. */
  entity?: Entity;
  site?: RefSite;
}

/** The span of a scalar's text without its quotes (spans of quoted scalars include them). */
export function unquoted(text: string, span: Span, value: string): Span {
  const q = text[span.start];
  const start = (q === '"' || q === "'") && text.slice(span.start + 1, span.start + 1 + value.length) === value ? span.start + 1 : span.start;
  return { start, end: start + value.length };
}

function within(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

/** The scorecard and the item parts of a ref's text. */
function refParts(text: string, ref: Ref): { scorecard?: Span; id: Span } {
  const whole = unquoted(text, ref.span, ref.raw);
  if (!ref.scorecard) return { id: whole };
  return { scorecard: { start: whole.start, end: whole.start + ref.scorecard.length }, id: { start: whole.end - ref.id.length, end: whole.end } };
}

/** What a ref site names, or undefined when it does not resolve. */
function resolveSite(ws: Workspace, sc: Scorecard, site: RefSite): Entity | undefined {
  if (site.field === 'parent') {
    const p = ws.byId.get(site.ref.id);
    return p && !site.ref.scorecard ? { kind: 'scorecard', scorecard: p } : undefined;
  }
  const t = ws.resolve(sc, site.ref, site.kinds, site.vision);
  if (t.kind === 'item') return { kind: 'item', scorecard: t.scorecard, item: t.item };
  if (t.kind === 'vision') return { kind: 'vision', scorecard: t.scorecard };
  return undefined;
}

export function symbolAt(ws: Workspace, sc: Scorecard, offset: number): SymbolAt | undefined {
  if (sc.id && within(sc.id.span, offset)) {
    return { span: unquoted(sc.text, sc.id.span, sc.id.value), role: 'definition', entity: { kind: 'scorecard', scorecard: sc } };
  }
  for (const item of itemsOf(sc)) {
    if (within(item.idSpan, offset))
      return { span: unquoted(sc.text, item.idSpan, item.id), role: 'definition', entity: { kind: 'item', scorecard: sc, item } };
  }
  for (const site of refSites(sc)) {
    if (!within(site.ref.span, offset)) continue;
    const parts = refParts(sc.text, site.ref);
    if (parts.scorecard && offset <= parts.scorecard.end && site.field !== 'parent') {
      const named = ws.byId.get(site.ref.scorecard!);
      return { span: parts.scorecard, role: 'reference', site, entity: named ? { kind: 'scorecard', scorecard: named } : undefined };
    }
    return { span: parts.scorecard ? parts.id : unquoted(sc.text, site.ref.span, site.ref.raw), role: 'reference', site, entity: resolveSite(ws, sc, site) };
  }
  return undefined;
}

/** Where an entity is defined: an item's id, a scorecard's id, the vision block of a root. */
export function definitionOf(entity: Entity): Location | undefined {
  if (entity.kind === 'item') return { uri: entity.scorecard.uri, span: unquoted(entity.scorecard.text, entity.item.idSpan, entity.item.id) };
  if (entity.kind === 'scorecard') {
    const id = entity.scorecard.id;
    return id ? { uri: entity.scorecard.uri, span: unquoted(entity.scorecard.text, id.span, id.value) } : undefined;
  }
  const v = entity.scorecard?.vision;
  return v && entity.scorecard ? { uri: entity.scorecard.uri, span: v.keySpan } : undefined;
}

function sameEntity(a: Entity, b: Entity): boolean {
  if (a.kind === 'item' && b.kind === 'item') return a.item === b.item;
  if (a.kind === 'scorecard' && b.kind === 'scorecard') return a.scorecard === b.scorecard;
  return false;
}

/**
 * Every place that names an entity, across the workspace: the id part of refs to an item, and
 * `parent` values and the scorecard part of qualified refs for a scorecard. Spans exclude quotes.
 */
export function referencesTo(ws: Workspace, entity: Entity): Location[] {
  const out: Location[] = [];
  for (const sc of ws.scorecards) {
    for (const site of refSites(sc)) {
      const parts = refParts(sc.text, site.ref);
      if (entity.kind === 'scorecard') {
        if (site.field === 'parent') {
          if (ws.byId.get(site.ref.id) === entity.scorecard && !site.ref.scorecard) out.push({ uri: sc.uri, span: parts.id });
        } else if (parts.scorecard && ws.byId.get(site.ref.scorecard!) === entity.scorecard) {
          out.push({ uri: sc.uri, span: parts.scorecard });
        }
        continue;
      }
      if (site.field === 'parent') continue;
      const named = resolveSite(ws, sc, site);
      if (named && sameEntity(named, entity)) out.push({ uri: sc.uri, span: parts.id });
    }
  }
  return out;
}

export interface Effect<T> {
  scorecard: Scorecard;
  item: T;
  level?: Level;
}

/** The levers that move a KPI (by `improves` and `worsens`) and the disturbances that affect it, across the workspace. */
export function influencesOn(ws: Workspace, kpi: Kpi): { improves: Effect<Lever>[]; worsens: Effect<Lever>[]; affects: Effect<Disturbance>[] } {
  const index = ws.cached('query:influences', () => {
    const map = new Map<Kpi, { improves: Effect<Lever>[]; worsens: Effect<Lever>[]; affects: Effect<Disturbance>[] }>();
    const entry = (k: Kpi) => {
      let e = map.get(k);
      if (!e) map.set(k, (e = { improves: [], worsens: [], affects: [] }));
      return e;
    };
    for (const sc of ws.scorecards) {
      for (const use of refUses(sc)) {
        if (use.field !== 'improves' && use.field !== 'worsens' && use.field !== 'affects') continue;
        const t = ws.target<Kpi>(sc, use.ref, ['kpi']);
        if (!t) continue;
        const item = itemsOf(sc).find((i) => i.id === use.from);
        if (!item) continue;
        const list = entry(t.item)[use.field] as Effect<Item>[];
        if (!list.some((x) => x.item === item)) list.push({ scorecard: sc, item, level: use.ref.level });
      }
    }
    return map;
  });
  return index.get(kpi) ?? { improves: [], worsens: [], affects: [] };
}

/** What of a scorecard other scorecards can depend on: its id and the owners it names. */
export interface Identity {
  id?: string;
  owners: string[];
}

// Both are asked of every scorecard of the workspace after each edit; a scorecard's model does
// not change once parsed, so each is worked out once per parse.
const identities = new WeakMap<Scorecard, Identity>();
const named = new WeakMap<Scorecard, ReadonlySet<string>>();

export function identityOf(sc: Scorecard): Identity {
  let identity = identities.get(sc);
  if (!identity) {
    const owners = new Set<string>();
    if (sc.owner) owners.add(sc.owner.value);
    for (const x of [...sc.kpis, ...sc.levers]) for (const o of x.owner) owners.add(o.value);
    identity = { id: sc.id?.value, owners: [...owners] };
    identities.set(sc, identity);
  }
  return identity;
}

/** The scorecard ids a scorecard names: its parent and the scorecard part of its qualified refs. */
function namedScorecards(sc: Scorecard): ReadonlySet<string> {
  let out = named.get(sc);
  if (!out) {
    const ids = new Set<string>();
    for (const site of refSites(sc)) ids.add(site.field === 'parent' ? site.ref.id : (site.ref.scorecard ?? ''));
    ids.delete('');
    named.set(sc, (out = ids));
  }
  return out;
}

/**
 * The scorecards whose findings may change when the given identities (old and new versions of
 * the changed scorecards) change: those that name a changed id, transitively; those naming a
 * scorecard that does not exist (a new file may resolve it); those sharing a changed id
 * (duplicate ids); and those sharing an owner (workloads are counted across the workspace).
 */
export function dependants(ws: Workspace, changed: readonly Identity[]): Scorecard[] {
  const ids = new Set<string>();
  const owners = new Set<string>();
  for (const c of changed) {
    if (c.id) ids.add(c.id);
    for (const o of c.owners) owners.add(o);
  }
  const out = new Set<Scorecard>();
  for (const sc of ws.scorecards) {
    const names = namedScorecards(sc);
    const own = identityOf(sc);
    if ((own.id && ids.has(own.id)) || own.owners.some((o) => owners.has(o)) || [...names].some((n) => !ws.byId.has(n))) out.add(sc);
  }
  // Whoever names a scorecard that is affected is affected in turn (a child's refs run up its parents).
  const reached = new Set<Scorecard>();
  let frontier = ids;
  while (frontier.size) {
    const next = new Set<string>();
    for (const sc of ws.scorecards) {
      if (reached.has(sc) || ![...namedScorecards(sc)].some((n) => frontier.has(n))) continue;
      reached.add(sc);
      out.add(sc);
      if (sc.id) next.add(sc.id.value);
    }
    frontier = next;
  }
  return ws.scorecards.filter((sc) => out.has(sc));
}
