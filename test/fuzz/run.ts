// The long fuzz run behind `npm run fuzz` (build first: it drives dist/cli.js and dist/server.js).
//   npm run fuzz -- [--cases N] [--cli-files N] [--edits N] [--fixes N] [--seed N] [--only engine,limits,cli,server,hostile]
// Prints the figures the README quotes, and exits 1 when anything crashed, hung, lost text on
// --fix or broke a property.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import * as fc from 'fast-check';
import { lintFiles } from '../../server/src/engine';
import type { SourceFile } from '../../server/src/engine';
import { fuzzCli } from './cli';
import { AS_OF, SEEDS } from './corpus';
import { fixableScorecard, fixTextLoss } from './fixes';
import { anyDocument, applyEdit, edit, mutatedScorecard, randomYaml } from './mutations';
import { check, workspaceWith } from './properties';
import { HANG_MS as HOSTILE_HANG_MS, hostileCases, runCli, runServer } from './hostile';
import { fuzzServer } from './server';

/** A case, a CLI run or a limit taking longer than this counts as a hang. */
const HANG_MS = 2000;

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '10000' },
    'cli-files': { type: 'string', default: '100' },
    edits: { type: 'string', default: '10000' },
    fixes: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '20261124' },
    only: { type: 'string', default: 'engine,limits,cli,server,hostile' },
  },
});
const seed = Number(values.seed);
const only = new Set(values.only.split(','));
const repo = path.join(__dirname, '..', '..');
const failures = fs.mkdtempSync(path.join(os.tmpdir(), 'kpilens-fuzz-failures-'));
let failed = false;

function save(kind: string, n: number, text: string): string {
  const file = path.join(failures, `${kind}-${n}.kpi.yaml`);
  fs.writeFileSync(file, text);
  return file;
}

function engine(cases: number): void {
  const kinds: [string, fc.Arbitrary<string[]>][] = [
    ['mutated', mutatedScorecard.map((t) => [t])],
    ['random YAML', randomYaml.map((t) => [t])],
    ['data as YAML', anyDocument.map((t) => [t])],
    [
      'edit sequence',
      fc.tuple(fc.constantFrom(...SEEDS), fc.array(edit, { minLength: 1, maxLength: 20 })).map(([s, es]) => {
        let t = s;
        return es.map((e) => (t = applyEdit(t, e)));
      }),
    ],
  ];
  const weights = [5, 2, 1, 2];
  let run = 0;
  let crashes = 0;
  let violations = 0;
  let hangs = 0;
  let slowest = { ms: 0, what: '' };
  // The first lint compiles the schema and warms the JIT: not a case.
  check(workspaceWith(SEEDS[0]));
  const started = performance.now();
  for (let batch = 0; run < cases; batch++) {
    const k = batch % weights.reduce((a, b) => a + b);
    const index = weights.findIndex((_, i) => k < weights.slice(0, i + 1).reduce((a, b) => a + b));
    const [kind, arb] = kinds[index];
    for (const texts of fc.sample(arb, { numRuns: 50, seed: seed + batch })) {
      for (const text of texts) {
        if (run >= cases) break;
        run++;
        const problems = check(workspaceWith(text));
        const ms = problems.lintMs ?? 0;
        if (ms > slowest.ms) slowest = { ms, what: `${kind}, ${text.length} characters` };
        if (ms > HANG_MS) {
          hangs++;
          console.log(`hang: ${Math.round(ms)} ms on ${save('hang', run, text)}`);
        }
        for (const p of problems) {
          if (/throw/.test(p.property)) crashes++;
          else violations++;
          console.log(`${p.property}: ${p.detail.split('\n')[0]} (${save('case', run, text)})`);
        }
      }
    }
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `\nengine: ${run} cases in ${seconds.toFixed(0)} s; ${crashes} crashes, ${hangs} hangs (a lint over ${HANG_MS} ms), ${violations} other property failures; slowest lint ${Math.round(slowest.ms)} ms (${slowest.what})`,
  );
  if (crashes || hangs || violations) failed = true;
}

/**
 * Inputs at and past each limit: each must come back within HANG_MS with the finding it deserves.
 * The two large inputs below the limits cost what their size costs (README, Limits): timed only.
 */
