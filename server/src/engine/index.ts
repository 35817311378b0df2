// The public surface of the engine: text and data in, plain data out. No I/O, no LSP, no vscode.
export * from './types';
export * from './model';
export { parseScorecard, LIMITS } from './parse';
export type { Parsed } from './parse';
export { Workspace } from './workspace';
export { lintFiles, lintParsed, lintOne, parseAll, compareFindings } from './lint';
export type { LintOptions, LintResult, SourceFile } from './lint';
export { parseConfig, readRuleSettings, mergeSettings, resolveRule } from './config';
export type { RuleSettings, RuleSetting, ConfigProblem } from './config';
export { applyEdits, applyFixes } from './fix';
export { RULES } from './rules';
export { docsUrl, docsPath } from './rule';
export type { Rule, RuleMeta } from './rule';
export { lineStarts, lineCol, offsetAt } from './text';
export { kpiSchema } from './schema';
