import type { Span } from './types';

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
}

export interface Objective extends ItemBase {
  kind: 'objective';
  title?: Val<string>;
  supports: Ref[];
}

export interface Target {
  span: Span;
  shape: MapShape;
  value?: Val<number>;
  by?: Val<string>;
}

export interface Thresholds {
  span: Span;
  warn?: Val<number>;
  alert?: Val<number>;
}

export interface Observation {
  date: string;
  value: number;
}

export interface Kpi extends ItemBase {
  kind: 'kpi';
  name?: Val<string>;
  definition?: Val<string>;
  objective: Ref[];
  owner?: Val<string>;
  unit?: Val<string>;
  direction?: Val<Direction>;
  baseline?: Val<number>;
  target?: Target;
  thresholds?: Thresholds;
  indicator?: Val<'leading' | 'lagging'>;
  horizon?: Val<'short' | 'long'>;
  cadence?: Val<Cadence>;
  noise?: Val<number>;
  contributes: Ref[];
  poles: Val<Pole>[];
  history: Observation[];
  historySpan?: Span;
  data?: { span: Span; csv: Val<string>; column: Val<string> };
}

export interface Lever extends ItemBase {
  kind: 'lever';
  name?: Val<string>;
  owner?: Val<string>;
  improves: Ref[];
  worsens: Ref[];
}

export interface Disturbance extends ItemBase {
  kind: 'disturbance';
  name?: Val<string>;
  affects: Ref[];
}

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
  };
  objectives: Objective[];
  kpis: Kpi[];
  levers: Lever[];
  disturbances: Disturbance[];
  correlations: Correlation[];
  polarities: PolarityAssessment[];
  review?: { keySpan: Span; span: Span; cadence?: Val<Cadence>; last?: Val<string> };
  wheel?: { span: Span; capabilities: string[]; responsibilities: string[] };
  /** Top-level keys present, for fixes and completion. */
  shape?: MapShape;
  comments: Comment[];
}

/** All items of a scorecard in document order of their lists. */
export function itemsOf(sc: Scorecard): Item[] {
  return [...sc.objectives, ...sc.kpis, ...sc.levers, ...sc.disturbances];
}

/** Where a finding about the scorecard as a whole sits: its id, or line 1 when it has none. */
export function scorecardSpan(sc: Scorecard): Span {
  if (sc.id) return sc.id.span;
  let end = 0;
  while (end < sc.text.length && sc.text[end] !== '\n' && sc.text[end] !== '\r') end++;
  return { start: 0, end };
}