function limits(): void {
  const kpi = (i: number) =>
    `  - id: kpi-${i}\n    name: KPI number ${i}\n    objective: goal\n    owner: owner-${i % 400}\n    unit: count\n    direction: increase\n    baseline: ${i % 97}\n    target: { value: ${(i % 97) + 10}, by: 2027-06-30 }\n    thresholds: { warn: ${(i % 97) + 5}, alert: ${(i % 97) + 2} }\n    cadence: monthly\n`;
  const big = (n: number) =>
    `kpilens: 1\nscorecard: {id: big, owner: ceo}\nvision: {statement: Grow.}\nobjectives:\n  - {id: goal, title: Goal, supports: [vision]}\nreview: {cadence: yearly, last: 2026-06-01}\nkpis:\n${Array.from({ length: n }, (_, i) => kpi(i)).join('')}`;
  const bomb = [
    'a: &a [x, x, x, x, x, x, x, x, x, x]',
    ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefghi'[i]}`).join(', ')}]`),
  ].join('\n');
  const cases: [string, () => SourceFile[]][] = [
    ['a 5 MB scorecard (20,000 KPIs)', () => [{ uri: 'a', text: big(20_000) }]],
    ['a 17 MB file', () => [{ uri: 'a', text: `# ${'x'.repeat(17 * 1024 * 1024)}` }]],
    ['1,000,000 unclosed `[`', () => [{ uri: 'a', text: '['.repeat(1_000_000) }]],
    ['300 levels of block nesting', () => [{ uri: 'a', text: Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}a:`).join('\n') }]],
    ['an alias bomb (10^9 expansions)', () => [{ uri: 'a', text: bomb }]],
    ['a mapping of 300,000 keys', () => [{ uri: 'a', text: Array.from({ length: 300_000 }, (_, i) => `k${i}: 1\n`).join('') }]],
    ['2,000,000 values in one list', () => [{ uri: 'a', text: `a: [${'1,'.repeat(2_000_000)}]` }]],
    ['990,000 keys (8.8 MB)', () => [{ uri: 'a', text: Array.from({ length: 990_000 }, (_, i) => `k${i}:\n`).join('') }]],
    ['one line of 2 MB', () => [{ uri: 'a', text: `kpilens: 1\nscorecard: {id: a, title: ${'x'.repeat(2 * 1024 * 1024)}}\n` }]],
    [
      '1 MB of random binary',
      () => [{ uri: 'a', text: fc.sample(fc.string({ unit: 'binary', minLength: 1 << 20, maxLength: 1 << 20 }), { numRuns: 1, seed })[0] }],
    ],
    [
      '5,001 scorecards',
      () =>
        Array.from({ length: 5001 }, (_, i) => ({
          uri: `s${String(i).padStart(5, '0')}.kpi.yaml`,
          text: `kpilens: 1\nscorecard: {id: s${i}, owner: o${i}}\n`,
        })),
    ],
  ];
  const BELOW_LIMITS = new Set(['a 5 MB scorecard (20,000 KPIs)', 'a mapping of 300,000 keys']);
  console.log('\nlimits:');
  for (const [what, make] of cases) {
    const files = make();
    const t0 = performance.now();
    const { findings } = lintFiles(files, { asOf: AS_OF });
    const ms = performance.now() - t0;
    const last = findings.get(files[files.length - 1].uri) ?? [];
    const limit = last.find((f) => f.rule === 'file-limit');
    console.log(`  ${what}: ${Math.round(ms)} ms, ${limit ? `file-limit "${limit.message}"` : `${last.length} findings, no limit reached`}`);
    if (ms > HANG_MS && !BELOW_LIMITS.has(what)) failed = true;
  }
}

function cli(files: number): void {
  const f = fuzzCli(path.join(repo, 'dist', 'cli.js'), files, seed, HANG_MS);
  for (const line of [...f.badExits, ...f.stackTraces, ...f.slow]) console.log(line);
  console.log(
    `\ncli: ${f.runs} runs (${files} mutated scorecards x 6 formats); ${f.badExits.length} exits other than 0 or 1, ${f.stackTraces.length} stack traces, ${f.slow.length} over ${HANG_MS} ms; slowest ${Math.round(f.slowestMs)} ms (${f.slowest})`,
  );
  if (f.badExits.length || f.stackTraces.length || f.slow.length) failed = true;
}

async function server(edits: number): Promise<void> {
  const f = await fuzzServer(path.join(repo, 'dist', 'server.js'), edits, seed);
  if (f.mismatch) console.log(f.mismatch);
  for (const failure of f.failures) console.log(`request failed: ${failure}`);
  console.log(
    `\nserver: ${f.edits} edits, ${f.requests} requests (${f.unanswered} unanswered, ${f.failedRequests} failed); diagnostics after ${Math.floor(f.edits / 10)} bursts: ${f.missedDiagnostics} missing, ${f.diagnosticsMismatches} differing from the engine's, final ${f.finalDiagnosticsMatch ? 'equal to' : 'NOT equal to'} the engine's; ${f.stackTraces} stack traces; ${f.exitedEarly ? 'EXITED EARLY' : 'still running'}; resident memory every 1,000 edits (MB): ${f.rssMb.join(', ')}`,
  );
  if (f.unanswered || f.failedRequests || f.missedDiagnostics || f.diagnosticsMismatches || !f.finalDiagnosticsMatch || f.stackTraces || f.exitedEarly)
    failed = true;
}

/**
 * The files the reviews found crashing, hanging or losing text, through the built CLI and the
 * built server (hostile.ts), and `--fix` on generated scorecards with block scalars, quoted
 * strings, anchors and comments, in process.
 */
async function hostile(fixes: number): Promise<void> {
  console.log('\nhostile files:');
  const count = { crashes: 0, hangs: 0, loss: 0 };
  const peak = { cli: 0, server: 0 };
  const tally = (problems: string[]) => {
    for (const p of problems) {
      if (/^--fix lost text/.test(p)) count.loss++;
      else if (/took|within/.test(p)) count.hangs++;
      else count.crashes++;
    }
  };
  const cases = hostileCases(seed);
  for (const c of cases) {
    const cliRun = runCli(path.join(repo, 'dist', 'cli.js'), c);
    const s = await runServer(path.join(repo, 'dist', 'server.js'), c, seed);
    tally(cliRun.problems);
    tally(s.problems);
    peak.cli = Math.max(peak.cli, cliRun.peakMb);
    peak.server = Math.max(peak.server, s.peakMb);
    const slowest = (xs: number[]) => Math.round(xs.reduce((a, b) => Math.max(a, b), 0));
    console.log(
      `  ${c.name}: CLI ${Math.round(cliRun.ms)} ms, ${cliRun.peakMb} MB; server: open ${Math.round(s.openMs)} ms, slowest of ${s.editMs.length} edits ${slowest(s.editMs)} ms, slowest of ${s.requestMs.length} requests ${slowest(s.requestMs)} ms, ${s.peakMb} MB at the peak`,
    );
    for (const p of [...cliRun.problems, ...s.problems]) console.log(`    ${p.split('\n')[0]}`);
  }
  let lost = 0;
  for (const text of fc.sample(fixableScorecard, { numRuns: fixes, seed })) {
    const problems = fixTextLoss(text);
    if (problems.length) {
      lost++;
      console.log(`  --fix lost text: ${problems[0]} (${save('fix', lost, text)})`);
    }
  }
  count.loss += lost;
  console.log(
    `\nhostile: ${cases.length} files through the CLI and the server, and --fix on ${fixes} generated scorecards; ${count.crashes} crashes, ${count.hangs} hangs (an answer over ${HOSTILE_HANG_MS} ms), ${count.loss} --fix text losses; peak resident memory ${peak.cli} MB (CLI), ${peak.server} MB (server)`,
  );
  if (count.crashes || count.hangs || count.loss) failed = true;
}

async function main(): Promise<void> {
  if (only.has('engine')) engine(Number(values.cases));
  if (only.has('limits')) limits();
  if (only.has('cli')) cli(Number(values['cli-files']));
  if (only.has('server')) await server(Number(values.edits));
  if (only.has('hostile')) await hostile(Number(values.fixes));
  if (fs.readdirSync(failures).length === 0) fs.rmSync(failures, { recursive: true });
  else console.log(`\nfailing inputs are in ${failures}`);
  process.exitCode = failed ? 1 : 0;
}

void main();
