import { RuleSettings, resolveRule } from './config';
import { LIMITS, parseScorecard, Parsed } from '../syntax/parse';
import type { Rule, RuleContext } from './rule';
import { RULES } from '../rules';
import fileLimit from '../rules/file-limit';
import { unusedSuppressionReports } from '../rules/unused-suppression';
import { findSuppressions } from './suppress';
import { compareStrings, lineIndexAt } from '../text';
import type { DataRead, Finding, Fix, Report, Severity } from '../types';
import { Workspace } from '../model/workspace';

export interface SourceFile {
  uri: string;
  text: string;
}

export interface LintOptions {
  /** YYYY-MM-DD, the day `review-overdue` counts from. */
  asOf: string;
  /** Rule settings for a scorecard (from its `.kpilens.yaml` and the editor); default: none. */
  settingsFor?: (uri: string) => RuleSettings;
  /** Contents of a `data.csv` file named in a scorecard, why it was not read, or undefined when it cannot be read. */
  readData?: (scorecardUri: string, csvPath: string) => DataRead | undefined;
  /** Which scorecards to report (all others only provide context); default: all. */
  isTarget?: (uri: string) => boolean;
  /** The rules to run; default: every rule. */
  rules?: readonly Rule[];
  /** Called when a rule throws (a bug); the other rules still run. */
  onRuleError?: (rule: string, uri: string, error: unknown) => void;
}

export interface LintResult {
  workspace: Workspace;
  /** Findings per reported scorecard, sorted by position. */
  findings: Map<string, Finding[]>;
}

export function parseAll(files: readonly SourceFile[]): Parsed[] {
  return files.map((f) => parseScorecard(f.uri, f.text));
}

/** Lint source texts as one workspace. */
export function lintFiles(files: readonly SourceFile[], options: LintOptions): LintResult {
  return lintParsed(parseAll(files), options);
}

/** Lint parsed scorecards as one workspace. Never throws. */
export function lintParsed(parsed: readonly Parsed[], options: LintOptions): LintResult {
  const workspace = new Workspace(parsed.map((p) => p.scorecard));
  const findings = new Map<string, Finding[]>();
  // Past the limit, the scorecards after the first ones (by uri) still resolve refs, but are only told that they are not checked.
  const excess = new Set(
    parsed
      .map((p) => p.scorecard.uri)
      .sort()
      .slice(LIMITS.maxScorecards),
  );
  for (const p of parsed) {
    if (options.isTarget && !options.isTarget(p.scorecard.uri)) continue;
    findings.set(
      p.scorecard.uri,
      excess.has(p.scorecard.uri) ? lintOne(overLimit(p), workspace, { ...options, rules: [fileLimit] }) : lintOne(p, workspace, options),
    );
  }
  return { workspace, findings };
}

function overLimit(p: Parsed): Parsed {
  const text = p.scorecard.text;
  let end = 0;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  const n = LIMITS.maxScorecards.toLocaleString('en-US');
  return {
    ...p,
    limits: [
      ...p.limits,
      { span: { start: 0, end }, message: `The workspace holds more than ${n} scorecards: past the first ${n} by path, a scorecard is not checked.` },
    ],
  };
}

/** Rules that report on damaged regions themselves. */
const UNDAMAGED = new Set(['yaml-syntax', 'file-limit']);

