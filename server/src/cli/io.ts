import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDate } from '../engine';
import { today } from '../node/files';
import { UsageError } from './workspace';

export interface Io {
  cwd: string;
  stdout(s: string): void;
  stderr(s: string): void;
  /** Colour allowed: stdout is a terminal and NO_COLOR is unset. */
  color: boolean;
  version: string;
  /** All of standard input, for `kpilens lint -` (a caller without one reads nothing). */
  readStdin?(): Promise<string>;
}

/** The as-of date of a command: --as-of, checked, or today. */
export function asOfDate(given: string | undefined): string {
  const asOf = given ?? today();
  if (!isDate(asOf)) throw new UsageError(`--as-of must be a date written YYYY-MM-DD, not "${asOf}"`);
  return asOf;
}

/** Writes a report to stdout, or to the file the user named (relative to the current folder). */
export function writeOutput(text: string, file: string | undefined, io: Pick<Io, 'cwd' | 'stdout'>): void {
  if (!file) {
    if (text) io.stdout(text);
    return;
  }
  writeFileNoFollow(path.resolve(io.cwd, file), text, file);
}

/** A device such as /dev/null, named by the user (a repository cannot hold one): written in place. */
function writeDevice(file: string, text: string, shown: string): void {
  try {
    const fd = fs.openSync(file, fs.constants.O_WRONLY | (fs.constants.O_NOFOLLOW ?? 0));
    try {
      fs.writeFileSync(fd, text);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    throw new UsageError(`cannot write ${shown}: ${writeError(e)}`);
  }
}

function writeError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return code ?? (e instanceof Error ? e.message : String(e));
}

/**
 * Writes a file, never through a symbolic link: a link committed to a repository where a CI job
 * writes its report could point at any file the job may write. The text goes to a new file in
 * the same folder, which then replaces the target by a rename: a link put in place meanwhile is
 * replaced, not followed, and no reader sees half a file. Throws UsageError naming the file as
 * `shown`.
 */
export function writeFileNoFollow(file: string, text: string, shown: string): void {
  let before: fs.Stats | undefined;
  try {
    before = fs.lstatSync(file);
  } catch {
    // A new file.
  }
  if (before?.isSymbolicLink()) throw new UsageError(`will not write ${shown}: it is a symbolic link`);
  if (before?.isDirectory()) throw new UsageError(`cannot write ${shown}: is a folder`);
  if (before?.isCharacterDevice()) return writeDevice(file, text, shown);
  if (before && !before.isFile()) throw new UsageError(`will not write ${shown}: it is not a regular file`);
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    fs.writeFileSync(temp, text, { flag: 'wx' });
    if (before) fs.chmodSync(temp, before.mode & 0o7777);
    fs.renameSync(temp, file);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw new UsageError(`cannot write ${shown}: ${writeError(e)}`);
  }
}
