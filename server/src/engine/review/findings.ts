// Which findings a change of strategy introduced and which it resolved, across renames.
import { itemsOf } from '../model/model';
import type { Scorecard } from '../model/model';
import { compareStrings, lineCol } from '../text';
import type { Finding } from '../types';
import type { DiffFinding, DiffSide, Renames } from './diff';
import { renamedId } from './compare';

/** The item a finding sits in, when a rule did not name the items itself. */
function itemsOfFinding(f: Finding, sc: Scorecard, scKey: string): string[] {
  if (f.items) return [...f.items].sort(compareStrings);
  const it = itemsOf(sc).find((i) => i.span.start <= f.span.start && f.span.start < Math.max(i.span.end, i.span.start + 1));
  return it ? [`${scKey}/${it.id}`] : [];
}

function toDiffFinding(f: Finding, sc: Scorecard, items: string[]): DiffFinding {
  const s = lineCol(sc.lineStarts, f.span.start, sc.text.length);
  const e = lineCol(sc.lineStarts, f.span.end, sc.text.length);
  return { rule: f.rule, severity: f.severity, message: f.message, uri: sc.uri, line: s.line, column: s.column, endLine: e.line, endColumn: e.column, items };
}

/**
 * Findings are the same across versions when they have the same scorecard, rule and item ids
 * (renamed items count as the same); among those, equal messages pair first, the rest in order.
 */
export function compareFindings(
  key: string,
  sb: Scorecard | undefined,
  sa: Scorecard | undefined,
  before: DiffSide,
  after: DiffSide,
  renames: Renames,
): { introduced: DiffFinding[]; resolved: DiffFinding[] } {
  const collect = (sc: Scorecard | undefined, side: DiffSide, rename: boolean) =>
    (sc ? (side.findings.get(sc.uri) ?? []) : []).map((f) => {
      const items = itemsOfFinding(f, sc!, key).map((i) => (rename ? renamedId(i, renames) : i));
      return { id: `${f.rule}|${[...items].sort(compareStrings).join(',')}`, finding: toDiffFinding(f, sc!, items) };
    });
  const b = collect(sb, before, true);
  const a = collect(sa, after, false);
  const taken = new Set<number>();
  const unmatched: DiffFinding[] = [];
  const pairWith = (x: (typeof a)[number], exact: boolean) => {
    const i = b.findIndex((y, j) => !taken.has(j) && y.id === x.id && (!exact || y.finding.message === x.finding.message));
    if (i >= 0) taken.add(i);
    return i >= 0;
  };
  const leftover = a.filter((x) => !pairWith(x, true));
  for (const x of leftover) if (!pairWith(x, false)) unmatched.push(x.finding);
  return { introduced: unmatched, resolved: b.filter((_, j) => !taken.has(j)).map((x) => x.finding) };
}
