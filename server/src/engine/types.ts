// Plain data shared by every layer. Ranges are UTF-16 offsets into the document text,
// exactly as JavaScript strings index it, so an editor's positions map one to one.

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeverityOrOff = Severity | 'off';

export interface Span {
  start: number;
  end: number;
}

/** A location in some document of the workspace, by its uri (a file path in the CLI). */
export interface Location {
  uri: string;
  span: Span;
}

export interface TextEdit {
  span: Span;
  text: string;
}

/** A mechanical fix: edits to the finding's own document, applied all together. */
export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface RelatedInfo {
  location: Location;
  message: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  span: Span;
  message: string;
  related?: RelatedInfo[];
  /** A safe, mechanical fix: `lint --fix` and the editor's quick fix apply it the same way. */
  fix?: Fix;
  /** Fixes that need a person's judgement (a guessed id): offered in the editor, never applied by `--fix`. */
  suggestions?: Fix[];
  /** Ids of the items involved (scorecard-qualified), used to match findings across versions. */
  items?: string[];
}

/**
 * What reading a `data.csv` file gives: its text, or why it was not read (a clause that follows
 * "is not read:", such as "it is outside the workspace (the folder strategy)"). Undefined, where
 * a reader may return it, means the file could not be read (it is missing, say).
 */
export type DataRead = string | { refused: string };

/** Finding as a rule reports it; the engine fills in rule id and configured severity. */
export type Report = Omit<Finding, 'rule' | 'severity'>;

export interface LineCol {
  /** 1-based line */
  line: number;
  /** 1-based column, in UTF-16 code units */
  column: number;
}

/** Where a KPI stands (FORMAT.md, "Status"): computed by the engine's kpiStatus, shown by every face. */
export type StatusName = 'on-track' | 'at-risk' | 'off-track' | 'unknown' | 'no-data';

/** A KPI's status and the figures behind it. Figures that do not apply are left out. */
export interface KpiStatus {
  status: StatusName;
  /** Why, in a few words that name the figures ("progress 40%, 55% expected by the plan"). */
  reason: string;
  /** The latest observation is older than two cadence periods before as-of. */
  stale: boolean;
  /** Observations dated before this day make the KPI stale (as-of less two cadence periods). */
  staleBefore?: string;
  /** The latest observation at or before as-of, projections left out. */
  last?: { date: string; value: number };
  /** The plan's value at the date of `last`: the straight line from the baseline through each milestone to a dated target. */
  plan?: number;
  /** (last − baseline) / (target − baseline). */
  progress?: number;
  /** The plan's progress at the date of `last`, 0..1. */
  expected?: number;
  /** The latest observation meets the target. */
  met: boolean;
  /** A dated target whose date has passed without being met. */
  missed: boolean;
  /** For a standing target: the share of the last 12 observations that meet it. */
  hitRate?: number;
  /** The status the team reported on the latest observation, and its commentary. */
  reported?: Extract<StatusName, 'on-track' | 'at-risk' | 'off-track'>;
  note?: string;
  /** The values of the last 12 observations, oldest first. */
  trend: number[];
  /** The noise the status allowed for: the declared `noise`, else the estimate from the observations. */
  noise?: number;
}
