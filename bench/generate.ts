// Deterministic scorecards for the benchmarks. Every generated file is clean under every rule of
// RULES.md except for findings injected on purpose, so the expected diagnostic count is known
// before any server runs: a benchmark whose server validates nothing fails its count check.

export interface Expected {
  /** kpilens: schema and every rule. */
  kpilens: number;
  /** A schema-only validator (yaml-language-server with the same schema). */
  schemaOnly: number;
}

export interface GeneratedFile {
  name: string;
  text: string;
  expected: Expected;
}

export interface ScorecardOptions {
  id: string;
  kpis: number;
  /** Injected findings: alternately an unknown key (schema) and a ref to a missing objective (unresolved-ref). */
  findings: number;
  /** YYYY-MM-DD of the last review, so that `review-overdue` stays quiet as of that day. */
  reviewed: string;
  /** A team scorecard: its parent, and the parent objective its objectives support. */
  parent?: { id: string; objective: string };
}

/** Objectives per scorecard; each of a team's supports the root's shared objective. */
export const OBJECTIVES = 3;

const VISION = 'Customers love our services and trust us with their business';

/** A scorecard of `kpis` KPIs, one lever per KPI, three objectives, and `findings` injected findings. */
export function generateScorecard(o: ScorecardOptions): GeneratedFile {
  const lines: string[] = ['kpilens: 1', 'scorecard:', `  id: ${o.id}`, `  title: Generated scorecard ${o.id}`, `  owner: ${o.id}-head`];
  if (o.parent) lines.push(`  parent: ${o.parent.id}`);
  else lines.push('vision:', `  statement: ${VISION}.`, '  values: [trust, agility, innovation]');
  lines.push('objectives:');
  for (let j = 0; j < OBJECTIVES; j++) {
    lines.push(`  - id: goal-${j}`, `    title: Goal ${j} of ${o.id}`, `    supports: [${o.parent ? `${o.parent.id}/${o.parent.objective}` : 'vision'}]`);
  }
  const injectAt = injectionPoints(o.kpis, o.findings);
  let schema = 0;
  let unresolved = 0;
  const measuredBy: number[] = Array(OBJECTIVES).fill(0);
  lines.push('kpis:');
  for (let i = 0; i < o.kpis; i++) {
    const inject = injectAt.get(i);
    lines.push(...kpiLines(o.id, i, inject));
    if (inject === 'schema') schema++;
    if (inject === 'unresolved') unresolved++;
    else measuredBy[i % OBJECTIVES]++;
  }
  lines.push('levers:');
  for (let i = 0; i < o.kpis; i++) lines.push(`  - { id: lever-${i}, name: Lever ${i}, owner: lead-${Math.floor(i / 5)}, improves: [kpi-${i}] }`);
  lines.push('review:', '  cadence: yearly', `  last: ${o.reviewed}`, '');
  // portfolio-size: more than 10 key KPIs in the scorecard is a finding, and so is each objective
  // that more than 4 key KPIs name (a KPI whose objective does not resolve names none).
  const portfolio = (o.kpis > 10 ? 1 : 0) + measuredBy.filter((n) => n > 4).length;
  return { name: `${o.id}.kpi.yaml`, text: lines.join('\n'), expected: { kpilens: schema + unresolved + portfolio, schemaOnly: schema } };
}

/** The lines of generated KPI `i` of scorecard `id`, with its injected finding if any. */
function kpiLines(id: string, i: number, inject?: 'schema' | 'unresolved'): string[] {
  const base = 40 + (i % 7);
  const lines = [
    `  - id: kpi-${i}`,
    `    name: "Measure ${i}"`,
    `    definition: Weekly count of case ${i}`,
    `    objective: ${inject === 'unresolved' ? `missing-goal-${i}` : `goal-${i % OBJECTIVES}`}`,
    `    owner: ${id}-owner-${Math.floor(i / 5)}`,
    '    unit: count',
    '    direction: increase',
    `    baseline: ${base}`,
    `    target: { value: ${base + 20}, by: 2027-06-30 }`,
    `    thresholds: { warn: ${base + 10}, alert: ${base + 5} }`,
    `    indicator: ${i % 2 ? 'lagging' : 'leading'}`,
    '    cadence: monthly',
  ];
  if (inject === 'schema') lines.push('    colour: teal');
  return lines;
}

/** Which KPIs carry an injected finding, spread evenly, alternating schema and unresolved-ref. */
export function injectionPoints(kpis: number, findings: number): Map<number, 'schema' | 'unresolved'> {
  const out = new Map<number, 'schema' | 'unresolved'>();
  const n = Math.min(findings, kpis);
  for (let j = 0; j < n; j++) out.set(Math.floor(((j + 0.5) * kpis) / n), j % 2 ? 'unresolved' : 'schema');
  return out;
}

export interface WorkspaceOptions {
  scorecards: number;
  kpisPer: number;
  findingsPer: number;
  reviewed: string;
}

/** The objective of the root that every team scorecard supports; renaming it breaks every dependant. */
export const ROOT_ID = 'company';
export const SHARED_OBJECTIVE = 'goal-0';

