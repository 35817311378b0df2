import { escapeRegExp } from '../text';
import type { Span } from '../types';

// The typed model of one scorecard. Every value keeps the span of its YAML node so rules can
// point at it. A value of the wrong type is left out of the model (the schema reports it), so
// rules only ever see well-typed data.

export interface Val<T> {
  value: T;
  span: Span;
}

export type Level = 'low' | 'medium' | 'high';
export type Direction = 'increase' | 'decrease' | 'maintain';
export type Cadence = 'daily' | 'weekly' | 'biweekly' | 'monthly' | 'quarterly' | 'yearly';
export type ItemKind = 'objective' | 'kpi' | 'lever' | 'disturbance';

/** The top-level lists of items, in document order of a scorecard's model, and the list of each kind. */
export const ITEM_LISTS = ['objectives', 'kpis', 'levers', 'disturbances'] as const;
export type ItemList = (typeof ITEM_LISTS)[number];
export const LIST_OF: Readonly<Record<ItemKind, ItemList>> = { objective: 'objectives', kpi: 'kpis', lever: 'levers', disturbance: 'disturbances' };

export const POLARITIES = [
  ['act-reflect', 'act', 'reflect'],
  ['stability-change', 'stability', 'change'],
  ['challenge-support', 'challenge', 'support'],
  ['competence-warmth', 'competence', 'warmth'],
  ['task-relationship', 'task', 'relationship'],
  ['direct-empower', 'direct', 'empower'],
] as const;
export type PolarityKey = (typeof POLARITIES)[number][0];
export type Pole = (typeof POLARITIES)[number][1] | (typeof POLARITIES)[number][2];
export const POLES: readonly Pole[] = POLARITIES.flatMap(([, a, b]) => [a, b]);

/** A reference as written: `id` or `scorecard-id/id`, with an optional level (low|medium|high). */
export interface Ref {
  raw: string;
  /** The scorecard named by a qualified ref; undefined for a bare id. */
  scorecard?: string;
  id: string;
  span: Span;
  level?: Level;
}

/** Where a mapping sits in the text, so fixes can add a key to it. */
export interface MapShape {
  span: Span;
  flow: boolean;
  /** Column (0-based, from line start) of the mapping's keys, for block mappings. */
  indent: number;
  /** End offset of the last pair's value. */
  lastValueEnd: number;
  /** Names of the keys present, in order, each once. (Where a key sits: `Parsed.spanAt`.) */
  keys: readonly string[];
}

interface ItemBase {
  kind: ItemKind;
  id: string;
  idSpan: Span;
  /** Span of the whole item mapping. */
  span: Span;
  shape: MapShape;
  /** Index of the item within its list, for JSON pointers. */
  index: number;
  /** Keys written with a value the model leaves out as the schema rejects it (see `rejected`); absent when none. */
  rejected?: readonly string[];
}

export interface Thresholds {
  span: Span;
  warn?: Val<number>;
  alert?: Val<number>;
}

export type Period = 'day' | 'week' | 'month' | 'quarter' | 'year';
export type ReportedStatus = 'on-track' | 'at-risk' | 'off-track';
export type ObservationFlag = 'preliminary' | 'revised' | 'projected';

export interface Target {
  span: Span;
  shape: MapShape;
  /** The target value, when it is a number. */
  value?: Val<number>;
  /** A value still to be decided (`tbd`) or set but not published here (`withheld`). */
  pending?: Val<'tbd' | 'withheld'>;
  /** A dated target: reached by this day. */
  by?: Val<string>;
  /** A standing target: met in every such period. */
  every?: Val<Period>;
  /** Keys written with a value the schema rejects (see `rejected`); absent when none. */
  rejected?: readonly string[];
}

/** A baseline: its value (and span), and its date when the mapping form gives one. */
export interface Baseline extends Val<number> {
  date?: Val<string>;
}

export interface Milestone {
  span: Span;
  value?: Val<number>;
  by?: Val<string>;
}

/** What exactly a KPI measures (format 1.1). */
export interface Measure {
  span: Span;
  of?: Val<string>;
  stat?: Val<string>;
  numerator?: Val<string>;
  denominator?: Val<string>;
  window?: Val<Period>;
}

