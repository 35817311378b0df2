import * as fs from 'node:fs';
import * as path from 'node:path';
import { lineCol, lintFiles, parseConfig, RULES } from '../../server/src/engine';
import type { Finding, RuleSettings } from '../../server/src/engine';

export const AS_OF = '2026-11-24';

/**
 * `# expect: rule-a, rule-b` at the end of a line: findings of those rules start on that line.
 * `# expect-not: rule` (the corpus of published scorecards): no finding of that rule belongs there.
 */
const MARKER = /#\s*expect(-not)?:\s*([a-z0-9, -]+?)\s*$/;

export interface Expected {
  file: string;
  line: number;
  rule: string;
}

export interface Marker extends Expected {
  not: boolean;
}

/** Every marker of a text, both kinds; a rule named twice on a line is listed twice. */
export function allMarkers(file: string, text: string): Marker[] {
  const out: Marker[] = [];
  text.split(/\r?\n/).forEach((l, i) => {
    const m = MARKER.exec(l);
    if (!m) return;
    for (const rule of m[2].split(/[,\s]+/).filter(Boolean)) out.push({ file, line: i + 1, rule, not: !!m[1] });
  });
  return out;
}

/** The `expect` markers: the findings a fixture must give. */
export function markers(file: string, text: string): Expected[] {
  return allMarkers(file, text).flatMap(({ not, ...e }) => (not ? [] : [e]));
}

export interface FixtureRun {
  files: { uri: string; text: string }[];
  findings: Map<string, Finding[]>;
  /** Findings as `file:line rule`, sorted, for comparison with the markers. */
  actual(rules: ReadonlySet<string>): string[];
  expected(rules: ReadonlySet<string>): string[];
  at(uri: string, offset: number): { line: number; column: number };
}

/** Lints a fixture folder (every *.kpi.yaml in it, one workspace) with its optional .kpilens.yaml. */
export function runFixture(dir: string, asOf = AS_OF): FixtureRun {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.kpi.yaml'))
    .sort()
    .map((f) => ({ uri: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
  let settings: RuleSettings = {};
  const configPath = path.join(dir, '.kpilens.yaml');
  if (fs.existsSync(configPath)) {
    const c = parseConfig(fs.readFileSync(configPath, 'utf8'), RULES);
    if (c.problems.length) throw new Error(`bad fixture config: ${c.problems.map((p) => p.message).join('; ')}`);
    settings = c.settings;
  }
  const { findings, workspace } = lintFiles(files, {
    asOf,
    settingsFor: () => settings,
    readData: (_uri, csv) => {
      try {
        return fs.readFileSync(path.join(dir, csv), 'utf8');
      } catch {
        return undefined;
      }
    },
    onRuleError: (rule, uri, e) => {
      throw new Error(`rule ${rule} threw on ${uri}: ${e instanceof Error ? e.stack : String(e)}`);
    },
  });
  const at = (uri: string, offset: number) => {
    const sc = workspace.scorecards.find((s) => s.uri === uri)!;
    return lineCol(sc.lineStarts, offset, sc.text.length);
  };
  return {
    files,
    findings,
    at,
    actual: (rules) =>
      [...findings].flatMap(([uri, fs]) => fs.filter((f) => rules.has(f.rule)).map((f) => `${uri}:${at(uri, f.span.start).line} ${f.rule}`)).sort(),
    expected: (rules) =>
      files
        .flatMap((f) => markers(f.uri, f.text))
        .filter((e) => rules.has(e.rule))
        .map((e) => `${e.file}:${e.line} ${e.rule}`)
        .sort(),
  };
}
