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

/** The options every report-writing command takes, in one place so that they read the same everywhere. */
export const COMMON_OPTIONS = {
  format: { type: 'string', default: 'stylish' },
  'as-of': { type: 'string' },
  config: { type: 'string' },
  'output-file': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/**
 * The one error path of every command: an expected failure (a UsageError, a bad option) is one
 * line without a stack trace, anything else an internal error to report; both exit 2.
 */
export function reportError(e: unknown, io: Pick<Io, 'stderr'>): number {
  if (e instanceof UsageError || isArgError(e)) io.stderr(`kpilens: ${oneLine(e.message)}\n`);
  else io.stderr(`kpilens: internal error: ${e instanceof Error ? e.message : String(e)}. Please report it with the file that caused it.\n`);
  return 2;
}

/** The first sentence of node's argument errors (they go on about positionals); ours are one line. */
function oneLine(message: string): string {
  const first = message.split('\n')[0];
  const cut = first.indexOf('. To specify a positional');
  return cut >= 0 ? first.slice(0, cut) : first;
}

/** node:util parseArgs errors (unknown option, missing value) are the user's, not ours. */
function isArgError(e: unknown): e is Error {
  const code = (e as { code?: string })?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
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