/** One observation. `projected` ones are forecasts: they count for no statistic and no status. */
export interface Observation {
  date: string;
  value: number;
  /** The status the team reported for this period, and its commentary. */
  status?: ReportedStatus;
  note?: string;
  flag?: ObservationFlag;
}

export interface DataFile {
  span: Span;
  csv: Val<string>;
  column: Val<string>;
}

// ---------------------------------------------------------------------------------------------
// The description of the items: for each kind, its fields in the order a reader expects them,
// what each holds and which kinds a ref may name. The item types below are derived from it, and
// parsing, ref resolution, completion, the diff and the incremental parse's shifting take their
// lists from it; test/unit/model.test.ts holds it to the JSON Schema. A new field of a KPI is
// one line here, its schema, and the rules that use it.

/** How a field is read and compared. `structure` fields are mappings built by the parser's function of that name. */
export type FieldSpec =
  | { type: 'text'; label: string; shared?: boolean }
  | { type: 'number'; label: string }
  | { type: 'date'; label: string }
  | { type: 'enum'; label: string; values: readonly string[]; /** What an absent value means. */ default?: string }
  | { type: 'enums'; label: string; values: readonly string[] }
  | {
      type: 'refs';
      label: string;
      kinds: readonly ItemKind[];
      /** How the link reads in a sentence: `win-rate contributes to new-arr`. */
      verb: string;
      /** A link of the cascade (from an item up to what it serves), as the diff names it. */
      cascade?: boolean;
      vision?: boolean;
    }
  | { type: 'owners'; label: string }
  | { type: 'structure'; label: string; name: StructureName }
  | { type: 'structures'; label: string; name: StructureName }
  | { type: 'observations'; label: string };

/** A field of refs to other items. */
export type RefsSpec = Extract<FieldSpec, { type: 'refs' }>;

/** The mappings the parser builds with a function of that name (see parse.ts). */
export type StructureName = 'target' | 'thresholds' | 'data' | 'baseline' | 'measure' | 'milestone';

/** A field of the description, carrying the model type of its value (`T`) for the item types. */
export type Field<T> = FieldSpec & { readonly model?: T };

const field = <T>(spec: FieldSpec) => spec as Field<T>;
const text = (label: string, shared = false) => field<Val<string> | undefined>({ type: 'text', label, shared });
const number = (label: string) => field<Val<number> | undefined>({ type: 'number', label });
const oneOf = <T extends string>(label: string, values: readonly T[], fallback?: T) =>
  field<Val<T> | undefined>({ type: 'enum', label, values, default: fallback });
const someOf = <T extends string>(label: string, values: readonly T[]) => field<Val<T>[]>({ type: 'enums', label, values });
const date = (label: string) => field<Val<string> | undefined>({ type: 'date', label });
const refs = (label: string, kinds: readonly ItemKind[], verb: string, how: { cascade?: boolean; vision?: boolean } = {}) =>
  field<Ref[]>({ type: 'refs', label, kinds, verb, ...how });
/** One owner or a list of co-owners, the first one leading: always a list in the model. */
const owners = (label: string) => field<Val<string>[]>({ type: 'owners', label });
const structure = <T>(label: string, name: StructureName) => field<T | undefined>({ type: 'structure', label, name });
const structures = <T>(label: string, name: StructureName) => field<T[]>({ type: 'structures', label, name });

export const LEVELS = ['low', 'medium', 'high'] as const satisfies readonly Level[];
export const DIRECTIONS = ['increase', 'decrease', 'maintain'] as const satisfies readonly Direction[];
export const CADENCES = ['daily', 'weekly', 'biweekly', 'monthly', 'quarterly', 'yearly'] as const satisfies readonly Cadence[];
export const INDICATORS = ['leading', 'lagging'] as const;
export const HORIZONS = ['short', 'long'] as const;
export const PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const satisfies readonly Period[];
export const TIERS = ['key', 'supporting'] as const;
export const LEVER_STATES = ['planned', 'active', 'done', 'stalled'] as const;
export const PERSPECTIVES = ['financial', 'customer', 'process', 'learning'] as const;
export const REPORTED_STATUSES = ['on-track', 'at-risk', 'off-track'] as const satisfies readonly ReportedStatus[];
export const OBSERVATION_FLAGS = ['preliminary', 'revised', 'projected'] as const satisfies readonly ObservationFlag[];

