// The built CLI (dist/cli.js) on a corpus of mutated scorecards, in every output format: it must
// exit with 0 or 1, print no stack trace, and finish each run within the time given.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { AS_OF, DATA, ROOT } from './corpus';
import { mutatedScorecard } from './mutations';

export const FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit', 'markdown'];

export interface CliFigures {
  runs: number;
  badExits: string[];
  stackTraces: string[];
  slow: string[];
  slowestMs: number;
  slowest: string;
}

/** A scorecard that names data files kpilens must not read: a named pipe would block, /dev/zero fill the memory. */
const HOSTILE_DATA = `kpilens: 1
scorecard: { id: hostile-data, parent: harbor }
kpis:
  - { id: pipe, name: Pipe, data: { csv: data/pipe.csv, column: v } }
  - { id: zero, name: Zero, data: { csv: /dev/zero, column: v } }
  - { id: up, name: Up, data: { csv: ../../../../../../etc/passwd, column: v } }
`;

/**
 * Writes `files` mutated scorecards, each in its own folder beside an intact root scorecard and
 * a scorecard that names hostile data files, and lints each folder in every format. Failing runs
 * are named by folder, which is kept.
 */
export function fuzzCli(cliJs: string, files: number, seed: number, limitMs: number): CliFigures {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kpilens-fuzz-cli-'));
  const texts = fc.sample(mutatedScorecard, { numRuns: files, seed });
  const figures: CliFigures = { runs: 0, badExits: [], stackTraces: [], slow: [], slowestMs: 0, slowest: '' };
  const keep = new Set<string>();
  texts.forEach((text, i) => {
    const dir = path.join(root, String(i).padStart(4, '0'));
    fs.mkdirSync(path.join(dir, 'data'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'harbor.kpi.yaml'), ROOT);
    fs.writeFileSync(path.join(dir, 'data', 'injuries.csv'), DATA);
    fs.writeFileSync(path.join(dir, 'mutated.kpi.yaml'), text);
    fs.writeFileSync(path.join(dir, 'hostile-data.kpi.yaml'), HOSTILE_DATA);
    if (process.platform !== 'win32') spawnSync('mkfifo', [path.join(dir, 'data', 'pipe.csv')]);
    for (const format of FORMATS) {
      const started = performance.now();
      const r = spawnSync(process.execPath, [cliJs, 'lint', dir, '--format', format, '--as-of', AS_OF], { encoding: 'utf8', maxBuffer: 1 << 28 });
      const ms = performance.now() - started;
      const what = `${dir} --format ${format}`;
      figures.runs++;
      if (r.status !== 0 && r.status !== 1) {
        figures.badExits.push(`${what}: exit ${r.status ?? r.signal}: ${r.stderr.trim()}`);
        keep.add(dir);
      }
      if (/^\s+at /m.test(r.stderr) || /internal error/.test(r.stderr)) {
        figures.stackTraces.push(`${what}: ${r.stderr.trim()}`);
        keep.add(dir);
      }
      if (ms > limitMs) {
        figures.slow.push(`${what}: ${Math.round(ms)} ms`);
        keep.add(dir);
      }
      if (ms > figures.slowestMs) {
        figures.slowestMs = ms;
        figures.slowest = `${text.length} characters, --format ${format}`;
      }
    }
    if (!keep.has(dir)) fs.rmSync(dir, { recursive: true, force: true });
  });
  if (keep.size === 0) fs.rmSync(root, { recursive: true, force: true });
  return figures;
}
