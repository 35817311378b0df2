// Reading the `data.csv` files that scorecards name. A scorecard is untrusted input (a cloned
// repository, a pull request), so a data file is read only when it is a regular file inside the
// workspace, reached without a symbolic link that leads out of it, and no larger than a cap.
// Anything else is refused with a reason, which the engine reports on the `csv` value.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stripBom } from '../engine';
import type { DataRead } from '../engine';
import { MAX_DATA_BYTES, TOO_LARGE, workspaceName as nameOf } from '../engine/data-files';

export { MAX_DATA_BYTES, TOO_LARGE } from '../engine/data-files';

/** A folder of the workspace (data files may be read from it), and how a finding names it. */
export interface WorkspaceRoot {
  /** Absolute path. */
  dir: string;
  /** For example `the workspace folder "acme"`. */
  label: string;
}

/** Whether `p` is `dir` or lies below it; both absolute. */
export function isInside(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function realOr(p: string): string {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return path.resolve(p);
  }
}

/** The workspace as findings and messages name it: `the workspace (the current folder)`. */
export function workspaceName(roots: readonly WorkspaceRoot[]): string {
  return nameOf(roots.map((r) => r.label));
}

/** Whether a real path (symbolic links resolved) lies inside one of the roots. */
export function isInsideReal(roots: readonly WorkspaceRoot[], real: string): boolean {
  return roots.some((r) => isInside(realOr(r.dir), real));
}

function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a file';
}

// Not every platform has these flags (Windows has neither); where it lacks them, the checks
// before the open are what keeps a named pipe or a link out.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOFOLLOW ?? 0);

/**
 * A `data.csv` file named in a scorecard, relative to the scorecard's folder: its text, the
 * reason it is not read, or undefined when it cannot be read (it does not exist, say). Never
 * opens anything but a regular file inside one of the roots, so a named pipe cannot block and a
 * device cannot fill the memory.
 */
export function readDataFile(scorecardPath: string, csv: string, roots: readonly WorkspaceRoot[]): DataRead | undefined {
  const workspace = workspaceName(roots);
  const target = path.resolve(path.dirname(scorecardPath), csv);
  const lexical = roots.map((r) => path.resolve(r.dir));
  const real = lexical.map(realOr);
  if (![...lexical, ...real].some((dir) => isInside(dir, target))) return { refused: `it is outside ${workspace}` };
  let resolved: string;
  let st: fs.Stats;
  try {
    resolved = fs.realpathSync.native(target);
    st = fs.statSync(resolved);
  } catch {
    return undefined;
  }
  if (!isInsideReal(roots, resolved)) return { refused: `it leads through a symbolic link to outside ${workspace}` };
  if (!st.isFile()) return { refused: `it is ${kindOf(st)}, not a regular file` };
  if (st.size > MAX_DATA_BYTES) return { refused: TOO_LARGE };
  let fd: number;
  try {
    fd = fs.openSync(resolved, OPEN_FLAGS);
  } catch {
    return undefined;
  }
  try {
    // The file may have been swapped since the checks above: what counts is what was opened.
    const opened = fs.fstatSync(fd);
    if (!opened.isFile()) return { refused: `it is ${kindOf(opened)}, not a regular file` };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(64 * 1024);
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > MAX_DATA_BYTES) return { refused: TOO_LARGE };
      chunks.push(chunk.subarray(0, n));
    }
    return stripBom(Buffer.concat(chunks, total).toString('utf8'));
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}
