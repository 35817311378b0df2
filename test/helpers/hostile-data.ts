// A workspace whose scorecard names data files that kpilens must not read: outside the
// workspace, through a symbolic link that leads out, a named pipe (opening it would block), a
// folder, a file over the size limit; and two that it must read, a plain file and a link that
// stays inside. The CLI and the language-server tests use the same layout.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The value of the file outside the workspace: it must appear in no output. */
export const SECRET_VALUE = '987654';
/** The value of the files that may be read. */
export const OK_VALUE = '424242';

export interface HostileData {
  /** The folder that holds the workspace folder `ws` and the folder `outside`. */
  parent: string;
  /** The workspace folder. */
  ws: string;
  /** The scorecard's text (written to `ws/data.kpi.yaml`). */
  text: string;
  /** Per KPI, the `csv` value and what follows "is not read:" in its finding, or undefined when it is read. */
  cases: { id: string; csv: string; refused?: string }[];
}

function tryOrSkip(make: () => void): boolean {
  try {
    make();
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes the layout below a new temporary folder. `workspace` is how the finding names the
 * workspace, for example "the current folder". Symbolic links and the named pipe are left out
 * on platforms that cannot make them.
 */
export function writeHostileData(workspace: string): HostileData {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'kpilens-data-'));
  const ws = path.join(parent, 'ws');
  const data = path.join(ws, 'data');
  const outside = path.join(parent, 'outside');
  fs.mkdirSync(data, { recursive: true });
  fs.mkdirSync(outside);
  const secret = path.join(outside, 'secret.csv');
  fs.writeFileSync(secret, `date,v\n2026-01-05,${SECRET_VALUE}\n`);
  fs.writeFileSync(path.join(data, 'ok.csv'), `date,v\n2026-01-05,${OK_VALUE}\n`);
  // A sparse file: over the limit without writing 10 MB.
  fs.writeFileSync(path.join(data, 'big.csv'), 'date,v\n');
  fs.truncateSync(path.join(data, 'big.csv'), 10 * 1024 * 1024 + 1);

  const out = `outside the workspace (${workspace})`;
  const cases: HostileData['cases'] = [
    { id: 'up', csv: '../outside/secret.csv', refused: `it is ${out}` },
    { id: 'absolute', csv: secret, refused: `it is ${out}` },
  ];
  if (tryOrSkip(() => fs.symlinkSync(secret, path.join(data, 'link.csv'))))
    cases.push({ id: 'link', csv: 'data/link.csv', refused: `it leads through a symbolic link to ${out}` });
  if (tryOrSkip(() => fs.symlinkSync(outside, path.join(ws, 'linked'), 'dir')))
    cases.push({ id: 'linked-folder', csv: 'linked/secret.csv', refused: `it leads through a symbolic link to ${out}` });
  cases.push({ id: 'folder', csv: 'data', refused: 'it is a folder, not a regular file' });
  cases.push({ id: 'big', csv: 'data/big.csv', refused: 'it is larger than the 10 MB limit for data files' });
  if (process.platform !== 'win32' && spawnSync('mkfifo', [path.join(data, 'pipe.csv')]).status === 0)
    cases.push({ id: 'pipe', csv: 'data/pipe.csv', refused: 'it is a named pipe, not a regular file' });
  cases.push({ id: 'ok', csv: 'data/ok.csv' });
  if (tryOrSkip(() => fs.symlinkSync('ok.csv', path.join(data, 'inner-link.csv')))) cases.push({ id: 'inner-link', csv: 'data/inner-link.csv' });

  const kpis = cases.map((c) => `  - id: ${c.id}\n    name: ${c.id}\n    data: { csv: ${JSON.stringify(c.csv)}, column: v }\n`);
  const text = `kpilens: 1\nscorecard:\n  id: data\nkpis:\n${kpis.join('')}`;
  fs.writeFileSync(path.join(ws, 'data.kpi.yaml'), text);
  return { parent, ws, text, cases };
}

/** The message of the finding on a refused data file. */
export function refusal(c: HostileData['cases'][number]): string {
  return `The data file "${c.csv}" of KPI "${c.id}" is not read: ${c.refused}.`;
}
