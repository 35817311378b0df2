// The semantic diff of two versions of a strategy: what a leader reviewing a pull request needs
// to read (items added, removed, renamed; targets moved and whether they got more ambitious;
// owners, links and the vision changed) and which findings the change introduced or resolved.
// Pure: two sets of scorecards with their findings in, plain data out.
import { addMonths, dayNumber } from '../dates';
import { FIELDS, fieldsOf, itemsOf, targetValues, targetWords } from '../model/model';
import type { Baseline, Correlation, DataFile, FieldSpec, Item, ItemKind, Kpi, Measure, Milestone, Observation, PolarityAssessment, Ref, Scorecard, StructureName, Target, Thresholds, Val } from '../model/model';
import { compareStrings, lineCol } from '../text';
import type { Finding, Severity } from '../types';
import { pushAll } from '../arrays';

/** One version of the strategy: its scorecards and the findings of each (by scorecard uri). */
export interface DiffSide {
  scorecards: readonly Scorecard[];
  findings: ReadonlyMap<string, readonly Finding[]>;
}

export type Ambition = 'more' | 'less' | 'mixed' | 'unclear';
export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };

export interface Change {
  /** `changed` is any other field edit; targets and links get kinds of their own, being what a reviewer looks for first. */
  kind: 'added' | 'removed' | 'renamed' | 'changed' | 'target' | 'link-added' | 'link-cut' | 'link-moved';
  subject: 'scorecard' | ItemKind | 'polarity' | 'correlation';
  /** The subject's id: the item id (the new one for a rename), the scorecard id, the polarity key, or `a ~ b`. */
  id: string;
  /** The field that changed (`owner`, `target`, `supports`, `vision.values`, ...). */
  field?: string;
  before?: JsonValue;
  after?: JsonValue;
  /** For targets that moved: more ambitious, less, mixed, or unclear (no direction to judge by). */
  ambition?: Ambition;
  /** The change in words, naming the ids and showing old → new. */
  text: string;
}

export interface DiffFinding {
  rule: string;
  severity: Severity;
  message: string;
  /** The scorecard's uri on the side the finding comes from. */
  uri: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Ids of the items involved (`scorecard/item`); the finding's identity across versions. */
  items: string[];
}

export interface ScorecardDiff {
  /** The scorecard id, or its uri when it has none. */
  id: string;
  title?: string;
  /** By content; an unchanged scorecard is listed only when its findings changed. */
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  before?: string;
  after?: string;
  changes: Change[];
  introduced: DiffFinding[];
  resolved: DiffFinding[];
}

export interface DiffSummary {
  scorecards: { compared: number; added: number; removed: number; changed: number };
  items: { added: number; removed: number; renamed: number; changed: number };
  targets: { more: number; less: number; mixed: number; unclear: number };
  links: { added: number; cut: number; moved: number };
  findings: { introduced: number; resolved: number };
}

export interface StrategyDiff {
  /** Scorecards with changes or changed findings, sorted by id. */
  scorecards: ScorecardDiff[];
  summary: DiffSummary;
}

const KIND_NAME: Record<ItemKind, string> = { objective: 'Objective', kpi: 'KPI', lever: 'Lever', disturbance: 'Disturbance' };

/** How a scorecard is told apart across versions: its id, or its uri when it has none (or a duplicate id). */
function keyed(scorecards: readonly Scorecard[]): Map<string, Scorecard> {
  const out = new Map<string, Scorecard>();
  for (const sc of [...scorecards].sort((a, b) => compareStrings(a.uri, b.uri))) {
    const id = sc.id?.value;
    out.set(id !== undefined && !out.has(id) ? id : `file:${sc.uri}`, sc);
  }
  return out;
}

/** What was renamed between the versions: items by `scorecard/old-id` to their new id, scorecard ids to their new id. */
interface Renames {
  items: ReadonlyMap<string, string>;
  scorecards: ReadonlyMap<string, string>;
}

export function diffStrategy(before: DiffSide, after: DiffSide): StrategyDiff {
  const b = keyed(before.scorecards);
  const a = keyed(after.scorecards);
  // A file whose scorecard id changed, and only that id: one scorecard renamed, not one removed
  // and another added. It is compared under its new id.
  const scorecardRenames = new Map<string, string>();
  for (const [oldId, sb] of b) {
    if (oldId.startsWith('file:') || a.has(oldId)) continue;
    const match = [...a].find(([newId, sa]) => !newId.startsWith('file:') && !b.has(newId) && sa.uri === sb.uri);
    if (!match) continue;
    scorecardRenames.set(oldId, match[0]);
    b.delete(oldId);
    b.set(match[0], sb);
  }
  const keys = [...new Set([...b.keys(), ...a.keys()])].sort(compareStrings);

  // Renames first, across the whole strategy, so that refs to a renamed item do not read as a cut link.
  const itemRenames = new Map<string, string>();
  for (const key of keys) {
    const sb = b.get(key);
    const sa = a.get(key);
    if (sb && sa) for (const [from, to] of findRenames(sb, sa, key, scorecardRenames)) itemRenames.set(`${key}/${from}`, to);
  }
  const renames: Renames = { items: itemRenames, scorecards: scorecardRenames };
  const renamedFrom = new Map([...scorecardRenames].map(([from, to]) => [to, from]));

  const scorecards: ScorecardDiff[] = [];
  for (const key of keys) {
    const sb = b.get(key);
    const sa = a.get(key);
    const changes = sb && sa ? compareScorecards(key, sb, sa, renames) : wholeScorecard(key, (sa ?? sb)!, sa ? 'added' : 'removed');
    const oldId = renamedFrom.get(key);
    if (oldId !== undefined) changes.unshift({ kind: 'renamed', subject: 'scorecard', id: key, before: oldId, after: key, text: `Scorecard ${oldId} renamed to ${key}.` });
    const { introduced, resolved } = compareFindings(key, sb, sa, before, after, renames);
    const status = !sb ? 'added' : !sa ? 'removed' : changes.length ? 'changed' : 'unchanged';
    if (status === 'unchanged' && !introduced.length && !resolved.length) continue;
    scorecards.push({
      id: key.startsWith('file:') ? key.slice(5) : key,
      title: (sa ?? sb)!.title?.value,
      status,
      before: sb?.uri,
      after: sa?.uri,
      changes,
      introduced,
      resolved,
    });
  }
  return { scorecards, summary: summarize(scorecards, keys.length) };
}

