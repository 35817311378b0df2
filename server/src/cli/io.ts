import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './workspace';

export interface Io {
  cwd: string;
  stdout(s: string): void;
  stderr(s: string): void;
  /** Colour allowed: stdout is a terminal and NO_COLOR is unset. */
  color: boolean;
  version: string;
}

/** Today in the local time zone, YYYY-MM-DD. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function validDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
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
