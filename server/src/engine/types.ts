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