function summarize(scorecards: readonly ScorecardDiff[], compared: number): DiffSummary {
  const s: DiffSummary = {
    scorecards: { compared, added: 0, removed: 0, changed: 0 },
    items: { added: 0, removed: 0, renamed: 0, changed: 0 },
    targets: { more: 0, less: 0, mixed: 0, unclear: 0 },
    links: { added: 0, cut: 0, moved: 0 },
    findings: { introduced: 0, resolved: 0 },
  };
  for (const sd of scorecards) {
    if (sd.status !== 'unchanged') s.scorecards[sd.status]++;
    s.findings.introduced += sd.introduced.length;
    s.findings.resolved += sd.resolved.length;
    const changedItems = new Set<string>();
    for (const c of sd.changes) {
      const isItem = c.subject !== 'scorecard' && c.subject !== 'polarity' && c.subject !== 'correlation';
      if (isItem && (c.kind === 'added' || c.kind === 'removed' || c.kind === 'renamed')) s.items[c.kind]++;
      else if (isItem) changedItems.add(`${c.subject}:${c.id}`);
      if (c.kind === 'target' && c.ambition) s.targets[c.ambition]++;
      if (c.kind === 'link-added') s.links.added++;
      if (c.kind === 'link-cut') s.links.cut++;
      if (c.kind === 'link-moved') s.links.moved++;
    }
    s.items.changed += changedItems.size;
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Fields, in the order a reader expects them. Each field gives a comparable, JSON-able value.

type Fields = [string, JsonValue | undefined][];

/** What a ref names, qualified; a ref to a renamed scorecard counts under its new id, whichever it spells. */
function refKey(ref: Ref, scKey: string, scorecards: ReadonlyMap<string, string>): string {
  return `${ref.scorecard === undefined ? scKey : scorecards.get(ref.scorecard) ?? ref.scorecard}/${ref.id}`;
}

function links(refs: readonly Ref[], scKey: string, scorecards: ReadonlyMap<string, string>): JsonValue {
  return refs.map((r) => (r.level ? `${refKey(r, scKey, scorecards)}:${r.level}` : refKey(r, scKey, scorecards)));
}

/** Every field of an item except its id and links' spelling: equal fields mean a rename. */
function signature(it: Item, scKey: string, scorecards: ReadonlyMap<string, string>): string {
  const f: Fields = [['kind', it.kind], ...plainFields(it)];
  for (const [field, refs] of linkFields(it)) f.push([field, links(refs, scKey, scorecards)]);
  return JSON.stringify(f);
}

/** The fields compared one by one, as model.ts describes them (links and targets are compared on their own). */
function plainFields(it: Item): Fields {
  const values = it as unknown as Record<string, unknown>;
  return fieldsOf(it.kind).flatMap(([key, f]): Fields => (f.type === 'refs' ? [] : [[key, comparable(f, values[key])]]));
}

/** A field's value as plain data: what the diff compares and shows. */
function comparable(f: FieldSpec, v: unknown): JsonValue | undefined {
  // An absent value that has a meaning (no tier is a key KPI) compares as that value.
  if (v === undefined) return f.type === 'enum' ? f.default : undefined;
  switch (f.type) {
    case 'text':
    case 'number':
    case 'date':
    case 'enum':
      return (v as Val<string | number>).value;
    case 'enums': {
      const list = v as Val<string>[];
      return list.length ? list.map((x) => x.value) : undefined;
    }
    case 'owners': {
      // One owner reads as a word; co-owners as a list, the lead first.
      const list = (v as Val<string>[]).map((x) => x.value);
      return list.length > 1 ? list : list[0];
    }
    case 'observations': {
      const list = v as Observation[];
      // What the team reported with a value is part of it: a changed status or note is an edit.
      return list.length ? list.map((h) => (h.status || h.note || h.flag ? [h.date, h.value, { status: h.status ?? null, note: h.note ?? null, flag: h.flag ?? null }] : [h.date, h.value])) : undefined;
    }
    case 'structure':
      return structureValue(f.name, v);
    case 'structures': {
      const list = (v as unknown[]).map((x) => structureValue(f.name, x));
      return list.length ? list : undefined;
    }
    case 'refs':
      return undefined;
  }
}

function structureValue(name: StructureName, v: unknown): JsonValue {
  const value = (x: Val<string | number> | undefined) => x?.value ?? null;
  switch (name) {
    case 'target': {
      const t = v as Target;
      const target: { [k: string]: JsonValue } = { value: t.pending?.value ?? value(t.value) };
      if (t.every) target.every = t.every.value;
      else target.by = value(t.by);
      return target;
    }
    case 'thresholds':
      return { warn: value((v as Thresholds).warn), alert: value((v as Thresholds).alert) };
    case 'data':
      return `${(v as DataFile).csv.value}#${(v as DataFile).column.value}`;
    case 'baseline': {
      const b = v as Baseline;
      return b.date ? { value: b.value, date: b.date.value } : b.value;
    }
    case 'measure': {
      const m = v as Measure;
      return { of: value(m.of), stat: value(m.stat), numerator: value(m.numerator), denominator: value(m.denominator), window: value(m.window) };
    }
    case 'milestone':
      return { value: value((v as Milestone).value), by: value((v as Milestone).by) };
  }
}

function targetValue(k: Kpi): JsonValue | undefined {
  return comparable(FIELDS.kpi.target, k.target);
}

function linkFields(it: Item): [string, readonly Ref[]][] {
  const values = it as unknown as Record<string, readonly Ref[]>;
  return fieldsOf(it.kind).flatMap(([key, f]): [string, readonly Ref[]][] => (f.type === 'refs' ? [[key, values[key]]] : []));
}

/** Items by id; the first of a duplicated id counts (the duplicate is a finding of its own). */
function itemMap(sc: Scorecard): Map<string, Item> {
  const m = new Map<string, Item>();
  for (const it of itemsOf(sc)) if (!m.has(it.id)) m.set(it.id, it);
  return m;
}

/** Removed and added items of the same kind whose every other field is equal, paired in document order. */
function findRenames(sb: Scorecard, sa: Scorecard, key: string, scorecards: ReadonlyMap<string, string>): Map<string, string> {
  const bi = itemMap(sb);
  const ai = itemMap(sa);
  const added = [...ai.values()].filter((it) => !bi.has(it.id));
  const out = new Map<string, string>();
  for (const old of bi.values()) {
    if (ai.has(old.id)) continue;
    const sig = signature(old, key, scorecards);
    const i = added.findIndex((n) => signature(n, key, scorecards) === sig);
    if (i < 0) continue;
    out.set(old.id, added[i].id);
    added.splice(i, 1);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Words.

function show(v: JsonValue | undefined): string {
  if (v === undefined || v === null) return '(none)';
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return v.length ? v.map((x) => (typeof x === 'string' ? x : show(x))).join(', ') : '(none)';
  if (typeof v === 'object') return Object.entries(v).map(([k, x]) => `${k} ${show(x)}`).join(', ');
  return String(v);
}

/** Slug-like values (owners, cadences, directions) read better without quotes. */
function showWord(v: JsonValue | undefined): string {
  return typeof v === 'string' && /^[\w.-]+$/.test(v) ? v : show(v);
}

/** Fields whose values are words (the items' enums, dates and owners are known from their description). */
const WORD_FIELDS = new Set(['owner', 'unit', 'review cadence', 'last review']);

function fieldText(field: string, b: JsonValue | undefined, a: JsonValue | undefined): string {
  if (field === 'history') {
    const n = (v: JsonValue | undefined) => (Array.isArray(v) ? v.length : 0);
    const latest = (v: JsonValue | undefined) => (Array.isArray(v) && v.length ? (v[v.length - 1] as JsonValue[])[0] : undefined);
    if (n(b) === n(a) && latest(b) === latest(a)) return `history edited (${n(a)} observations)`;
    return `history ${n(b)} → ${n(a)} observations, latest ${showWord(latest(b))} → ${showWord(latest(a))}`;
  }
  const s = WORD_FIELDS.has(field) ? showWord : show;
  return `${field} ${s(b)} → ${s(a)}`;
}


/** A field of an item, old → new, in the words its kind of value reads best in. */
function itemFieldText(field: string, f: FieldSpec, b: JsonValue | undefined, a: JsonValue | undefined): string {
  switch (f.type) {
    case 'owners':
      return ownersText(b, a);
    case 'enum':
    case 'enums':
      return `${field} ${showWord(b)} → ${showWord(a)}`;
    case 'date': {
      const when = moved(typeof b === 'string' ? b : undefined, typeof a === 'string' ? a : undefined);
      return `${field} ${showWord(b)} → ${showWord(a)}${when ? `, ${when}` : ''}`;
    }
    case 'structure':
      if (f.name === 'baseline') return `baseline ${baselineText(b)} → ${baselineText(a)}`;
      if (f.name === 'measure') return measureText(b, a);
  }
  return fieldText(field, b, a);
}

/** Co-owners in words: who now leads, who joined and who left ("co-owner sre-lead added"). */
function ownersText(b: JsonValue | undefined, a: JsonValue | undefined): string {
  const list = (v: JsonValue | undefined) => (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
  const lb = list(b);
  const la = list(a);
  if (!lb.length || !la.length || (lb.length === 1 && la.length === 1)) return `owner ${showWord(b)} → ${showWord(a)}`;
  const parts: string[] = [];
  if (lb[0] !== la[0]) parts.push(`lead owner ${lb[0]} → ${la[0]}${la.includes(lb[0]) ? `, ${lb[0]} now co-owner` : ''}`);
  for (const o of la) if (!lb.includes(o) && o !== la[0]) parts.push(`co-owner ${o} added`);
  for (const o of lb) if (!la.includes(o) && o !== lb[0]) parts.push(`co-owner ${o} removed`);
  return parts.length ? parts.join(', ') : `co-owners reordered: ${la.join(', ')}`;
}

/** "99.9", or "99.9 on 2024-12-31" for a dated baseline. */
function baselineText(v: JsonValue | undefined): string {
  if (v && typeof v === 'object' && !Array.isArray(v)) return `${show(v.value)} on ${showWord(v.date)}`;
  return show(v);
}

/** What a KPI measures, old → new: the parts that changed ("measure stat mean → p90, window month → week"). */
function measureText(b: JsonValue | undefined, a: JsonValue | undefined): string {
  const parts = (v: JsonValue | undefined) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});
  const pb = parts(b);
  const pa = parts(a);
  const all = (p: { [k: string]: JsonValue }) => Object.entries(p).filter(([, x]) => x !== null).map(([k, x]) => `${k} ${showWord(x)}`).join(', ') || '(none)';
  if (b === undefined || a === undefined) return `measure ${b === undefined ? '(none)' : all(pb)} → ${a === undefined ? '(none)' : all(pa)}`;
  const keys = [...new Set([...Object.keys(pb), ...Object.keys(pa)])].filter((k) => !same(pb[k], pa[k]));
  return `measure ${keys.map((k) => `${k} ${showWord(pb[k])} → ${showWord(pa[k])}`).join(', ')}`;
}

function same(x: JsonValue | undefined, y: JsonValue | undefined): boolean {
  return JSON.stringify(x) === JSON.stringify(y);
}

// ---------------------------------------------------------------------------------------------
// Comparing.

function wholeScorecard(key: string, sc: Scorecard, how: 'added' | 'removed'): Change[] {
  const id = key.startsWith('file:') ? key.slice(5) : key;
  const items = itemsOf(sc);
  const count = (k: ItemKind, word: string) => {
    const n = items.filter((i) => i.kind === k).length;
    return n ? [`${n} ${word}${n === 1 ? '' : 's'}`] : [];
  };
  const content = [...count('objective', 'objective'), ...count('kpi', 'KPI'), ...count('lever', 'lever'), ...count('disturbance', 'disturbance')];
  const about = [sc.title ? show(sc.title.value) : undefined, sc.owner ? `owner ${showWord(sc.owner.value)}` : undefined, sc.parent ? `parent ${sc.parent.raw}` : 'a root scorecard', content.length ? content.join(', ') : 'no items']
    .filter((x) => x !== undefined)
    .join('; ');
  const changes: Change[] = [{ kind: how, subject: 'scorecard', id, text: `Scorecard ${id} ${how}: ${about}.` }];
  for (const it of items) changes.push(itemAddedOrRemoved(it, how));
  return changes;
}

function itemAddedOrRemoved(it: Item, how: 'added' | 'removed'): Change {
  const name = it.kind === 'objective' ? it.title?.value : it.name?.value;
  const details: string[] = [];
  if (it.kind === 'kpi' || it.kind === 'lever') if (it.owner.length) details.push(`owner ${it.owner.map((o) => showWord(o.value)).join(', ')}`);
  if (it.kind === 'kpi' && it.target) details.push(`target ${targetWords(targetValues(it.target), it.unit?.value)}`);
  const what = `${name !== undefined ? ` ${show(name)}` : ''}${details.length ? ` (${details.join(', ')})` : ''}`;
  return { kind: how, subject: it.kind, id: it.id, text: `${KIND_NAME[it.kind]} ${it.id} ${how}${what ? `:${what}` : ''}.` };
}

function compareScorecards(key: string, sb: Scorecard, sa: Scorecard, renames: Renames): Change[] {
  const id = key.startsWith('file:') ? key.slice(5) : key;
  const out: Change[] = [];
  const field = (name: string, b: JsonValue | undefined, a: JsonValue | undefined, label = name) => {
    if (!same(b, a)) out.push({ kind: 'changed', subject: 'scorecard', id, field: name, before: b ?? null, after: a ?? null, text: `Scorecard ${id}: ${fieldText(label, b, a)}.` });
  };
  field('title', sb.title?.value, sa.title?.value);
  field('owner', sb.owner?.value, sa.owner?.value);
  const pb = sb.parent?.raw;
  const pa = sa.parent?.raw;
  // A parent renamed, and followed here, is the same link.
  if (pb !== pa && !(pb !== undefined && pa !== undefined && renames.scorecards.get(pb) === pa)) {
    const text = pa === undefined ? `cascade link cut: parent ${pb} removed, it is now a root` : pb === undefined ? `cascade link added: parent (none) → ${pa}` : `cascade link moved: parent ${pb} → ${pa}`;
    out.push({ kind: pa === undefined ? 'link-cut' : pb === undefined ? 'link-added' : 'link-moved', subject: 'scorecard', id, field: 'parent', before: pb ?? null, after: pa ?? null, text: `Scorecard ${id}: ${text}.` });
  }
  field('vision.statement', sb.vision?.statement?.value, sa.vision?.statement?.value, 'vision statement');
  field('vision.values', sb.vision?.values?.map((v) => v.value), sa.vision?.values?.map((v) => v.value), 'vision values');
  field('review.cadence', sb.review?.cadence?.value, sa.review?.cadence?.value, 'review cadence');
  field('review.last', sb.review?.last?.value, sa.review?.last?.value, 'last review');
  field('wheel.capabilities', sb.wheel?.capabilities, sa.wheel?.capabilities, 'wheel capabilities');
  field('wheel.responsibilities', sb.wheel?.responsibilities, sa.wheel?.responsibilities, 'wheel responsibilities');
  pushAll(out, comparePolarities(sb.polarities, sa.polarities));
  pushAll(out, compareItems(key, sb, sa, renames));
  pushAll(out, compareCorrelations(key, sb.correlations, sa.correlations, renames));
  return out;
}

function scores(p: PolarityAssessment): { [pole: string]: JsonValue } {
  const out: { [pole: string]: JsonValue } = {};
  for (const [pole, v] of Object.entries(p.scores)) if (v) out[pole] = v.value;
  return out;
}

function comparePolarities(before: readonly PolarityAssessment[], after: readonly PolarityAssessment[]): Change[] {
  const out: Change[] = [];
  const b = new Map(before.map((p) => [p.key, scores(p)]));
  const a = new Map(after.map((p) => [p.key, scores(p)]));
  const listed = (s: { [pole: string]: JsonValue }) => Object.entries(s).map(([pole, v]) => `${pole} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(', ') || 'no scores';
  for (const key of [...new Set([...b.keys(), ...a.keys()])]) {
    const sb = b.get(key);
    const sa = a.get(key);
    if (same(sb, sa)) continue;
    let text: string;
    if (!sb) text = `Polarity ${key} assessed: ${listed(sa!)}.`;
    else if (!sa) text = `Polarity ${key} assessment removed (was ${listed(sb)}).`;
    else {
      const poles = [...new Set([...Object.keys(sb), ...Object.keys(sa)])];
      text = `Polarity ${key}: ${poles.filter((p) => sb[p] !== sa[p]).map((p) => `${p} ${show(sb[p])} → ${show(sa[p])}`).join(', ')}.`;
    }
    out.push({ kind: !sb ? 'added' : !sa ? 'removed' : 'changed', subject: 'polarity', id: key, before: sb ?? null, after: sa ?? null, text });
  }
  return out;
}

function compareCorrelations(key: string, before: readonly Correlation[], after: readonly Correlation[], renames: Renames): Change[] {
  const name = (refs: readonly string[]) => [...refs].sort(compareStrings).join(' ~ ');
  // A correlation of the older version is the same when it names the same KPIs, before or after renames.
  const olds = before.map((c) => ({ ids: [name(c.between.map((r) => renamedRaw(r, key, renames))), name(c.between.map((r) => r.raw))], r: c.r?.value, taken: false }));
  const out: Change[] = [];
  for (const c of after) {
    const id = name(c.between.map((r) => r.raw));
    const ra = c.r?.value;
    const old = olds.find((o) => !o.taken && o.ids.includes(id));
    if (old) old.taken = true;
    if (old && old.r === ra) continue;
    const text = old ? `Correlation ${id}: r ${show(old.r)} → ${show(ra)}.` : `Correlation ${id} added (r ${show(ra)}).`;
    out.push({ kind: old ? 'changed' : 'added', subject: 'correlation', id, field: 'r', before: old?.r ?? null, after: ra ?? null, text });
  }
  for (const o of olds.filter((x) => !x.taken)) {
    out.push({ kind: 'removed', subject: 'correlation', id: o.ids[0], field: 'r', before: o.r ?? null, after: null, text: `Correlation ${o.ids[1]} removed (was r ${show(o.r)}).` });
  }
  return out;
}

/** A qualified id (`scorecard/item`) of the older version as the newer one spells it: the scorecard renamed, then the item. */
function renamedId(q: string, renames: Renames): string {
  const slash = q.lastIndexOf('/');
  const sc = q.slice(0, slash);
  const scNow = renames.scorecards.get(sc) ?? sc;
  const item = q.slice(slash + 1);
  return `${scNow}/${renames.items.get(`${scNow}/${item}`) ?? item}`;
}

/** A ref of the older version as it would be spelled after the renames. */
function renamedRaw(r: Ref, scKey: string, renames: Renames): string {
  const to = renames.items.get(refKey(r, scKey, renames.scorecards));
  const sc = r.scorecard === undefined ? undefined : renames.scorecards.get(r.scorecard) ?? r.scorecard;
  if (!to && sc === r.scorecard) return r.raw;
  return sc === undefined ? to ?? r.id : `${sc}/${to ?? r.id}`;
}

function compareItems(key: string, sb: Scorecard, sa: Scorecard, renames: Renames): Change[] {
  const bi = itemMap(sb);
  const ai = itemMap(sa);
  const renamedTo = new Map<string, string>();
  for (const [from, to] of renames.items) if (from.startsWith(`${key}/`)) renamedTo.set(from.slice(key.length + 1), to);
  const renamedFrom = new Map([...renamedTo].map(([f, t]) => [t, f]));
  const out: Change[] = [];
  // Items in the order of the newer version; removed ones after them, in their old order.
  for (const it of ai.values()) {
    const oldId = renamedFrom.get(it.id);
    const old = bi.get(oldId ?? it.id);
    if (oldId) {
      out.push({ kind: 'renamed', subject: it.kind, id: it.id, before: oldId, after: it.id, text: `${KIND_NAME[it.kind]} ${oldId} renamed to ${it.id} (nothing else changed).` });
    } else if (!old || old.kind !== it.kind) {
      if (old) out.push(itemAddedOrRemoved(old, 'removed'));
      out.push(itemAddedOrRemoved(it, 'added'));
    } else {
      pushAll(out, compareItem(key, old, it, renames));
    }
  }
  for (const it of bi.values()) if (!ai.has(it.id) && !renamedTo.has(it.id)) out.push(itemAddedOrRemoved(it, 'removed'));
  return out;
}

function compareItem(key: string, b: Item, a: Item, renames: Renames): Change[] {
  const out: Change[] = [];
  const head = `${KIND_NAME[a.kind]} ${a.id}`;
  const specs = new Map(fieldsOf(a.kind));
  const fb = new Map(plainFields(b));
  for (const [field, va] of plainFields(a)) {
    const vb = fb.get(field);
    if (same(vb, va)) continue;
    if (field === 'target') out.push(targetChange(b as Kpi, a as Kpi));
    else if (field === 'milestones') pushAll(out, milestoneChanges(b as Kpi, a as Kpi));
    else out.push({ kind: 'changed', subject: a.kind, id: a.id, field, before: vb ?? null, after: va ?? null, text: `${head}: ${itemFieldText(field, specs.get(field)!, vb, va)}.` });
  }
  const lb = new Map(linkFields(b));
  for (const [field, refsA] of linkFields(a)) {
    const link = field === 'supports' || field === 'objective' || field === 'contributes' ? 'cascade link' : 'link';
    // A ref of the older version is the same link when it names the same id, or the new id of a
    // renamed item (a ref that did not follow a rename is still the same link, now unresolved).
    const before = (lb.get(field) ?? []).map((r) => {
      const k = refKey(r, key, renames.scorecards);
      const to = renamedId(k, renames);
      return { ref: r, keys: to === k ? [k] : [k, to], taken: false };
    });
    const added: Ref[] = [];
    for (const r of refsA) {
      const k = refKey(r, key, renames.scorecards);
      const old = before.find((x) => !x.taken && x.keys.includes(k));
      if (!old) {
        added.push(r);
        continue;
      }
      old.taken = true;
      if (old.ref.level !== r.level) out.push({ kind: 'changed', subject: a.kind, id: a.id, field, before: linkJson(old.ref), after: linkJson(r), text: `${head}: ${LINK_VERB[field]} ${r.raw} ${old.ref.level ?? '(no level)'} → ${r.level ?? '(no level)'}.` });
    }
    const cut = before.filter((x) => !x.taken).map((x) => x.ref);
    // A link cut and one added in the same field read as one link moved, pair by pair.
    for (let i = 0; i < Math.max(added.length, cut.length); i++) {
      const [from, to] = [cut[i], added[i]];
      if (from && to) out.push({ kind: 'link-moved', subject: a.kind, id: a.id, field, before: linkJson(from), after: linkJson(to), text: `${head}: ${link} moved: ${LINK_VERB[field]} ${linkText(from)} → ${linkText(to)}.` });
      else if (to) out.push({ kind: 'link-added', subject: a.kind, id: a.id, field, after: linkJson(to), text: `${head}: ${link} added: now ${LINK_VERB[field]} ${linkText(to)}.` });
      else out.push({ kind: 'link-cut', subject: a.kind, id: a.id, field, before: linkJson(from), text: `${head}: ${link} cut: no longer ${LINK_VERB[field]} ${linkText(from)}.` });
    }
  }
  return out;
}

const LINK_VERB: Record<string, string> = {
  supports: 'supports', objective: 'measures objective', contributes: 'contributes to', improves: 'improves', worsens: 'worsens', affects: 'affects',
};

function linkText(r: Ref): string {
  return r.level ? `${r.raw} (${r.level})` : r.raw;
}

function linkJson(r: Ref): JsonValue {
  return r.level ? { ref: r.raw, level: r.level } : r.raw;
}

// ---------------------------------------------------------------------------------------------
// Targets.

/** "3 months", "1 year", "45 days": whole months when the day of the month allows it. */
function distance(from: string, to: string): string {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  const months = Math.abs(ty * 12 + tm - (fy * 12 + fm));
  const earlier = dayNumber(from) < dayNumber(to) ? from : to;
  const later = earlier === from ? to : from;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  // Month ends count as the same day of the month (03-31 + 3 months = 06-30).
  if (months > 0 && (addMonths(earlier, months) === later || (isMonthEnd(earlier) && isMonthEnd(later)))) {
    return months % 12 === 0 ? plural(months / 12, 'year') : plural(months, 'month');
  }
  return plural(Math.abs(dayNumber(to) - dayNumber(from)), 'day');
}

function isMonthEnd(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate() === d;
}

/**
 * More ambitious when the value moves in the KPI's direction and the date is not later (or the
 * value stays and the date comes earlier); less ambitious for the reverse; mixed when value and
 * date pull apart. Unclear when there is nothing to judge by: no direction, `maintain`, or a
 * value or date on one side only.
 */
export function ambitionOf(direction: string | undefined, b: { value?: number; by?: string }, a: { value?: number; by?: string }): Ambition {
  let value: number | undefined;
  if (b.value === a.value) value = 0;
  else if (b.value !== undefined && a.value !== undefined && (direction === 'increase' || direction === 'decrease')) {
    value = (a.value > b.value) === (direction === 'increase') ? 1 : -1;
  }
  let date: number | undefined;
  if (b.by === a.by) date = 0;
  else if (b.by !== undefined && a.by !== undefined) date = dayNumber(a.by) < dayNumber(b.by) ? 1 : -1;
  if (value === undefined || date === undefined) return 'unclear';
  if (value >= 0 && date >= 0) return 'more';
  if (value <= 0 && date <= 0) return 'less';
  return 'mixed';
}

const AMBITION_TEXT: Record<Exclude<Ambition, 'mixed'>, string> = { more: ': more ambitious', less: ': less ambitious', unclear: ': ambition not judged' };

type Aim = ReturnType<typeof targetValues>;

/** ": more ambitious", ": mixed, a harder value but later", ": ambition not judged (no direction)". */
function verdictOf(ambition: Ambition, direction: string | undefined, b: Aim, a: Aim): string {
  // Mixed means value and date pull apart, so the value alone says which way each went.
  if (ambition === 'mixed') return `: mixed, ${(a.value! > b.value!) === (direction === 'increase') ? 'a harder value but later' : 'an easier value but sooner'}`;
  const why = ambition !== 'unclear' ? '' : direction === 'maintain' ? ' (direction maintain)' : direction === undefined ? ' (no direction)' : ' (a value or date on one side only)';
  return `${AMBITION_TEXT[ambition]}${why}`;
}

/** "later by 3 months", "earlier by 45 days"; undefined unless both dates are there and differ. */
function moved(b: string | undefined, a: string | undefined): string | undefined {
  return b && a && b !== a ? `${dayNumber(a) > dayNumber(b) ? 'later' : 'earlier'} by ${distance(b, a)}` : undefined;
}

function targetChange(b: Kpi, a: Kpi): Change {
  const unit = a.unit?.value ?? b.unit?.value;
  const head = `${KIND_NAME.kpi} ${a.id}`;
  const base = { kind: 'target' as const, subject: 'kpi' as const, id: a.id, field: 'target', before: targetValue(b) ?? null, after: targetValue(a) ?? null };
  const unclear = (text: string): Change => ({ ...base, ambition: 'unclear', text: `${head}: ${text}.` });
  if (!b.target || !a.target) return unclear(`target ${b.target ? targetWords(targetValues(b.target), unit) : '(none)'} → ${a.target ? targetWords(targetValues(a.target), unit) : '(none)'}`);
  const tb = targetValues(b.target);
  const ta = targetValues(a.target);
  // A dated target turned into one met in every period, or back: a different promise, not a harder or easier one.
  if (!tb.every !== !ta.every) return unclear(`target became ${ta.every ? 'standing' : 'dated'} (${targetWords(ta)}, was ${targetWords(tb)})`);
  if (tb.pending !== ta.pending) return unclear(`target ${targetWords(tb, unit)} → ${targetWords(ta, unit)}: ambition not judged (a value still to be decided or withheld)`);
  const direction = a.direction?.value ?? b.direction?.value;
  if (ta.every) {
    if (tb.every !== ta.every) return unclear(`target ${targetWords(tb, unit)} → ${targetWords(ta, unit)}: ambition not judged (the period changed)`);
    const ambition = ambitionOf(direction, tb, ta);
    return { ...base, ambition, text: `${head}: target ${tb.value ?? '(none)'} → ${targetWords(ta, unit)}${verdictOf(ambition, direction, tb, ta)}.` };
  }
  const ambition = ambitionOf(direction, tb, ta);
  const verdict = verdictOf(ambition, direction, tb, ta);
  const value = `target ${tb.value ?? '(none)'} → ${ta.value ?? '(none)'}${unit ? ` ${unit}` : ''}`;
  const dates = `${tb.by ?? '(none)'} → ${ta.by ?? '(none)'}`;
  const when = moved(tb.by, ta.by);
  let text: string;
  if (tb.by === ta.by) text = `${value}${verdict}`;
  else if (tb.value === ta.value) text = `target date ${dates}${when ? `, ${when}` : ''}${verdict}`;
  // Both moved: "target 45 → 40 points, later by 3 months: less ambitious (date ... → ...)".
  else text = when ? `${value}, ${when}${verdict} (date ${dates})` : `${value}, date ${dates}${verdict}`;
  return { ...base, ambition, text: `${head}: ${text}.` };
}

interface Step {
  value?: number;
  by?: string;
}

/**
 * Milestones are interim targets: one at the same date with another value, or with the same
 * value at another date, is that milestone changed or moved, and judged like a target; the
 * others pair up in date order; what is left was added or removed.
 */
function milestoneChanges(b: Kpi, a: Kpi): Change[] {
  const unit = a.unit?.value ?? b.unit?.value;
  const direction = a.direction?.value ?? b.direction?.value;
  const head = `${KIND_NAME.kpi} ${a.id}`;
  const steps = (k: Kpi): Step[] => k.milestones.map((m) => ({ value: m.value?.value, by: m.by?.value }));
  const olds = steps(b);
  const news = steps(a);
  const pairs: [Step, Step][] = [];
  const pair = (match: (x: Step, y: Step) => boolean, record: boolean) => {
    for (const y of [...news]) {
      const i = olds.findIndex((x) => match(x, y));
      if (i < 0) continue;
      if (record) pairs.push([olds[i], y]);
      olds.splice(i, 1);
      news.splice(news.indexOf(y), 1);
    }
  };
  pair((x, y) => x.by === y.by && x.value === y.value, false);
  pair((x, y) => x.by === y.by, true);
  pair((x, y) => x.value === y.value, true);
  const byDate = (x: Step, y: Step) => compareStrings(x.by ?? '', y.by ?? '');
  olds.sort(byDate);
  news.sort(byDate);
  while (olds.length && news.length) pairs.push([olds.shift()!, news.shift()!]);
  const words = (m: Step) => `${m.value ?? '(no value)'}${unit ? ` ${unit}` : ''} by ${m.by ?? '(no date)'}`;
  const json = (m: Step): JsonValue => ({ value: m.value ?? null, by: m.by ?? null });
  const out: Change[] = pairs.sort((x, y) => byDate(x[1], y[1])).map(([x, y]) => {
    const ambition = ambitionOf(direction, x, y);
    const verdict = verdictOf(ambition, direction, x, y);
    const when = moved(x.by, y.by);
    let text: string;
    if (x.by === y.by) text = `milestone ${y.by ?? '(no date)'}: ${x.value ?? '(no value)'} → ${y.value ?? '(no value)'}${unit ? ` ${unit}` : ''}${verdict}`;
    else if (x.value === y.value) text = `milestone ${x.by ?? '(no date)'} moved to ${y.by ?? '(no date)'}${when ? `, ${when}` : ''}${verdict}`;
    else text = `milestone ${words(x)} → ${words(y)}${verdict}`;
    return { kind: 'target', subject: 'kpi', id: a.id, field: 'milestones', before: json(x), after: json(y), ambition, text: `${head}: ${text}.` };
  });
  for (const m of news) out.push({ kind: 'changed', subject: 'kpi', id: a.id, field: 'milestones', before: null, after: json(m), text: `${head}: milestone ${words(m)} added.` });
  for (const m of olds) out.push({ kind: 'changed', subject: 'kpi', id: a.id, field: 'milestones', before: json(m), after: null, text: `${head}: milestone ${words(m)} removed.` });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Findings.

/** The item a finding sits in, when a rule did not name the items itself. */
function itemsOfFinding(f: Finding, sc: Scorecard, scKey: string): string[] {
  if (f.items) return [...f.items].sort(compareStrings);
  const it = itemsOf(sc).find((i) => i.span.start <= f.span.start && f.span.start < Math.max(i.span.end, i.span.start + 1));
  return it ? [`${scKey}/${it.id}`] : [];
}

function toDiffFinding(f: Finding, sc: Scorecard, items: string[]): DiffFinding {
  const s = lineCol(sc.lineStarts, f.span.start, sc.text.length);
  const e = lineCol(sc.lineStarts, f.span.end, sc.text.length);
  return { rule: f.rule, severity: f.severity, message: f.message, uri: sc.uri, line: s.line, column: s.column, endLine: e.line, endColumn: e.column, items };
}

/**
 * Findings are the same across versions when they have the same scorecard, rule and item ids
 * (renamed items count as the same); among those, equal messages pair first, the rest in order.
 */
function compareFindings(
  key: string, sb: Scorecard | undefined, sa: Scorecard | undefined, before: DiffSide, after: DiffSide, renames: Renames,
): { introduced: DiffFinding[]; resolved: DiffFinding[] } {
  const collect = (sc: Scorecard | undefined, side: DiffSide, rename: boolean) =>
    (sc ? side.findings.get(sc.uri) ?? [] : []).map((f) => {
      const items = itemsOfFinding(f, sc!, key).map((i) => (rename ? renamedId(i, renames) : i));
      return { id: `${f.rule}|${[...items].sort(compareStrings).join(',')}`, finding: toDiffFinding(f, sc!, items) };
    });
  const b = collect(sb, before, true);
  const a = collect(sa, after, false);
  const taken = new Set<number>();
  const unmatched: DiffFinding[] = [];
  const pairWith = (x: (typeof a)[number], exact: boolean) => {
    const i = b.findIndex((y, j) => !taken.has(j) && y.id === x.id && (!exact || y.finding.message === x.finding.message));
    if (i >= 0) taken.add(i);
    return i >= 0;
  };
  const leftover = a.filter((x) => !pairWith(x, true));
  for (const x of leftover) if (!pairWith(x, false)) unmatched.push(x.finding);
  return { introduced: unmatched, resolved: b.filter((_, j) => !taken.has(j)).map((x) => x.finding) };
}