export const FIELDS = {
  objective: {
    title: text('title'),
    description: text('description'),
    perspective: oneOf('perspective', PERSPECTIVES),
    supports: refs('supports', ['objective'], 'supports', { cascade: true, vision: true }),
  },
  kpi: {
    name: text('name'),
    definition: text('definition'),
    measure: structure<Measure>('measure', 'measure'),
    objective: refs('objective', ['objective'], 'measures objective', { cascade: true }),
    owner: owners('owner'),
    tier: oneOf('tier', TIERS, 'key'),
    unit: text('unit', true),
    direction: oneOf('direction', DIRECTIONS),
    baseline: structure<Baseline>('baseline', 'baseline'),
    target: structure<Target>('target', 'target'),
    milestones: structures<Milestone>('milestones', 'milestone'),
    thresholds: structure<Thresholds>('thresholds', 'thresholds'),
    indicator: oneOf('indicator', INDICATORS),
    horizon: oneOf('horizon', HORIZONS),
    cadence: oneOf('cadence', CADENCES),
    noise: number('noise'),
    contributes: refs('contributes', ['kpi'], 'contributes to', { cascade: true }),
    poles: someOf('poles', POLES),
    history: field<Observation[]>({ type: 'observations', label: 'history' }),
    data: structure<DataFile>('data', 'data'),
  },
  lever: {
    name: text('name'),
    owner: owners('owner'),
    improves: refs('improves', ['kpi'], 'improves'),
    worsens: refs('worsens', ['kpi'], 'worsens'),
    due: date('due'),
    state: oneOf('state', LEVER_STATES),
  },
  disturbance: {
    name: text('name'),
    affects: refs('affects', ['kpi'], 'affects'),
  },
} as const satisfies Record<ItemKind, Record<string, FieldSpec>>;

/** The model type of a kind's fields: optional where a value may be missing, lists always there. */
type Described<D> = {
  -readonly [K in keyof D as D[K] extends Field<infer T> ? (undefined extends T ? K : never) : never]?: D[K] extends Field<infer T>
    ? Exclude<T, undefined>
    : never;
} & {
  -readonly [K in keyof D as D[K] extends Field<infer T> ? (undefined extends T ? never : K) : never]: D[K] extends Field<infer T> ? T : never;
};

export interface Objective extends ItemBase, Described<typeof FIELDS.objective> {
  kind: 'objective';
}

export interface Kpi extends ItemBase, Described<typeof FIELDS.kpi> {
  kind: 'kpi';
  /** Span of the `history` list, when there is one. */
  historySpan?: Span;
}

export interface Lever extends ItemBase, Described<typeof FIELDS.lever> {
  kind: 'lever';
}

export interface Disturbance extends ItemBase, Described<typeof FIELDS.disturbance> {
  kind: 'disturbance';
}

/** The described fields of a kind, as [key, spec] in the order of the description. */
export function fieldsOf(kind: ItemKind): readonly (readonly [string, FieldSpec])[] {
  return FIELD_LISTS[kind];
}
const FIELD_LISTS = Object.fromEntries(Object.entries(FIELDS).map(([k, f]) => [k, Object.entries(f)])) as Record<ItemKind, [string, FieldSpec][]>;

/** Every ref field of the items, with the kinds it may name, once each. */
export const REF_FIELDS: readonly { kind: ItemKind; key: string; kinds: readonly ItemKind[]; vision: boolean }[] = (Object.keys(FIELDS) as ItemKind[]).flatMap(
  (kind) => fieldsOf(kind).flatMap(([key, f]) => (f.type === 'refs' ? [{ kind, key, kinds: f.kinds, vision: f.vision ?? false }] : [])),
);

export type Item = Objective | Kpi | Lever | Disturbance;

export interface Correlation {
  span: Span;
  between: Ref[];
  r?: Val<number>;
}

