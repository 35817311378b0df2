// Baselines: adopt the rules on an existing strategy by recording today's findings (the output
// of `kpilens lint --format json`) and failing only on new ones.
//
// A baseline entry has only the json keys (file, positions, rule, severity, message), no item
// ids. Messages name the items involved, so (file, rule, message) identifies a finding well
// enough, and ignoring positions lets the file be edited above a finding without it counting
// as new. Each entry absorbs at most one current finding, so a second identical finding is new;
// when several entries could absorb the same findings, the nearest lines pair first.

export interface BaselineKey {
  file: string;
  rule: string;
  message: string;
  line?: number;
}

/** The same file however it was written: forward slashes, no leading `./`. */
function normalFile(file: string): string {
  return file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

function keyOf(e: BaselineKey): string {
  return JSON.stringify([normalFile(e.file), e.rule, e.message]);
}

/** The current findings that no baseline entry absorbs, in their order. */
export function filterNew<T extends BaselineKey>(current: readonly T[], baseline: readonly BaselineKey[]): T[] {
  const groups = new Map<string, { cur: number[]; base: BaselineKey[] }>();
  const group = (k: string) => {
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { cur: [], base: [] }));
    return g;
  };
  current.forEach((c, i) => group(keyOf(c)).cur.push(i));
  for (const b of baseline) groups.get(keyOf(b))?.base.push(b);

  const absorbed = new Set<number>();
  for (const { cur, base } of groups.values()) {
    if (base.length >= cur.length) {
      for (const i of cur) absorbed.add(i);
      continue;
    }
    // More findings than entries: pair the closest lines first; the findings left over are new.
    const pairs: { i: number; b: number; d: number }[] = [];
    for (const i of cur) base.forEach((b, j) => pairs.push({ i, b: j, d: Math.abs((current[i].line ?? 0) - (b.line ?? 0)) }));
    pairs.sort((x, y) => x.d - y.d || x.i - y.i || x.b - y.b);
    const used = new Set<number>();
    for (const p of pairs) {
      if (absorbed.has(p.i) || used.has(p.b)) continue;
      absorbed.add(p.i);
      used.add(p.b);
    }
  }
  return current.filter((_, i) => !absorbed.has(i));
}
