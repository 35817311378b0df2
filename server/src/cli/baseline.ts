// `kpilens lint --baseline FILE`: report (and fail on) only the findings that are not in a
// baseline written earlier by `kpilens lint --format json --output-file FILE`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { filterNew, lineCol } from '../engine';
import type { BaselineKey } from '../engine';
import { stripBom } from '../node/files';
import type { FileResult } from './formats/types';
import { UsageError } from './workspace';

/** Reads a baseline file; anything but the array that `lint --format json` writes is a usage error. */
export function readBaseline(file: string, cwd: string): BaselineKey[] {
  let text: string;
  try {
    text = stripBom(fs.readFileSync(path.resolve(cwd, file), 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read baseline ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`baseline ${file} is not JSON (${(e as Error).message}); write it with kpilens lint --format json --output-file ${file}`);
  }
  if (!Array.isArray(data)) throw new UsageError(`baseline ${file} is not the array that kpilens lint --format json writes`);
  return data.map((e: unknown, i) => {
    const entry = e as Record<string, unknown> | null;
    if (!entry || typeof entry !== 'object' || typeof entry.file !== 'string' || typeof entry.rule !== 'string' || typeof entry.message !== 'string') {
      throw new UsageError(`baseline ${file}: entry ${i + 1} has no file, rule and message`);
    }
    return { file: entry.file, rule: entry.rule, message: entry.message, line: typeof entry.line === 'number' ? entry.line : undefined };
  });
}

/** The results with the findings that the baseline absorbs taken out. */
export function applyBaseline(results: readonly FileResult[], baseline: readonly BaselineKey[]): FileResult[] {
  const current = results.flatMap((r) =>
    r.findings.map((f) => ({ file: r.file, rule: f.rule, message: f.message, line: lineCol(r.lineStarts, f.span.start, r.text.length).line, finding: f })),
  );
  const kept = new Set(filterNew(current, baseline).map((c) => c.finding));
  return results.map((r) => ({ ...r, findings: r.findings.filter((f) => kept.has(f)) }));
}