export function lintOne(p: Parsed, workspace: Workspace, options: LintOptions): Finding[] {
  const sc = p.scorecard;
  const rules = options.rules ?? RULES;
  const settings = options.settingsFor?.(sc.uri) ?? {};
  const raw: Finding[] = [];
  const enabled = new Map<string, Severity>();
  // Several rules read the same data file: each file is asked for once per lint of a scorecard.
  const data = new Map<string, DataRead | undefined>();
  const readData = (csv: string) => {
    if (!data.has(csv)) data.set(csv, options.readData?.(sc.uri, csv));
    return data.get(csv);
  };
  for (const rule of rules) {
    const { severity, options: ruleOptions } = resolveRule(rule, settings);
    if (severity === 'off') continue;
    enabled.set(rule.meta.id, severity);
    const ctx: RuleContext = {
      scorecard: sc,
      parsed: p,
      workspace,
      options: ruleOptions,
      asOf: options.asOf,
      readData,
      report: (r: Report) => raw.push(finding(r, rule.meta.id, severity, sc.text.length)),
    };
    try {
      rule.check(ctx);
    } catch (e) {
      options.onRuleError?.(rule.meta.id, sc.uri, e);
    }
  }

  // Suppression comments hide findings that start on the line they name (every line for a
  // file-wide one). They are found through an index by line and rule, and each is marked used
  // once: a file may hold a hundred thousand suppressions and as many findings.
  const sups = findSuppressions(sc.comments, sc.lineStarts);
  const index = new Map<string, string[]>();
  sups.forEach((s, i) => {
    for (const [rule, used] of s.ids.length === 0 ? [['*', `${i}:*`]] : s.ids.map((x) => [x.id, `${i}:${x.id}`])) {
      const key = `${s.line}|${rule}`;
      const list = index.get(key);
      if (list) list.push(used);
      else index.set(key, [used]);
    }
  });
  const used = new Set<string>();
  const kept: Finding[] = sups.length ? [] : raw;
  for (const f of sups.length ? raw : []) {
    const line = lineIndexAt(sc.lineStarts, f.span.start);
    let hidden = false;
    for (const key of [`-1|*`, `-1|${f.rule}`, `${line}|*`, `${line}|${f.rule}`]) {
      const list = index.get(key);
      if (!list) continue;
      hidden = true;
      for (const u of list) used.add(u);
      list.length = 0;
    }
    if (!hidden) kept.push(f);
  }
  // Inside a region YAML could not parse, only the syntax error is reported: the model there may
  // hold items and gaps the damage invented (an unterminated quote swallows the keys after it).
  if (sc.damaged) {
    const damaged = sc.damaged;
    const inDamage = (f: Finding) => !UNDAMAGED.has(f.rule) && damaged.some((d) => d.span.start <= f.span.start && f.span.start <= d.span.end);
    for (let i = kept.length - 1; i >= 0; i--) if (inDamage(kept[i])) kept.splice(i, 1);
  }
  const unusedSeverity = enabled.get('unused-suppression');
  if (unusedSeverity) {
    const all = new Set(RULES.map((r) => r.meta.id));
    const known = (id: string) => (enabled.has(id) ? 'enabled' : all.has(id) ? 'off' : 'unknown');
    for (const r of unusedSuppressionReports(sc.text, sups, used, known)) kept.push({ ...r, rule: 'unused-suppression', severity: unusedSeverity });
  }
  return capPerRule(kept.sort(compareFindings), enabled.get('file-limit'));
}

/**
 * The first findings of each rule, by position, up to the limit; past it one `file-limit`
 * finding says that there are more. A file of 150,000 duplicate keys would otherwise send
 * 150,000 diagnostics to the editor with every edit.
 */
function capPerRule(findings: Finding[], limitSeverity: Severity | undefined): Finding[] {
  const max = LIMITS.maxFindingsPerRule;
  const count = new Map<string, number>();
  const out: Finding[] = [];
  for (const f of findings) {
    const n = (count.get(f.rule) ?? 0) + 1;
    count.set(f.rule, n);
    if (n <= max) out.push(f);
    else if (n === max + 1 && limitSeverity) {
      out.push({
        rule: 'file-limit',
        severity: limitSeverity,
        span: f.span,
        message: `More than ${max.toLocaleString('en-US')} findings of \`${f.rule}\` in this file: the others are not reported.`,
      });
    }
  }
  return out;
}

/**
 * The finding of a report, with spans of its own, its span clamped to the text. Rules report
 * spans of the model, which an incremental parse moves in place for the next text; a finding
 * keeps its positions.
 */
function finding(r: Report, rule: string, severity: Severity, length: number): Finding {
  const start = Math.max(0, Math.min(r.span.start, length));
  const end = Math.max(start, Math.min(r.span.end, length));
  const fix = (f: Fix): Fix => ({ ...f, edits: f.edits.map((e) => ({ ...e, span: { start: e.span.start, end: e.span.end } })) });
  // Written out rather than spread: a file may report 150,000 findings of one rule.
  const out: Finding = { span: { start, end }, message: r.message, rule, severity };
  if (r.related)
    out.related = r.related.map((x) => ({ ...x, location: { uri: x.location.uri, span: { start: x.location.span.start, end: x.location.span.end } } }));
  if (r.fix) out.fix = fix(r.fix);
  if (r.suggestions) out.suggestions = r.suggestions.map(fix);
  if (r.items) out.items = r.items;
  return out;
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.span.start - b.span.start || a.span.end - b.span.end || compareStrings(a.rule, b.rule) || compareStrings(a.message, b.message);
}
