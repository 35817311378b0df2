// Scores kpilens against the corpus of published scorecards: each folder is linted as one
// workspace and its findings are compared with the expert's markers (README.md, "Markers").
// Used by `npm run corpus` (run.ts) and by test/unit/corpus.test.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../server/src/engine';
import type { Severity } from '../../server/src/engine';
import { allMarkers, runFixture } from '../helpers/fixtures';
import type { Marker } from '../helpers/fixtures';

export const CORPUS = __dirname;
export const AS_OF = '2026-11-24';
export const FLOOR_FILE = path.join(CORPUS, 'floor.json');

/**
 * Rules of RULES.md 1.1 that other branches build, with their default severity there. Until
 * they are merged, their expected findings show as misses.
 */
export const PENDING_RULES: Readonly<Record<string, Severity>> = {
  'value-domain': 'error',
  'lever-overdue': 'warning',
  'milestone-missing': 'info',
  'perspective-balance': 'info',
  'stale-data': 'warning',
  'status-mismatch': 'info',
};

/**
 * Rules that check that something is there (an owner, the parts of a SMART target, a vision,
 * recent data, a milestone, a lever done by its date). Every other rule takes judgement: of
 * numbers (noise, correlation, direction), of the portfolio's shape or of its wording.
 */
export const PRESENCE_RULES: ReadonlySet<string> = new Set(['kpi-owner', 'smart-target', 'vision-missing', 'stale-data', 'milestone-missing', 'lever-overdue']);

export type { Marker };
/** `# expect: a, b` and `# expect-not: a, b` at the end of a line; a rule named twice expects two findings. */
export const corpusMarkers = allMarkers;

export interface Seen {
  file: string;
  line: number;
  rule: string;
  severity: Severity;
  message: string;
}

/** A false positive, a miss or a hit, with where it is. */
export interface Outcome {
  folder: string;
  file: string;
  line: number;
  rule: string;
  /** The finding's message (false positives and hits). */
  message?: string;
  /** A false positive on a line the expert marked `expect-not`. */
  markedNot?: boolean;
}

export interface Tally {
  tp: number;
  fp: number;
  miss: number;
}

export interface RuleScore extends Tally {
  rule: string;
  severity?: Severity;
  /** The rule is not registered on this branch. */
  pending: boolean;
  judgement: boolean;
}

export interface CorpusScore {
  rules: RuleScore[];
  hits: Outcome[];
  falsePositives: Outcome[];
  misses: Outcome[];
  folders: string[];
}

/**
 * Compares the findings of one folder with its markers. A rule named by any marker of the folder
 * is complete there: a finding of it on a line without an `expect` of it is a false positive.
 */
export function scoreFolder(folder: string, markers: readonly Marker[], findings: readonly Seen[]): { hits: Outcome[]; falsePositives: Outcome[]; misses: Outcome[]; severities: Map<string, Severity> } {
  const asserted = new Set(markers.map((m) => m.rule));
  const key = (file: string, line: number, rule: string) => `${file}\u0000${line}\u0000${rule}`;
  const expected = new Map<string, number>();
  const not = new Set<string>();
  for (const m of markers) {
    const k = key(m.file, m.line, m.rule);
    if (m.not) not.add(k);
    else expected.set(k, (expected.get(k) ?? 0) + 1);
  }
  const hits: Outcome[] = [];
  const falsePositives: Outcome[] = [];
  const severities = new Map<string, Severity>();
  const used = new Map<string, number>();
  for (const f of findings) {
    if (!asserted.has(f.rule)) continue;
    severities.set(f.rule, f.severity);
    const k = key(f.file, f.line, f.rule);
    const n = used.get(k) ?? 0;
    const at = { folder, file: f.file, line: f.line, rule: f.rule, message: f.message };
    if (n < (expected.get(k) ?? 0)) {
      used.set(k, n + 1);
      hits.push(at);
    } else falsePositives.push(not.has(k) ? { ...at, markedNot: true } : at);
  }
  const misses: Outcome[] = [];
  for (const [k, n] of expected) {
    const [file, line, rule] = k.split('\u0000');
    for (let i = used.get(k) ?? 0; i < n; i++) misses.push({ folder, file, line: Number(line), rule });
  }
  return { hits, falsePositives, misses, severities };
}

