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
}

/** The as-of date of a command: --as-of, checked, or today. */
export function asOfDate(given: string | undefined): string {
  const asOf = given ?? today();
  if (!isDate(asOf)) throw new UsageError(`--as-of must be a date written YYYY-MM-DD, not "${asOf}"`);
  return asOf;
}

export function writeOutput(text: string, file: string | undefined, io: Io): void {
  if (!file) {
    if (text) io.stdout(text);
    return;
  }
  try {
    fs.writeFileSync(path.resolve(io.cwd, file), text);
  } catch (e) {
    throw new UsageError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e))}`);
  }
}