export interface PolarityAssessment {
  key: PolarityKey;
  keySpan: Span;
  span: Span;
  scores: Partial<Record<Pole, Val<number>>>;
}

export interface Comment {
  /** Span of the comment text, from `#` to the end of the line. */
  span: Span;
  text: string;
}

export interface Scorecard {
  uri: string;
  text: string;
  lineStarts: number[];
  /** The document has a top-level mapping (otherwise little else is known). */
  isMapping: boolean;
  version?: Val<unknown>;
  id?: Val<string>;
  title?: Val<string>;
  owner?: Val<string>;
  parent?: Ref;
  scorecardKeySpan?: Span;
  vision?: {
    keySpan: Span;
    span: Span;
    statement?: Val<string>;
    values?: Val<string>[];
    /** The keys written in the vision, whatever their values (see `rejected`). */
    keys: readonly string[];
  };
  objectives: Objective[];
  kpis: Kpi[];
  levers: Lever[];
  disturbances: Disturbance[];
  correlations: Correlation[];
  polarities: PolarityAssessment[];
  /** `keys`: the keys written in the review block, whatever their values (see `rejected`). */
  review?: { keySpan: Span; span: Span; cadence?: Val<Cadence>; last?: Val<string>; keys: readonly string[] };
  wheel?: { span: Span; capabilities: string[]; responsibilities: string[] };
  /** Top-level keys present, for fixes and completion. */
  shape?: MapShape;
  comments: Comment[];
  /**
   * Regions YAML could not parse, when there are any: each list item or top-level entry that
   * holds a syntax error, with the top-level key it sits under ('' outside any). Only
   * `yaml-syntax` reports inside them; what the model holds there may be invented by the damage.
   */
  damaged?: { span: Span; key: string }[];
}

/** A target in words, as people say it: "99.95 percent every month", "7500 kEUR by 2030-09-30", "tbd by 2026-12-31". */
export function targetWords(t: { value?: number; pending?: string; by?: string; every?: string }, unit?: string): string {
  const v = t.pending ?? (t.value === undefined ? 'no value' : `${t.value}${unit ? ` ${unit}` : ''}`);
  return t.every ? `${v} every ${t.every}` : t.by ? `${v} by ${t.by}` : v;
}

/** A target of the model as plain values, for targetWords and comparisons. */
export function targetValues(t: Target): { value?: number; pending?: 'tbd' | 'withheld'; by?: string; every?: Period } {
  return { value: t.value?.value, pending: t.pending?.value, by: t.by?.value, every: t.every?.value };
}

/** All items of a scorecard in document order of their lists. */
export function itemsOf(sc: Scorecard): Item[] {
  return [...sc.objectives, ...sc.kpis, ...sc.levers, ...sc.disturbances];
}

/**
 * Whether a field of an item (or of a target) is written with a value the schema rejects. Such a
 * value is left out of the model and reported by `schema`; for every other rule the field is
 * there, so that one mistake gives one finding (`cadence: Monthly` is not also "no cadence").
 */
export function rejected(item: { rejected?: readonly string[] }, key: string): boolean {
  return !!item.rejected?.includes(key);
}

/** Words that stand in for an owner not yet named: `owner: TODO`, `TBD`, or nothing at all. */
export function isPlaceholderOwner(owner: string): boolean {
  const o = owner.trim().toLowerCase();
  return o === '' || o === 'todo' || o === 'tbd';
}

/** Whether the scorecard may hold a top-level key inside a region YAML could not parse (an unterminated quote swallows the rest of the file). */
export function mayHoldDamaged(sc: Scorecard, key: string): boolean {
  const re = new RegExp(`^${escapeRegExp(key)}[ \\t]*:`, 'm');
  return !!sc.damaged?.some((d) => re.test(sc.text.slice(d.span.start, d.span.end)));
}

/** Where a finding about the scorecard as a whole sits: its id, or line 1 when it has none. */
export function scorecardSpan(sc: Scorecard): Span {
  if (sc.id) return sc.id.span;
  let end = 0;
  while (end < sc.text.length && sc.text[end] !== '\n' && sc.text[end] !== '\r') end++;
  return { start: 0, end };
}
