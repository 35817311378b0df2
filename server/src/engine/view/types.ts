import type { Direction, Level, PolarityKey, Pole } from '../model/model';
import type { KpiStatus, Severity, Span } from '../types';

// The preview's view models: plain, JSON-serialisable data that the language server sends to
// the webview and the CLI renders to files. Nothing here knows how it is drawn.

/** The band a KPI is drawn in: on track (ok), at risk (warn), off track (alert), or unknown (no data included). */
export type Status = 'ok' | 'warn' | 'alert' | 'unknown';

export interface FindingView {
  rule: string;
  severity: Severity;
  message: string;
  /** 1-based line and UTF-16 column of the finding's start, for hover text. */
  line: number;
  column: number;
}

/** Where a node comes from: `span` is the whole item (cursor tracking), `select` what a click selects. */
export interface SourceRange {
  uri: string;
  span: Span;
  select: Span;
}

/** One scorecard of the cascade: the group its nodes are drawn in. */
export interface CascadeGroup extends SourceRange {
  /** The scorecard's uri. */
  key: string;
  id?: string;
  title: string;
  owner?: string;
  /** Key of the parent group, when `parent` resolves. */
  parent?: string;
  /** Steps below the top of the cascade (0 for roots and for scorecards whose parent chain breaks). */
  depth: number;
  /** Items of the scorecard, and all its findings (those on its nodes included). */
  counts: { objectives: number; kpis: number; levers: number; disturbances: number; findings: number };
  /** Findings of the scorecard that sit on none of its nodes (scorecard-level findings). */
  findings: FindingView[];
  /** The worst severity among all findings of the scorecard, nodes included. */
  worst?: Severity;
}

export type NodeKind = 'vision' | 'objective' | 'kpi' | 'lever';

export interface KpiFacts {
  unit?: string;
  direction?: Direction;
  baseline?: number;
  target?: number;
  targetBy?: string;
  /** The latest observation at or before as-of, from `history` or the `data` CSV, projections left out. */
  last?: { date: string; value: number };
  /** The band of `standing.status`. */
  status: Status;
  /** Where the KPI stands as of the view's date, and the figures behind it (FORMAT.md, Status). */
  standing: KpiStatus;
  poles: Pole[];
  /** Disturbances that affect this KPI, with their level. */
  disturbances: { key: string; level: Level }[];
}

export interface CascadeNode extends SourceRange {
  /** Unique in the model: `<uri>#<id>` (`<uri>#:vision` for a vision). */
  key: string;
  kind: NodeKind;
  id: string;
  /** Key of the scorecard group. */
  group: string;
  label: string;
  owner?: string;
  kpi?: KpiFacts;
  findings: FindingView[];
  worst?: Severity;
}

export interface DisturbanceView extends SourceRange {
  key: string;
  id: string;
  group: string;
  label: string;
  findings: FindingView[];
  worst?: Severity;
}

export type EdgeKind = 'supports' | 'objective' | 'contributes' | 'improves' | 'worsens';

/** A resolved ref: `from` is the item that writes it, `to` the item it names. */
export interface CascadeEdge {
  kind: EdgeKind;
  from: string;
  to: string;
  level?: Level;
}

export interface Cascade {
  /** In cascade order: each root, then its descendants depth first; then scorecards outside any chain. */
  groups: CascadeGroup[];
  /** Per group in group order: vision, objectives, KPIs, levers, each in document order. */
  nodes: CascadeNode[];
  edges: CascadeEdge[];
  disturbances: DisturbanceView[];
}

export interface PoleView {
  pole: Pole;
  /** The assessment, 1..7, when given. */
  score?: number;
  /** The score from which this pole counts as overused: the other pole's score plus the gap. */
  overuseFrom?: number;
  overused: boolean;
  /** Ids of the scorecard's KPIs that serve this pole. */
  kpis: string[];
}

export interface PolarityView {
  key: PolarityKey;
  /** What overusing either pole looks like. */
  explanation: string;
  poles: [PoleView, PoleView];
  /** Where the assessment is written, when it is. */
  span?: Span;
  findings: FindingView[];
  worst?: Severity;
}

export interface Wheel extends SourceRange {
  /** The scorecard's uri. */
  key: string;
  title: string;
  /** The difference between the poles of a polarity that counts as overuse. */
  gap: number;
  polarities: PolarityView[];
  /** Labels of the outer rings, when the scorecard gives them (six and three names). */
  capabilities?: string[];
  responsibilities?: string[];
}

export interface ViewModel {
  /** The group key (uri) of the scorecard the preview was opened for, when it is in the workspace. */
  focus?: string;
  cascade: Cascade;
  /** One per scorecard that has `polarities` or KPIs with `poles`, in cascade order. */
  wheels: Wheel[];
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 4, warning: 3, info: 2, hint: 1 };

export function worstOf(findings: readonly { severity: Severity }[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const f of findings) if (!worst || SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst]) worst = f.severity;
  return worst;
}