/** The score of a set of folder results, per rule. */
export function tallyRules(parts: readonly ReturnType<typeof scoreFolder>[], markers: readonly Marker[], registered: ReadonlySet<string>): RuleScore[] {
  const rules = new Map<string, RuleScore>();
  const row = (rule: string) => {
    let r = rules.get(rule);
    if (!r) {
      const meta = RULES.find((x) => x.meta.id === rule)?.meta;
      const severity = meta ? (meta.defaultSeverity === 'off' ? undefined : meta.defaultSeverity) : PENDING_RULES[rule];
      r = { rule, tp: 0, fp: 0, miss: 0, severity, pending: !registered.has(rule), judgement: !PRESENCE_RULES.has(rule) };
      rules.set(rule, r);
    }
    return r;
  };
  for (const m of markers) row(m.rule);
  for (const p of parts) {
    for (const [rule, severity] of p.severities) row(rule).severity = severity;
    for (const h of p.hits) row(h.rule).tp++;
    for (const f of p.falsePositives) row(f.rule).fp++;
    for (const m of p.misses) row(m.rule).miss++;
  }
  return [...rules.values()].sort((a, b) => (a.rule < b.rule ? -1 : 1));
}

/** Lints every folder of the corpus at the as-of date and scores it against its markers. */
export function scoreCorpus(root = CORPUS): CorpusScore {
  const folders = fs.readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const parts: ReturnType<typeof scoreFolder>[] = [];
  const all: Marker[] = [];
  for (const folder of folders) {
    const run = runFixture(path.join(root, folder), AS_OF);
    const markers = run.files.flatMap((f) => corpusMarkers(f.uri, f.text));
    all.push(...markers);
    const seen: Seen[] = [...run.findings].flatMap(([uri, fs]) => fs.map((f) => ({ file: uri, line: run.at(uri, f.span.start).line, rule: f.rule, severity: f.severity, message: f.message })));
    parts.push(scoreFolder(folder, markers, seen));
  }
  const registered = new Set(RULES.map((r) => r.meta.id));
  return {
    folders,
    rules: tallyRules(parts, all, registered),
    hits: parts.flatMap((p) => p.hits),
    falsePositives: parts.flatMap((p) => p.falsePositives),
    misses: parts.flatMap((p) => p.misses),
  };
}

export function sum(rows: readonly Tally[]): Tally {
  return rows.reduce((t, r) => ({ tp: t.tp + r.tp, fp: t.fp + r.fp, miss: t.miss + r.miss }), { tp: 0, fp: 0, miss: 0 });
}

/** TP / (TP + FP); 1 when nothing was reported (no finding can be wrong). */
export function precision(t: Tally): number {
  return t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp);
}

/** TP / (TP + misses); 1 when nothing was expected. */
export function recall(t: Tally): number {
  return t.tp + t.miss === 0 ? 1 : t.tp / (t.tp + t.miss);
}

export interface Totals {
  all: Tally;
  /** Rules whose findings are warnings or errors: the ones that fail a build or stop a reader. */
  warningsErrors: Tally;
  judgement: Tally;
  /** The judgement rules registered on this branch. */
  judgementHere: Tally;
}

export function totals(rules: readonly RuleScore[]): Totals {
  const loud = (r: RuleScore) => r.severity === 'warning' || r.severity === 'error';
  return {
    all: sum(rules),
    warningsErrors: sum(rules.filter(loud)),
    judgement: sum(rules.filter((r) => r.judgement)),
    judgementHere: sum(rules.filter((r) => r.judgement && !r.pending)),
  };
}

