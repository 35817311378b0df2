// Where the engine spends its time, in process: a full parse (whole file, and piece by piece as
// the editor does), the schema check, the rules, and the incremental re-parse after a one-KPI
// edit and after each other kind of edit. Run alone with `npx tsx bench/engine.ts [N...]`.
import { performance } from 'node:perf_hooks';
import { lintParsed, parseScorecard, SourceFile } from '../server/src/engine';
import { RULES } from '../server/src/engine/rules';
import { parseForEditing, reparse } from '../server/src/engine/syntax';
import { schemaReports } from '../server/src/engine/syntax';
import { Kind, KIND_LABELS, kindSteps, mediansByKind, OTHER_KINDS } from './edits';
import { applyChange, generateScorecard, targetEdit } from './generate';

export interface Split {
  parse: number;
  /** The editor's first parse: block by block, item by item. */
  pieces: number;
  schema: number;
  rules: number;
  reparse: number;
  /** The re-parse after each kind of edit but `value` (that is `reparse`); NaN when not asked for. */
  kinds: Record<Kind, number>;
  total: number;
}

function countFindings(parsed: Parameters<typeof lintParsed>[0], asOf: string): number {
  return [...lintParsed(parsed, { asOf }).findings.values()].reduce((n, f) => n + f.length, 0);
}

function medianOf(runs: number, f: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

/**
 * Median milliseconds per phase; throws when the findings do not add up to `expected`. With
 * `kinds` (a single generated file and its injected findings), also the re-parse after each kind of edit.
 */
export function engineSplit(files: readonly SourceFile[], expected: number, asOf: string, runs = 5, kinds?: { findings: number }): Split {
  const first = files.map((f) => parseScorecard(f.uri, f.text));
  const found = countFindings(first, asOf);
  if (found !== expected) throw new Error(`the engine found ${found} findings, the generator injected ${expected}`);
  const parse = medianOf(runs, () => files.map((f) => parseScorecard(f.uri, f.text)));
  const pieces = medianOf(runs, () => files.map((f) => parseForEditing(f.uri, f.text)));
  const schema = medianOf(runs, () => first.map((p) => schemaReports(p)));
  const lint = medianOf(runs, () => lintParsed(first, { asOf }));
  const total = medianOf(runs, () =>
    lintParsed(
      files.map((f) => parseScorecard(f.uri, f.text)),
      { asOf },
    ),
  );
  let reparseMs = Number.NaN;
  if (files.length === 1) {
    const kpis = first[0].scorecard.kpis.length;
    let prev = parseForEditing(first[0].scorecard.uri, first[0].scorecard.text);
    let i = 0;
    reparseMs = medianOf(runs, () => {
      const change = targetEdit(prev.scorecard.text, Math.floor((kpis * (i + 0.5)) / runs), 200 + i++);
      prev = reparse(prev, applyChange(prev.scorecard.text, change));
    });
  }
  const byKind = kinds && files.length === 1 ? kindReparse(files[0], expected, asOf, runs, kinds.findings) : mediansByKind([]);
  return { parse, pieces, schema, rules: lint - schema, reparse: reparseMs, kinds: byKind, total };
}

/** Replays the plan of edit kinds on one generated file, timing each re-parse; each edit's findings are checked, untimed. */
function kindReparse(file: SourceFile, expected: number, asOf: string, edits: number, findings: number): Record<Kind, number> {
  let prev = parseForEditing(file.uri, file.text);
  const kpis = prev.scorecard.kpis.length;
  const times: { kind: Kind; ms: number }[] = [];
  for (const step of kindSteps(kpis, findings, edits)) {
    const text = applyChange(prev.scorecard.text, step.change(prev.scorecard.text));
    const t0 = performance.now();
    prev = reparse(prev, text);
    times.push({ kind: step.kind, ms: performance.now() - t0 });
    const found = countFindings([prev], asOf);
    if (found !== expected + step.extra)
      throw new Error(`after an edit of kind ${step.kind}, the engine found ${found} findings, expected ${expected + step.extra}`);
  }
  return mediansByKind(times);
}

/** Table cells of the re-parse per kind but `value`, in KINDS order. */
export const kindHeads = (): string => OTHER_KINDS.map((k) => KIND_LABELS[k]).join(' | ');
export const kindCells = (s: Split): string => OTHER_KINDS.map((k) => (Number.isNaN(s.kinds[k]) ? '–' : s.kinds[k].toFixed(1))).join(' | ');

/**
 * What the pairwise rule costs as a scorecard grows: `redundant-kpis` alone on KPIs that all
 * have ten history points (ms, median of 3). Past MAX_SERIES KPIs it must grow linearly.
 */
export function pairwiseCost(kpis: number, asOf: string): number {
  const lines = ['kpilens: 1', 'scorecard: { id: pairs }', 'kpis:'];
  for (let i = 0; i < kpis; i++) {
    lines.push(`  - id: k-${i}`, `    name: K ${i}`, '    history:');
    // Deterministic, unrelated series: a different prime step per KPI.
    for (let d = 0; d < 10; d++)
      lines.push(`      - { date: 2026-0${1 + (d % 9)}-${10 + d}, value: ${((i * 7919 + d * ((i % 97) + 3) * 104729) % 1000) / 10} }`);
  }
  const parsed = parseScorecard('pairs.kpi.yaml', `${lines.join('\n')}\n`);
  const rule = RULES.find((r) => r.meta.id === 'redundant-kpis')!;
  return medianOf(3, () => lintParsed([parsed], { asOf, rules: [rule] }));
}

if (require.main === module) {
  const asOf = new Date().toISOString().slice(0, 10);
  const sizes = process.argv.slice(2).map(Number);
  process.stdout.write(
    `| KPIs | full parse | piecewise parse | schema | rules | incremental re-parse (value) | ${kindHeads()} | parse + lint |\n|--:|--:|--:|--:|--:|--:|${'--:|'.repeat(OTHER_KINDS.length)}--:|\n`,
  );
  for (const n of sizes.length ? sizes : [100, 1000, 5000, 20000]) {
    const g = generateScorecard({ id: 'bench', kpis: n, findings: 10, reviewed: asOf });
    const s = engineSplit([{ uri: g.name, text: g.text }], g.expected.kpilens, asOf, 5, { findings: 10 });
    process.stdout.write(
      `| ${n} | ${s.parse.toFixed(1)} | ${s.pieces.toFixed(1)} | ${s.schema.toFixed(1)} | ${s.rules.toFixed(1)} | ${s.reparse.toFixed(1)} | ${kindCells(s)} | ${s.total.toFixed(1)} |\n`,
    );
  }
}