/** A root scorecard and `scorecards - 1` team scorecards whose objectives support the root's `goal-0`. */
export function generateWorkspace(o: WorkspaceOptions): GeneratedFile[] {
  const files = [generateScorecard({ id: ROOT_ID, kpis: o.kpisPer, findings: o.findingsPer, reviewed: o.reviewed })];
  for (let t = 1; t < o.scorecards; t++) {
    files.push(
      generateScorecard({
        id: `team-${t}`,
        kpis: o.kpisPer,
        findings: o.findingsPer,
        reviewed: o.reviewed,
        parent: { id: ROOT_ID, objective: SHARED_OBJECTIVE },
      }),
    );
  }
  return files;
}

/** Where an edit replaces text: offsets into the text before the edit. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

/** Changes the target value of KPI `index` to `value` (a plain edit that changes no finding). */
export function targetEdit(text: string, index: number, value: number): TextChange {
  const at = text.indexOf(`  - id: kpi-${index}\n`);
  const key = '    target: { value: ';
  const start = text.indexOf(key, at) + key.length;
  const end = text.indexOf(',', start);
  if (at < 0 || end < 0) throw new Error(`no KPI kpi-${index} with a target in the generated text`);
  return { start, end, text: String(value) };
}

/** Types `typed` inside the quoted name of KPI `index`, before its closing quote (a plain edit that changes no finding). */
export function nameEdit(text: string, index: number, typed: string): TextChange {
  const key = `  - id: kpi-${index}\n    name: "`;
  const at = text.indexOf(key);
  const end = text.indexOf('"\n', at + key.length);
  if (at < 0 || end < 0) throw new Error(`no KPI kpi-${index} with a quoted name in the generated text`);
  return { start: end, end, text: typed };
}

/** Adds an unknown key to KPI `index`: one more schema finding for every validator. */
export function schemaErrorEdit(text: string, index: number): TextChange {
  const at = text.indexOf(`  - id: kpi-${index}\n`);
  if (at < 0) throw new Error(`no KPI kpi-${index} in the generated text`);
  const start = text.indexOf('\n', at) + 1;
  return { start, end: start, text: '    shade: dark\n' };
}

/** Renames the root's shared objective (or renames it back): every team scorecard gains (or loses) one unresolved ref per objective. */
export function renameSharedObjective(text: string, from: string, to: string): TextChange {
  const start = text.indexOf(`  - id: ${from}\n`) + '  - id: '.length;
  if (start < '  - id: '.length) throw new Error(`no objective ${from} in the root scorecard`);
  return { start, end: start + from.length, text: to };
}

export function applyChange(text: string, c: TextChange): string {
  return text.slice(0, c.start) + c.text + text.slice(c.end);
}

/** Where KPI `index` starts (its `- id:` line) and ends (the next item or block), or throws. */
function kpiRange(text: string, index: number): { start: number; end: number } {
  const start = text.indexOf(`  - id: kpi-${index}\n`);
  if (start < 0) throw new Error(`no KPI kpi-${index} in the generated text`);
  const next = /\n(?= {2}- |\S)/g;
  next.lastIndex = start + 1;
  const m = next.exec(text);
  return { start, end: m ? m.index + 1 : text.length };
}

/**
 * Inserts generated KPI `n` (its lines as generateScorecard writes them, without an injected
 * finding) right before KPI `index`. It is clean only where its lever already names it, that is
 * after deleteKpiEdit took KPI `n` out: a KPI that no lever names is a finding of its own
 * (uncontrolled-kpi), and its lever would be in another block, out of one edit's reach.
 */
export function insertKpiEdit(text: string, index: number, n: number): TextChange {
  if (text.includes(`  - id: kpi-${n}\n`)) throw new Error(`KPI kpi-${n} is already in the text`);
  const id = /^scorecard:\n {2}id: (\S+)$/m.exec(text)?.[1];
  if (!id) throw new Error('no scorecard id in the generated text');
  const { start } = kpiRange(text, index);
  return { start, end: start, text: `${kpiLines(id, n).join('\n')}\n` };
}

/** Deletes KPI `index`: its lever then names a KPI that is gone, one more unresolved-ref for kpilens. */
export function deleteKpiEdit(text: string, index: number): TextChange {
  return { ...kpiRange(text, index), text: '' };
}

/** Adds `tier: key` (the default tier, so no finding changes) after the owner of KPI `index`, or takes it out again. */
export function keyEdit(text: string, index: number): TextChange {
  const { start, end } = kpiRange(text, index);
  const line = '    tier: key\n';
  const at = text.indexOf(line, start);
  if (at >= 0 && at < end) return { start: at, end: at + line.length, text: '' };
  const owner = text.indexOf('\n    owner: ', start);
  if (owner < 0 || owner > end) throw new Error(`no owner in KPI kpi-${index} of the generated text`);
  const after = text.indexOf('\n', owner + 1) + 1;
  return { start: after, end: after, text: line };
}

/** Rewrites the vision statement of a root scorecard, with `n` in it so that each edit differs from the one before. */
export function visionEdit(text: string, n: number): TextChange {
  const key = '\nvision:\n  statement: ';
  const at = text.indexOf(key);
  if (at < 0) throw new Error('no vision statement in the generated text');
  const start = at + key.length;
  return { start, end: text.indexOf('\n', start), text: `${VISION}, draft ${n}.` };
}
