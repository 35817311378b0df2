import type { Parsed } from '../syntax/parse';
import type { Scorecard } from '../model/model';
import type { DataRead, Report, SeverityOrOff } from '../types';
import type { Workspace } from '../model/workspace';

export type RuleCategory = 'structure' | 'selection' | 'practice';

export interface RuleOption {
  description: string;
  default: number;
  /** Smallest accepted value. */
  min: number;
  integer?: boolean;
}

export interface RuleMeta {
  id: string;
  description: string;
  category: RuleCategory;
  defaultSeverity: SeverityOrOff;
  fixable: boolean;
  options?: Record<string, RuleOption>;
}

/** What a rule sees: one scorecard, the whole workspace, and its resolved options. */
export interface RuleContext {
  scorecard: Scorecard;
  parsed: Parsed;
  workspace: Workspace;
  options: Record<string, number>;
  /** YYYY-MM-DD: the day the review-overdue rule counts from. */
  asOf: string;
  /** CSV contents of `data.csv` files, by the ref as written in the scorecard: the text, why it was not read, or undefined when unreadable. */
  readData: (csv: string) => DataRead | undefined;
  report(r: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

/** The one place where a rule's docs page is derived from its id. */
export const DOCS_BASE = 'https://github.com/kpilens/kpilens/blob/main/docs/rules/';
export function docsUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}
export function docsPath(id: string): string {
  return `docs/rules/${id}.md`;
}