export interface Floor {
  about?: string;
  /** Per rule: fewest true positives and most false positives. */
  rules: Record<string, { tp: number; fp: number }>;
  /** Lowest precision on warnings and errors, lowest recall of the judgement findings. */
  precisionWarningsErrors: number;
  recallJudgement: number;
}

/** The floor as JSON, a rule per line so that a change of the floor reads as a small diff. */
export function floorJson(floor: Floor): string {
  const rules = Object.entries(floor.rules).map(([rule, f]) => `    ${JSON.stringify(rule)}: ${JSON.stringify(f)}`);
  return [
    '{',
    ...(floor.about ? [`  "about": ${JSON.stringify(floor.about)},`] : []),
    '  "rules": {',
    rules.join(',\n'),
    '  },',
    `  "precisionWarningsErrors": ${floor.precisionWarningsErrors},`,
    `  "recallJudgement": ${floor.recallJudgement}`,
    '}',
    '',
  ].join('\n');
}

export function readFloor(file = FLOOR_FILE): Floor {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Floor;
}

/** The floor that the score sets: what a later run must not fall below. */
export function floorOf(score: CorpusScore): Floor {
  const t = totals(score.rules);
  const down = (x: number) => Math.floor(x * 1000) / 1000;
  return {
    about: 'Written by `npm run corpus -- --update-floor`: the score that `npm run corpus` and test/unit/corpus.test.ts must not fall below.',
    rules: Object.fromEntries(score.rules.map((r) => [r.rule, { tp: r.tp, fp: r.fp }])),
    precisionWarningsErrors: down(precision(t.warningsErrors)),
    recallJudgement: down(recall(t.judgement)),
  };
}

/** Where the score falls below the floor, as sentences; empty when it holds. */
export function belowFloor(score: CorpusScore, floor: Floor): string[] {
  const out: string[] = [];
  for (const r of score.rules) {
    const f = floor.rules[r.rule] ?? { tp: 0, fp: 0 };
    if (r.tp < f.tp) out.push(`${r.rule}: ${r.tp} true positives, fewer than the floor's ${f.tp}.`);
    if (r.fp > f.fp) out.push(`${r.rule}: ${r.fp} false positives, more than the floor's ${f.fp}.`);
  }
  const t = totals(score.rules);
  const p = precision(t.warningsErrors);
  const rc = recall(t.judgement);
  if (p < floor.precisionWarningsErrors) out.push(`Precision on warnings and errors ${pct(p)}, under the floor's ${pct(floor.precisionWarningsErrors)}.`);
  if (rc < floor.recallJudgement) out.push(`Recall of the judgement findings ${pct(rc)}, under the floor's ${pct(floor.recallJudgement)}.`);
  return out;
}

export function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** The per-rule table and the totals, as markdown. */
export function table(score: CorpusScore): string {
  const lines = ['| rule | kind | severity | TP | FP | miss | precision | recall |', '|---|---|---|---:|---:|---:|---:|---:|'];
  for (const r of score.rules) {
    const kind = r.judgement ? 'judgement' : 'presence';
    const sev = `${r.severity ?? '-'}${r.pending ? ' (not on this branch)' : ''}`;
    lines.push(`| \`${r.rule}\` | ${kind} | ${sev} | ${r.tp} | ${r.fp} | ${r.miss} | ${pct(precision(r))} | ${pct(recall(r))} |`);
  }
  const t = totals(score.rules);
  const row = (name: string, x: Tally) => `| **${name}** | | | ${x.tp} | ${x.fp} | ${x.miss} | ${pct(precision(x))} | ${pct(recall(x))} |`;
  lines.push(row('all rules', t.all), row('warnings and errors', t.warningsErrors), row('judgement rules', t.judgement), row('judgement rules on this branch', t.judgementHere));
  return lines.join('\n');
}
